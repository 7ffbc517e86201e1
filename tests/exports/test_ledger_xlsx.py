"""The ledger workbook: title, header, section rows, task rows, print setup."""

from __future__ import annotations

import subprocess
import sys

import pytest

from duban.exports import LedgerRow, ledger_rows, ledger_xlsx
from duban.exports.ledger_xlsx import HEADER, WIDTHS
from duban.extract import extract_file
from exports.helpers import open_xlsx

ROWS = [
    LedgerRow(
        section=["一、经济社会发展主要预期目标"],
        seq="1",
        content="全年地区生产总值增长6%以上，力争突破百亿大关。",
        lead_leaders=["苏铨烨"],
        lead_units=["区发展和改革委员会"],
        support_units=["各乡镇人民政府", "区直各单位"],
        progress="一季度完成地区生产总值22.3亿元。",
        status="正常推进",
    ),
    LedgerRow(
        section=["二、重点工作任务", "（一）坚持“项目为王”"],
        seq="1",
        content="推动重大规划编制。",
        lead_leaders=["苏铨烨", "冶祥"],
        lead_units=["区发展和改革委员会", "区自然资源局"],
        support_units=["各乡镇人民政府"],
        deadline="12月底前",
        status="已完成",
    ),
    LedgerRow(
        section=["二、重点工作任务", "（二）坚持生态为基"],
        seq="2",
        content="地区生产总值增长7%左右。",
        lead_units=["区发改局"],
        status="已废止",
    ),
]


@pytest.fixture(scope="module")
def sheet():
    return open_xlsx(ledger_xlsx("平安区2022年重点工作台账", ROWS, issued="截至2022年3月31日"))


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_the_title_is_merged_across_all_columns_in_a_title_font(sheet):
    assert "A1:H1" in merged(sheet)
    title = sheet["A1"]
    assert title.value == "平安区2022年重点工作台账"
    assert title.font.name in ("方正小标宋简体", "黑体")
    assert 16 <= title.font.sz <= 18
    assert title.alignment.horizontal == "center"


def test_the_subtitle_is_merged_under_the_title_and_the_header_follows(sheet):
    assert "A2:H2" in merged(sheet)
    assert sheet["A2"].value == "截至2022年3月31日"
    assert [c.value for c in sheet[3]] == list(HEADER)


def test_without_a_subtitle_the_header_is_the_second_row():
    ws = open_xlsx(ledger_xlsx("台账", ROWS))
    assert [c.value for c in ws[2]] == list(HEADER)
    assert ws.print_title_rows == "$2:$2"
    assert ws.freeze_panes == "A3"


def test_the_header_is_bold_centred_bordered_and_filled(sheet):
    assert list(HEADER) == [
        "序号",
        "工作任务",
        "牵头领导",
        "牵头单位",
        "责任单位",
        "完成时限",
        "进展情况",
        "状态",
    ]
    for cell in sheet[3]:
        assert cell.font.b
        assert cell.alignment.horizontal == "center"
        assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
        assert cell.fill.fill_type == "solid"


def test_each_heading_change_prints_one_merged_bold_section_row(sheet):
    column_a = [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)]
    assert column_a == [
        "一、经济社会发展主要预期目标",
        "1",
        "二、重点工作任务",
        "（一）坚持“项目为王”",
        "1",
        "（二）坚持生态为基",
        "2",
    ]
    for r in (4, 6, 7, 9):
        assert f"A{r}:H{r}" in merged(sheet)
        assert sheet.cell(r, 1).font.b
    assert "A5:H5" not in merged(sheet)


def test_names_are_joined_with_the_enumeration_comma(sheet):
    row = [c.value for c in sheet[8]]
    assert row[2] == "苏铨烨、冶祥"
    assert row[3] == "区发展和改革委员会、区自然资源局"
    assert row[4] == "各乡镇人民政府"
    assert row[5] == "12月底前"
    assert [c.value for c in sheet[5]][4] == "各乡镇人民政府、区直各单位"
    assert [c.value for c in sheet[5]][6] == "一季度完成地区生产总值22.3亿元。"


def test_task_cells_wrap_align_to_the_top_and_have_borders(sheet):
    for cell in sheet[5]:
        assert cell.alignment.wrap_text
        assert cell.alignment.vertical == "top"
        assert cell.border.top.style == "thin"
    assert sheet.row_dimensions[5].height >= 15


def test_column_widths_follow_the_ledger_layout(sheet):
    assert WIDTHS == (6, 50, 12, 20, 28, 14, 40, 10)
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFGH"]
    assert widths == list(WIDTHS)


def test_it_prints_on_a4_landscape_one_page_wide_with_the_header_repeated(sheet):
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert sheet.print_title_rows == "$3:$3"  # header row repeated on every page
    assert sheet.page_margins.left > 0 and sheet.page_margins.top > 0


def test_panes_are_frozen_below_the_header(sheet):
    assert sheet.freeze_panes == "A4"


def test_abolished_tasks_are_marked_and_grey(sheet):
    row = sheet[10]
    assert row[7].value == "已废止"
    assert all(c.font.color is not None and c.font.color.rgb.endswith("808080") for c in row)
    assert sheet[5][0].font.color is None or not sheet[5][0].font.color.rgb.endswith("808080")


def test_a_row_flagged_abolished_is_marked_whatever_its_status():
    ws = open_xlsx(ledger_xlsx("台账", [LedgerRow(seq="1", content="任务。", abolished=True)]))
    assert ws["H3"].value == "已废止"


def test_a_plan_with_two_lists_opens_each_list_with_its_own_row(shared):
    plan = extract_file(shared / "seeds" / "004_89444ed10b1ec1bd.txt")
    rows = ledger_rows(plan)
    ws = open_xlsx(ledger_xlsx("2022年区政府责任清单", rows))
    lines = range(3, ws.max_row + 1)
    sections = [ws.cell(r, 1).value for r in lines if ws.cell(r, 2).value is None]
    assert sections == ["2022年区政府重点工作责任清单", "2022年区政府民生实事责任清单"]
    tasks = [r for r in lines if ws.cell(r, 2).value]
    assert len(tasks) == len(plan.tasks) == 112
    abolished = [ws.cell(r, 8).value for r in tasks].count("已废止")
    assert abolished == sum(t.status == "abolished" for t in plan.tasks) == 2


def test_the_package_does_not_import_django():
    code = "import sys, duban.exports; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

"""The spreadsheet readers, on real .xlsx and .xls files built by tests/builders/sheets.py."""

from builders.sheets import xls, xlsx
from duban.extract import extract_bytes

LEDGER = [
    ["2024年县政府工作报告重点任务台账", None, None, None, None, None],
    ["序号", "类别", "工作任务", "牵头领导", "牵头单位", "配合单位"],
    ["一、稳增长", None, None, None, None, None],
    [1, "（一）扩大投资", "新开工项目50个。", "王强", "县发改局", "县财政局"],
    [2, None, "争取专项债券8亿元。", None, None, None],
    [3, "（二）促进消费", "社零总额增长6%。", "李娟", "县商务局", None],
]
MERGES = ["A1:F1", "A3:F3", "B4:B5", "D4:D5", "E4:E5"]


def test_an_xlsx_ledger_with_merged_cells_is_read_into_tasks():
    plan = extract_bytes(xlsx({"重点任务": LEDGER}, {"重点任务": MERGES}))
    assert [(t.seq, t.section, t.lead_leaders, t.lead_units) for t in plan.tasks] == [
        ("1", ["一、稳增长", "（一）扩大投资"], ["王强"], ["县发改局"]),
        ("2", ["一、稳增长", "（一）扩大投资"], ["王强"], ["县发改局"]),
        ("3", ["一、稳增长", "（二）促进消费"], ["李娟"], ["县商务局"]),
    ]


def test_a_truly_empty_cell_is_not_filled_from_above():
    plan = extract_bytes(xlsx({"重点任务": LEDGER}, {"重点任务": MERGES}))
    assert [t.support_units for t in plan.tasks] == [["县财政局"], [], []]


def test_the_title_row_gives_the_year():
    assert extract_bytes(xlsx({"重点任务": LEDGER}, {"重点任务": MERGES})).document.year == 2024


def test_each_sheet_with_a_table_is_its_own_list():
    second = [
        ["县民生实事清单"],
        ["序号", "工作任务", "牵头单位"],
        [1, "新建幼儿园2所。", "县教育局"],
    ]
    plan = extract_bytes(xlsx({"重点任务": LEDGER, "民生实事": second}, {"重点任务": MERGES}))
    assert [t.list for t in plan.tasks] == ["2024年县政府工作报告重点任务台账"] * 3 + [
        "县民生实事清单"
    ]


def test_header_columns_in_any_order():
    rows = [
        ["牵头单位", "完成时限", "工作任务", "序号"],
        ["县水利局", "6月底前", "完成河道清淤。", 1],
    ]
    task = extract_bytes(xlsx({"表": rows})).tasks[0]
    assert (task.seq, task.content, task.lead_units, task.deadline) == (
        "1",
        "完成河道清淤。",
        ["县水利局"],
        "6月底前",
    )


def test_a_legacy_xls_with_merged_cells():
    rows = [[None if v is None else v for v in row] for row in LEDGER]
    merges = [(0, 0, 0, 5), (2, 2, 0, 5), (3, 4, 1, 1), (3, 4, 3, 3), (3, 4, 4, 4)]
    plan = extract_bytes(xls(rows, merges))
    assert [t.lead_units for t in plan.tasks] == [["县发改局"], ["县发改局"], ["县商务局"]]
    assert plan.tasks[1].section == ["一、稳增长", "（一）扩大投资"]

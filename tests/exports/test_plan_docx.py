"""The plan as a Word notice: page, type, header lines, headings, tasks, lists."""

from __future__ import annotations

import pytest
from docx.shared import Cm

from duban.exports import plan_docx
from duban.exports.layout import Grid
from duban.exports.plan_docx import plan_items, units_text
from duban.extract import Document, Plan, Task
from exports.helpers import east_asian_font, open_docx, texts

DOC = Document(
    doc_number="平政办〔2022〕34号",
    issuer="海东市平安区人民政府办公室",
    title="关于印发区三届人大二次会议《政府工作报告》任务分工方案的通知",
    issue_date="2022-02-28",
    year=2022,
)
TASKS = [
    Task(
        seq="1",
        section=["一、经济社会发展主要预期目标"],
        content="全年地区生产总值增长6%以上，力争突破百亿大关。",
        lead_leaders=["苏铨烨"],
        lead_units=["区发展和改革委员会"],
        support_units=["各乡镇人民政府", "区直各单位"],
    ),
    Task(
        seq="1",
        section=["二、重点工作任务", "（一）坚持“项目为王”，进一步夯实高质量发展“压舱石”"],
        content="推动重大规划编制。",
        lead_leaders=["苏铨烨", "冶祥"],
        lead_units=["区发展和改革委员会"],
        deadline="12月底前",
    ),
    Task(
        seq="2",
        section=["二、重点工作任务", "（一）坚持“项目为王”，进一步夯实高质量发展“压舱石”"],
        content="地区生产总值增长7%左右。",
        lead_units=["区发改局"],
        status="abolished",
    ),
]


@pytest.fixture(scope="module")
def notice():
    plan = Plan(document=DOC, tasks=TASKS)
    return open_docx(plan_docx(plan, addressee="各乡镇人民政府，区直各单位："))


def test_the_page_is_a4_with_the_gb_t_9704_margins(notice):
    section = notice.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert [round(m.cm, 2) for m in (section.top_margin, section.bottom_margin)] == [3.7, 3.5]
    assert [round(m.cm, 2) for m in (section.left_margin, section.right_margin)] == [2.8, 2.6]


def test_fonts_are_named_in_the_east_asian_slot(notice):
    styles = notice.styles
    assert east_asian_font(styles["公文标题"]) == "方正小标宋简体"
    assert east_asian_font(styles["公文正文"]) == "仿宋_GB2312"
    assert east_asian_font(styles["一级标题"]) == "黑体"
    assert east_asian_font(styles["二级标题"]) == "楷体_GB2312"
    body_xml = notice.element.xml
    for name in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"):
        assert f'w:eastAsia="{name}"' in body_xml


def test_the_title_is_erhao_centred_and_the_body_sanhao(notice):
    title = notice.styles["公文标题"]
    assert title.font.size.pt == 22  # 二号
    assert title.paragraph_format.alignment == 1  # centre
    assert notice.styles["公文正文"].font.size.pt == 16  # 三号
    assert notice.styles["公文正文"].paragraph_format.first_line_indent.pt == 32  # two characters


def test_the_doc_number_title_and_addressee_open_the_notice(notice):
    assert texts(notice)[:3] == [
        ("发文字号", "平政办〔2022〕34号"),
        ("公文标题", DOC.title),
        ("主送机关", "各乡镇人民政府，区直各单位："),
    ]


def test_the_addressee_line_is_left_out_unless_given():
    plain = open_docx(plan_docx(Plan(document=DOC, tasks=TASKS)))
    assert "主送机关" not in [style for style, _ in texts(plain)]


def test_headings_keep_their_ordinals_in_heiti_and_kaiti(notice):
    headings = [(s, t) for s, t in texts(notice) if s.endswith("级标题")]
    assert headings == [
        ("一级标题", "一、经济社会发展主要预期目标"),
        ("一级标题", "二、重点工作任务"),
        ("二级标题", "（一）坚持“项目为王”，进一步夯实高质量发展“压舱石”"),
    ]


def test_each_task_is_a_numbered_paragraph_followed_by_its_labelled_lines(notice):
    lines = [t for _, t in texts(notice)]
    first = lines.index("1．全年地区生产总值增长6%以上，力争突破百亿大关。")
    assert lines[first + 1 : first + 4] == [
        "牵头领导：苏铨烨",
        "牵头单位：区发展和改革委员会",
        "责任单位：各乡镇人民政府、区直各单位",
    ]
    second = lines.index("1．推动重大规划编制。")
    assert lines[second + 1 : second + 4] == [
        "牵头领导：苏铨烨、冶祥",
        "牵头单位：区发展和改革委员会",
        "完成时限：12月底前",  # no 责任单位 line: the task names none
    ]


def test_an_abolished_task_is_marked(notice):
    assert "2．地区生产总值增长7%左右。（废止）" in [t for _, t in texts(notice)]


def test_the_signature_and_date_close_the_text(notice):
    assert texts(notice)[-2:] == [
        ("发文机关署名", "海东市平安区人民政府办公室"),
        ("成文日期", "2022年2月28日"),
    ]


def test_several_lists_become_attachments_each_on_a_new_page():
    tasks = [
        Task(seq="1", content="新增就业1500人。", lead_units=["县人社局"], list="重点工作清单"),
        Task(seq="1", content="新建幼儿园3所。", lead_units=["县教育局"], list="民生实事清单"),
    ]
    notice = open_docx(plan_docx(Plan(document=DOC, tasks=tasks)))
    lines = texts(notice)
    assert ("附件说明", "附件：1．重点工作清单") in lines
    marks = [p for p in notice.paragraphs if p.style.name == "附件标识"]
    assert [p.text for p in marks] == ["附件1", "附件2"]
    assert all(p.paragraph_format.page_break_before for p in marks)
    signature = lines.index(("发文机关署名", DOC.issuer))
    assert signature < lines.index(("附件标识", "附件1"))  # GB/T 9704: attachments follow the date
    assert lines[lines.index(("附件标识", "附件2")) + 1] == ("公文标题", "民生实事清单")


def test_categories_without_ordinals_are_printed_as_a_table_on_landscape_pages():
    tasks = [
        Task(
            seq="1", section=["科技创新"], content="新增高新技术企业10家。", lead_units=["县科技局"]
        ),
        Task(seq="2", section=["开放合作"], content="进出口总额增长8%。", lead_units=["县商务局"]),
    ]
    plan = Plan(document=DOC, tasks=tasks)
    assert [type(i) for i in plan_items(plan)].count(Grid) == 1
    notice = open_docx(plan_docx(plan))
    (table,) = notice.tables
    assert [c.text for c in table.rows[0].cells] == [
        "类别",
        "序号",
        "工作任务",
        "牵头单位",
        "责任单位",
    ]
    assert [c.text for c in table.rows[1].cells][:3] == ["科技创新", "1", "新增高新技术企业10家。"]
    assert notice.sections[-1].page_width > notice.sections[-1].page_height
    assert round(notice.sections[-1].page_width.cm, 1) == round(Cm(29.7).cm, 1)


def test_unit_names_that_would_run_together_are_set_apart_with_commas():
    assert units_text(["区发展和改革委员会", "区财政局"]) == "区发展和改革委员会、区财政局"
    # With 、 the 各 of 各乡镇 would spread to 园区 (各园区): a comma keeps them apart.
    assert units_text(["各乡镇", "园区"]) == "各乡镇，园区"


def test_a_long_heading_before_an_unnumbered_task_ends_with_a_stop():
    heading = "二、聚焦生态提质，在优环境、促转化上奋进突破"
    task = Task(
        seq="",
        section=[heading],
        content="全年空气质量优良天数比例达到85%。",
        lead_units=["县生态环境局"],
    )
    lines = [getattr(i, "text", None) for i in plan_items(Plan(document=DOC, tasks=[task]))]
    # Without the stop the reader would take the task's text for the rest of the heading.
    assert heading + "。" in lines

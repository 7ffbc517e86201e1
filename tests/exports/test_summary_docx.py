"""The quarterly summary: title, period, counts, sections, tasks and their reports."""

from __future__ import annotations

import pytest

from duban.exports import SummaryCounts, SummarySection, SummaryTask, summary_docx
from exports.helpers import east_asian_font, open_docx, texts

SECTIONS = [
    SummarySection(
        "一、经济社会发展主要预期目标",
        [
            SummaryTask(
                seq="1",
                content="全年地区生产总值增长6%以上，力争突破百亿大关。",
                lead_units=["区发展和改革委员会"],
                progress="一季度完成地区生产总值22.3亿元，同比增长6.2%。",
                problems="部分项目开工滞后。",
                next_steps="加快项目前期手续办理。",
                status="正常推进",
            ),
            SummaryTask(
                seq="2",
                content="区属固定资产投资增长6%。",
                lead_units=["区发展和改革委员会", "区财政局"],
                status="未报送",
            ),
        ],
    ),
    SummarySection(
        "二、重点工作任务",
        [
            SummaryTask(
                content="推动重大规划编制。",
                lead_units=["区自然资源局"],
                progress="已完成编制。",
                status="已完成",
            ),
            SummaryTask(content="推进老旧小区改造。", progress="进度滞后。", status="滞后"),
        ],
    ),
]
TITLE = "2022年《政府工作报告》重点任务进展情况汇总"


@pytest.fixture(scope="module")
def summary():
    counts = SummaryCounts(total=37, completed=5, on_track=25, behind=4, not_reported=3)
    data = summary_docx(
        TITLE,
        "2022年第一季度",
        SECTIONS,
        counts=counts,
        issuer="海东市平安区人民政府办公室",
        date="2022年4月10日",
    )
    return open_docx(data)


def test_the_summary_opens_with_its_title_and_period(summary):
    assert texts(summary)[:2] == [("公文标题", TITLE), ("副标题", "（2022年第一季度）")]


def test_the_overview_states_the_counts_passed_in(summary):
    overview = texts(summary)[2][1]
    assert overview.startswith("2022年第一季度，纳入督办的任务共37项。")
    for part in ("已完成5项", "正常推进25项", "滞后4项", "未报送进展3项"):
        assert part in overview


def test_counts_default_to_the_tasks_status_labels():
    overview = texts(open_docx(summary_docx(TITLE, "2022年第一季度", SECTIONS)))[2][1]
    assert "任务共4项" in overview
    for part in ("已完成1项", "正常推进1项", "滞后1项", "未报送进展1项"):
        assert part in overview


def test_each_section_heading_is_followed_by_its_tasks_with_lead_units(summary):
    lines = texts(summary)
    headings = [t for s, t in lines if s == "一级标题"]
    assert headings == ["一、经济社会发展主要预期目标", "二、重点工作任务"]
    tasks = [t for s, t in lines if s == "任务标题"]
    assert tasks == [
        "1．全年地区生产总值增长6%以上，力争突破百亿大关。（区发展和改革委员会）",
        "2．区属固定资产投资增长6%。（区发展和改革委员会、区财政局）",
        "1．推动重大规划编制。（区自然资源局）",  # numbered within its section
        "2．推进老旧小区改造。",  # no lead unit given: no bracket
    ]
    order = [t for _, t in lines]
    assert order.index(headings[1]) == order.index(tasks[2]) - 1


def test_reports_follow_their_task_and_empty_parts_are_left_out(summary):
    lines = [t for _, t in texts(summary)]
    first = lines.index("1．全年地区生产总值增长6%以上，力争突破百亿大关。（区发展和改革委员会）")
    assert lines[first + 1 : first + 4] == [
        "进展情况：一季度完成地区生产总值22.3亿元，同比增长6.2%。",
        "存在问题：部分项目开工滞后。",
        "下一步措施：加快项目前期手续办理。",
    ]
    third = lines.index("1．推动重大规划编制。（区自然资源局）")
    assert lines[third + 1 : third + 3] == ["进展情况：已完成编制。", "2．推进老旧小区改造。"]


def test_a_task_without_a_report_says_so(summary):
    lines = [t for _, t in texts(summary)]
    missing = lines.index("2．区属固定资产投资增长6%。（区发展和改革委员会、区财政局）")
    assert lines[missing + 1] == "进展情况：本期未报送。"


def test_labels_are_bold(summary):
    paragraph = next(p for p in summary.paragraphs if p.text.startswith("存在问题："))
    assert paragraph.runs[0].text == "存在问题：" and paragraph.runs[0].bold
    assert not paragraph.runs[1].bold


def test_the_signature_and_date_close_the_summary(summary):
    assert texts(summary)[-2:] == [
        ("发文机关署名", "海东市平安区人民政府办公室"),
        ("成文日期", "2022年4月10日"),
    ]


def test_fonts_sizes_and_margins_follow_gb_t_9704(summary):
    section = summary.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.cm, 2) for m in margins] == [3.7, 3.5, 2.8, 2.6]
    assert east_asian_font(summary.styles["公文标题"]) == "方正小标宋简体"
    assert summary.styles["公文标题"].font.size.pt == 22
    assert east_asian_font(summary.styles["公文正文"]) == "仿宋_GB2312"
    assert summary.styles["公文正文"].font.size.pt == 16
    assert east_asian_font(summary.styles["一级标题"]) == "黑体"
    assert 'w:eastAsia="仿宋_GB2312"' in summary.element.xml

"""The quarterly progress summary (季度进展情况汇总) as a GB/T 9704 Word file.

Each quarter the 督查室 reports upwards where the year's tasks stand: the
counts first (how many tasks, how many done, on track, behind, not reported),
then section by section each task with what its lead unit reported. The
caller gathers the reports (accepted ones, the latest per task) into plain
`SummarySection`s; this module only sets them in type.
"""

from __future__ import annotations

from duban.exports import docx_style as s
from duban.exports.data import SummaryCounts, SummarySection, SummaryTask

# Status labels counted when the caller passes no counts (reporting's labels).
COMPLETED, ON_TRACK, BEHIND, NOT_REPORTED = "已完成", "正常推进", "滞后", "未报送"
SUBTITLE = s.Look("副标题", "DubanSubtitle", s.KAITI, align="center", space_after=1)
TASK = s.Look("任务标题", "DubanTask", bold=True, first_indent=2, outline=1)


def summary_docx(
    title: str,
    period_label: str,
    sections: list[SummarySection],
    *,
    counts: SummaryCounts | None = None,
    issuer: str | None = None,
    date: str | None = None,
) -> bytes:
    """The summary; `counts` default to counting the tasks' status labels,
    `issuer` and `date` (成文日期 as printed, 2022年4月10日) sign it off."""
    counts = counts or count(sections)
    document = s.OfficialDocument()
    document.paragraph(s.TITLE, title)
    document.paragraph(SUBTITLE, f"（{period_label}）")
    document.paragraph(s.BODY, overview(period_label, counts))
    for section in sections:
        document.paragraph(s.HEADING1, section.heading)
        for number, task in enumerate(section.tasks, 1):
            document.paragraph(TASK, task_line(task, number))
            for label, text in _reports(task):
                document.labelled(s.BODY, f"{label}：", text)
    if issuer:
        document.blank()
        document.paragraph(s.SIGNATURE, issuer)
    if date:
        document.paragraph(s.DATE, date)
    return document.to_bytes()


def overview(period_label: str, counts: SummaryCounts) -> str:
    return (
        f"{period_label}，纳入督办的任务共{counts.total}项。其中，已完成{counts.completed}项，"
        f"正常推进{counts.on_track}项，滞后{counts.behind}项，未报送进展{counts.not_reported}项。"
    )


def task_line(task: SummaryTask, number: int) -> str:
    """ "N．任务内容（牵头单位）": the plan's number where it has one."""
    seq = task.seq or str(number)
    units = f"（{'、'.join(task.lead_units)}）" if task.lead_units else ""
    return f"{seq}．{task.content}{units}"


def count(sections: list[SummarySection]) -> SummaryCounts:
    """Counts from the tasks' status labels; a task without a report counts as 未报送."""
    tasks = [t for section in sections for t in section.tasks]
    statuses = [t.status or (NOT_REPORTED if not t.progress else "") for t in tasks]
    return SummaryCounts(
        total=len(tasks),
        completed=statuses.count(COMPLETED),
        on_track=statuses.count(ON_TRACK),
        behind=statuses.count(BEHIND),
        not_reported=statuses.count(NOT_REPORTED),
    )


def _reports(task: SummaryTask) -> list[tuple[str, str]]:
    """进展情况 always (本期未报送 when missing); 存在问题, 下一步措施 when given."""
    parts = [("进展情况", task.progress or "本期未报送。")]
    if task.problems:
        parts.append(("存在问题", task.problems))
    if task.next_steps:
        parts.append(("下一步措施", task.next_steps))
    return parts

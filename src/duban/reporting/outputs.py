"""A plan from the database as the official outputs: the ledger (.xlsx), the
quarterly summary (.docx) and the plan itself (.docx).

The writers in `duban.exports` take plain data; this module gathers it: names
as the notice printed them (so the plan round-trips through the reader), and
each task's latest progress from the reports that reached the office.
"""

from __future__ import annotations

from django.db.models import Prefetch

from duban import clock
from duban.errors import UserError
from duban.exports.data import SummarySection, SummaryTask
from duban.exports.ledger_xlsx import ledger_rows, ledger_xlsx
from duban.exports.plan_docx import plan_docx
from duban.exports.summary_docx import summary_docx
from duban.extract import Document
from duban.extract import Plan as PlainPlan
from duban.extract import Task as PlainTask
from duban.ledger.choices import Role, TaskState
from duban.ledger.models import Assignment, Plan, Task
from duban.reporting import periods
from duban.reporting.choices import ProgressStatus, ReportState, RuleKind
from duban.reporting.models import Report

KINDS = ("ledger", "summary", "plan")
_DELIVERED = (ReportState.APPROVED, ReportState.ACCEPTED)
_STATE_LABEL = {TaskState.CLOSED: "已办结", TaskState.ABOLISHED: "已废止"}


def plain_plan(plan: Plan) -> PlainPlan:
    tasks = plan.tasks.order_by("position").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.order_by("role", "position"))
    )
    return PlainPlan(
        document=Document(
            doc_number=plan.doc_number or None,
            issuer=plan.issuer or None,
            title=plan.title or None,
            issue_date=plan.issue_date.isoformat() if plan.issue_date else None,
            year=plan.year,
        ),
        tasks=[_plain_task(t) for t in tasks],
    )


def _plain_task(task: Task) -> PlainTask:
    names = {role: [] for role in Role.values}
    for a in task.assignments.all():
        names[a.role].append(a.name)
    return PlainTask(
        content=task.content,
        seq=task.seq,
        section=list(task.section),
        list=task.list_title or None,
        lead_leaders=names[Role.LEADER],
        lead_units=names[Role.LEAD],
        support_units=names[Role.SUPPORT],
        deadline=task.deadline or None,
        status="abolished" if task.state == TaskState.ABOLISHED else "active",
    )


def ledger_file(plan: Plan) -> bytes:
    latest = _latest_reports(plan)
    tasks = list(plan.tasks.order_by("position"))
    rows = ledger_rows(
        plain_plan(plan), {k: _progress(latest.get(t.pk)) for k, t in enumerate(tasks)}
    )
    for row, task in zip(rows, tasks, strict=True):
        row.status = _STATE_LABEL.get(task.state) or _status_label(task)
    today = clock.today()
    return ledger_xlsx(
        f"{plan.title or plan}台账", rows, issued=f"截至{today.year}年{today.month}月{today.day}日"
    )


def plan_file(plan: Plan) -> bytes:
    return plan_docx(plain_plan(plan))


def summary_file(plan: Plan, period: str) -> bytes:
    """The progress summary of a quarter ("2022-Q1"), from the lead units' reports."""
    label = _quarter_label(plan, period)
    reports = {
        r.obligation.task_id: r
        for r in Report.objects.filter(
            obligation__task__plan=plan,
            obligation__period=period,
            obligation__rule__kind=RuleKind.LEAD_QUARTERLY,
            state__in=_DELIVERED,
        )
        .select_related("obligation")
        .order_by("obligation_id", "version")
    }
    sections: dict[str, SummarySection] = {}
    for task in (
        plan.tasks.filter(state__in=(TaskState.ACTIVE, TaskState.CLOSED))
        .order_by("position")
        .prefetch_related("assignments")
    ):
        heading = task.section_title or "其他任务"
        section = sections.setdefault(heading, SummarySection(heading=heading))
        report = reports.get(task.pk)
        section.tasks.append(
            SummaryTask(
                seq=task.seq,
                content=task.content,
                lead_units=[a.name for a in task.assignments.all() if a.role == Role.LEAD],
                progress=report.progress if report else "",
                problems=report.problems if report else "",
                next_steps=report.next_steps if report else "",
                status=_report_status(report),
            )
        )
    title = f"{plan.title or plan}进展情况汇总"
    return summary_docx(title, label, list(sections.values()), issuer=plan.issuer or None)


def _quarter_label(plan: Plan, period: str) -> str:
    try:
        year, quarter = period.split("-Q")
        return periods.quarter(int(year), int(quarter)).label
    except (ValueError, IndexError):
        raise UserError(
            f"报送期“{period}”无法识别，请写成 2022-Q1 这样的季度。", f"bad period {period!r}"
        ) from None


def _latest_reports(plan: Plan) -> dict[int, Report]:
    latest: dict[int, Report] = {}
    for r in (
        Report.objects.filter(obligation__task__plan=plan, state__in=_DELIVERED)
        .exclude(obligation__rule__kind=RuleKind.SUPPORT_MONTHLY)
        .select_related("obligation")
        .order_by("obligation__period_end", "version")
    ):
        latest[r.obligation.task_id] = r
    return latest


def _progress(report: Report | None) -> str:
    return report.progress if report else ""


def _status_label(task: Task) -> str:
    return ProgressStatus(task.progress_status).label if task.progress_status else "未报送"


def _report_status(report: Report | None) -> str:
    return ProgressStatus(report.status).label if report else "未报送"

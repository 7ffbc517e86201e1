"""Where each obligation and each task stands today: the lights of the ledger.

Obligation: fulfilled (the report reached its recipient: a support unit's report
once submitted, a lead unit's once signed by its head) → 正常, or 滞后 when
the report says so, or 提前 when it reports the task done; not fulfilled →
逾期 after the due date, 临期 within `soon` working days of it, else 正常.
Task: 已办结 when closed; 逾期 past its due date; 滞后 when the latest report
says so or an actual value lags far behind its target for the time elapsed;
临期 near its due date; 提前 when reported done before it; else 正常.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q

from duban.ledger.choices import TaskState
from duban.ledger.models import Task
from duban.reporting.choices import ProgressStatus, ReportState, RuleKind, Standing
from duban.reporting.models import Obligation, Report
from duban.reporting.workdays import Workdays

SOON_WORKDAYS = 3
# An actual below this share of the target-to-date counts as far behind.
FAR_BEHIND = 0.5


def fulfilled(obligation: Obligation, report: Report | None) -> bool:
    if report is None:
        return False
    if obligation.rule.kind == RuleKind.SUPPORT_MONTHLY:
        return report.state != ReportState.DRAFT
    return report.state in (ReportState.APPROVED, ReportState.ACCEPTED)


def fulfilled_q() -> Q:
    """`fulfilled` as a filter on obligations, for lists and runs that must not
    load a year of fulfilled obligations only to skip them."""
    reports = Report.objects.filter(obligation=OuterRef("pk"))
    submitted = reports.exclude(state=ReportState.DRAFT)
    signed = reports.filter(state__in=[ReportState.APPROVED, ReportState.ACCEPTED])
    support = Q(rule__kind=RuleKind.SUPPORT_MONTHLY)
    return (support & Exists(submitted)) | (~support & Exists(signed))


def obligation_standing(
    obligation: Obligation,
    report: Report | None,
    today: dt.date,
    workdays: Workdays,
    soon: int = SOON_WORKDAYS,
) -> Standing:
    if fulfilled(obligation, report):
        if report.status == ProgressStatus.BEHIND:
            return Standing.BEHIND
        if report.status == ProgressStatus.DONE:
            return Standing.AHEAD
        return Standing.ON_TIME
    if today > obligation.due:
        return Standing.OVERDUE
    if workdays.between(today, obligation.due) <= soon:
        return Standing.DUE_SOON
    return Standing.ON_TIME


def task_standing(
    task: Task, today: dt.date, workdays: Workdays, soon: int = SOON_WORKDAYS
) -> Standing:
    if task.state == TaskState.CLOSED:
        return Standing.CLOSED
    if task.progress_status == ProgressStatus.DONE:
        return Standing.AHEAD if task.due is None or today <= task.due else Standing.ON_TIME
    if task.due and today > task.due:
        return Standing.OVERDUE
    if task.progress_status == ProgressStatus.BEHIND or lags_target(task, today):
        return Standing.BEHIND
    if task.due and workdays.between(today, task.due) <= soon:
        return Standing.DUE_SOON
    return Standing.ON_TIME


def lags_target(task: Task, today: dt.date) -> bool:
    """An actual far below the share of its target that the time elapsed calls for.
    Only 'at least' level targets count: a growth rate has no meaningful share."""
    year = today.year
    end = task.due or dt.date(year, 12, 31)
    start = dt.date(end.year, 1, 1)
    elapsed = min(max((today - start).days / max((end - start).days, 1), 0.0), 1.0)
    for target, actual in zip(task.targets, task.actuals or [], strict=False):
        if actual is None or target.get("kind") != "level" or not target.get("value"):
            continue
        if target.get("comparator") in (">=", "=", "~") and actual < (
            FAR_BEHIND * elapsed * target["value"]
        ):
            return True
    return False

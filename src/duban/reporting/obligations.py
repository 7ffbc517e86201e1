"""Turning a plan's reporting rules into obligations: who owes which report, when.

- SUPPORT_MONTHLY: every support unit of a task, every month up to the task's
  due month, by day N (to the lead unit);
- LEAD_QUARTERLY: every lead unit, every quarter, by day N of the quarter's
  last month (to the office);
- FIXED_DATES: every lead unit, on each fixed date (6/30, 9/30, 12/31);
- ADHOC: every lead unit of the chosen tasks, once, by the rule's date.
A collective (各乡镇人民政府) is expanded to its member units, since only
units have people who report. Due dates on a day off move to the next working
day. Generating twice creates nothing new (unique obligations).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from duban.directory.models import Unit
from duban.errors import UserError
from duban.ledger.choices import Role, TaskState
from duban.ledger.models import Plan, Task
from duban.reporting import periods
from duban.reporting.choices import RuleKind
from duban.reporting.models import Obligation, ReportingRule
from duban.reporting.workdays import Workdays

PRESETS = {
    "monthly_25": ("配合单位每月25日前向牵头单位报送", RuleKind.SUPPORT_MONTHLY, {"day": 25}),
    "quarterly_25": (
        "牵头单位每季度末月25日前向政府办报送",
        RuleKind.LEAD_QUARTERLY,
        {"day": 25},
    ),
    "fixed_half_q3_year": (
        "6月30日、9月30日、12月31日前报送半年、前三季度、全年情况",
        RuleKind.FIXED_DATES,
        {"dates": ["06-30", "09-30", "12-31"]},
    ),
}
DEFAULT_PRESETS = ("monthly_25", "quarterly_25")


def add_preset(plan: Plan, preset: str, first_month: int = 1) -> ReportingRule:
    title, kind, options = PRESETS[preset]
    return ReportingRule.objects.create(
        plan=plan, kind=kind, title=title, first_month=first_month, **options
    )


@transaction.atomic
def generate(rule: ReportingRule, workdays: Workdays | None = None) -> int:
    """Create the rule's missing obligations; return how many were created."""
    year = rule.plan.year
    if not year:
        raise UserError(
            "方案没有年度，无法生成报送安排。请先在方案中填写年度。", "plan without year"
        )
    workdays = workdays or Workdays()
    tasks = list(rule.tasks.all()) or list(
        rule.plan.tasks.filter(state=TaskState.ACTIVE).prefetch_related(
            "assignments__unit__members"
        )
    )
    role = Role.SUPPORT if rule.kind == RuleKind.SUPPORT_MONTHLY else Role.LEAD
    rows = [
        Obligation(
            rule=rule,
            task=task,
            unit=unit,
            period=p.key,
            period_label=p.label,
            period_start=p.start,
            period_end=p.end,
            due=workdays.on_or_after(due),
        )
        for task in tasks
        for unit in reporting_units(task, role)
        for p, due in _schedule(rule, task, year)
    ]
    before = Obligation.objects.filter(rule=rule).count()
    Obligation.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return Obligation.objects.filter(rule=rule).count() - before


def reporting_units(task: Task, role: str) -> list[Unit]:
    """The units that report for `task` in `role`, collectives expanded to members."""
    units: dict[int, Unit] = {}
    for a in task.assignments.all():
        if a.role != role or a.unit is None:
            continue
        members = list(a.unit.members.all()) if a.unit.is_collective else [a.unit]
        for unit in members:
            units.setdefault(unit.pk, unit)
    return list(units.values())


def _schedule(rule: ReportingRule, task: Task, year: int):
    """(period, nominal due date) pairs of the rule for one task."""
    last = task.due if task.due and task.due.year == year else dt.date(year, 12, 31)
    if rule.kind == RuleKind.SUPPORT_MONTHLY:
        for m in range(rule.first_month, last.month + 1):
            yield periods.month(year, m), periods.day_in_month(year, m, rule.day or 25)
    elif rule.kind == RuleKind.LEAD_QUARTERLY:
        for q in range(periods.quarter_of(dt.date(year, rule.first_month, 1)), 5):
            p = periods.quarter(year, q)
            if p.start <= last:
                yield p, periods.day_in_month(year, 3 * q, rule.day or 25)
    elif rule.kind == RuleKind.FIXED_DATES:
        previous = None
        for month_day in sorted(rule.dates):
            p = periods.fixed(year, month_day, previous)
            previous = p.end
            if p.end.month >= rule.first_month:
                yield p, p.end
    elif rule.kind == RuleKind.ADHOC and rule.due_date:
        start = rule.created_at.date() if rule.created_at else rule.due_date
        yield (
            periods.Period(f"adhoc-{rule.pk}", rule.title or "临时报送", start, rule.due_date),
            rule.due_date,
        )

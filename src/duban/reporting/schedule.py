"""A plan's tasks read into dates and numbers, and its reporting set up.

On confirmation every task's time requirement becomes a due date, a cadence
and milestones (extract/deadlines.py), and its text yields numeric targets
(extract/targets.py). A plan confirmed without reporting rules gets the default
presets (monthly support reports and quarterly lead reports by the 25th),
which the office can change; obligations are then (re)generated.
"""

from __future__ import annotations

from django.db import transaction

from duban import clock
from duban.extract.deadlines import parse_deadline
from duban.extract.targets import extract_targets
from duban.ledger.choices import TaskState
from duban.ledger.models import Plan, Task
from duban.reporting.models import Obligation
from duban.reporting.obligations import DEFAULT_PRESETS, add_preset, generate
from duban.reporting.workdays import Workdays


def read_task(task: Task, year: int | None) -> None:
    """Fill a task's due date, cadence, milestones and targets from its text."""
    parsed = parse_deadline(task.deadline or None, year or clock.today().year, task.content)
    task.due = parsed.due
    task.cadence = parsed.cadence or ""
    task.ongoing = parsed.ongoing
    task.deadline_recognized = parsed.recognized
    task.milestones = parsed.to_json()["milestones"]
    task.targets = [t.to_json() for t in extract_targets(task.content)]


@transaction.atomic
def set_up(plan: Plan) -> int:
    """Read the plan's tasks, add default rules if it has none, generate obligations,
    and drop the still-empty obligations of tasks no longer in progress."""
    tasks = list(plan.tasks.all())
    for task in tasks:
        read_task(task, plan.year)
    Task.objects.bulk_update(
        tasks,
        ["due", "cadence", "ongoing", "deadline_recognized", "milestones", "targets"],
        batch_size=500,
    )
    if not plan.year:
        return 0
    if not plan.reporting_rules.exists():
        today = clock.today()
        first = today.month if today.year == plan.year else 1
        for preset in DEFAULT_PRESETS:
            add_preset(plan, preset, first_month=first)
    workdays = Workdays()
    created = sum(generate(rule, workdays) for rule in plan.reporting_rules.filter(active=True))
    Obligation.objects.filter(task__plan=plan, reports=None, due__gte=clock.today()).exclude(
        task__state=TaskState.ACTIVE
    ).delete()
    return created


def on_plan_confirmed(sender, plan: Plan, **kwargs) -> None:
    set_up(plan)

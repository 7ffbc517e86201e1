"""The lights: where an obligation and a task stand on a given day."""

from __future__ import annotations

import datetime as dt

import pytest

from duban.ledger.models import Task
from duban.reporting.models import Obligation, Report
from duban.reporting.standing import obligation_standing, task_standing
from duban.reporting.workdays import Workdays

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(world):
    return Obligation.objects.get(
        rule__kind="support_monthly", unit=world.units["town"], period="2022-03"
    )


@pytest.mark.parametrize(
    ("today", "standing"),
    [
        (dt.date(2022, 3, 10), "on_time"),
        (dt.date(2022, 3, 22), "due_soon"),
        (dt.date(2022, 3, 25), "due_soon"),
        (dt.date(2022, 3, 28), "overdue"),
    ],
)
def test_an_unfiled_obligation_turns_yellow_then_red(march, today, standing):
    assert obligation_standing(march, None, today, Workdays()) == standing


def test_a_submitted_report_fulfils_a_monthly_obligation_whatever_the_day(march):
    report = Report(obligation=march, state="submitted", status="behind")
    assert obligation_standing(march, report, dt.date(2022, 4, 30), Workdays()) == "behind"
    report.status = "done"
    assert obligation_standing(march, report, dt.date(2022, 4, 30), Workdays()) == "ahead"
    draft = Report(obligation=march, state="draft")
    assert obligation_standing(march, draft, dt.date(2022, 4, 30), Workdays()) == "overdue"


def test_a_quarterly_report_counts_once_the_head_has_signed(world):
    q1 = Obligation.objects.get(rule__kind="lead_quarterly", task=world.tasks[0], period="2022-Q1")
    day = dt.date(2022, 3, 29)
    submitted = Report(obligation=q1, state="submitted")
    assert obligation_standing(q1, submitted, day, Workdays()) == "overdue"
    approved = Report(obligation=q1, state="approved")
    assert obligation_standing(q1, approved, day, Workdays()) == "on_time"


def test_task_lights(world):
    task = Task(due=dt.date(2022, 6, 30), state="active", targets=[], actuals=[])
    days = Workdays()
    assert task_standing(task, dt.date(2022, 5, 1), days) == "on_time"
    assert task_standing(task, dt.date(2022, 6, 28), days) == "due_soon"
    assert task_standing(task, dt.date(2022, 7, 1), days) == "overdue"
    task.progress_status = "behind"
    assert task_standing(task, dt.date(2022, 5, 1), days) == "behind"
    task.progress_status = "done"
    assert task_standing(task, dt.date(2022, 5, 1), days) == "ahead"
    task.state = "closed"
    assert task_standing(task, dt.date(2022, 8, 1), days) == "closed"


def test_an_actual_far_below_its_target_for_the_time_elapsed_is_behind(world):
    target = {"metric": "改造老旧小区", "comparator": ">=", "value": 100, "kind": "level"}
    task = Task(due=dt.date(2022, 12, 31), state="active", targets=[target], actuals=[10])
    assert task_standing(task, dt.date(2022, 7, 1), Workdays()) == "behind"
    task.actuals = [40]
    assert task_standing(task, dt.date(2022, 7, 1), Workdays()) == "on_time"

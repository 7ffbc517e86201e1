"""The dashboard's numbers for the prepared quarter (scenario.py), for the
office and for a leader, and the query count that does not grow with tasks."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duban import clock
from duban.dashboards.figures import plan_figures
from duban.ledger.choices import Role
from duban.ledger.models import Assignment, Task
from duban.reporting.models import Instruction
from duban.reporting.workdays import Workdays
from web.dashboards.scenario import TODAY, prepare

pytestmark = pytest.mark.django_db


@pytest.fixture
def april(world):
    prepare(world)
    with clock.frozen_at(TODAY):
        yield world


def figures_for(world, persona: str) -> dict:
    tasks = Task.objects.restrict(world.users[persona])
    return plan_figures(world.plan, tasks, TODAY, Workdays())


def counts(chart) -> dict[str, list[int]]:
    return {row["name"]: row["counts"] for row in chart["rows"]}


def test_the_office_sees_every_task_by_light(april):
    figures = figures_for(april, "admin")
    assert figures["total"] == 3
    assert [(i["label"], i["count"]) for i in figures["overall"]] == [
        ("已办结/提前", 1),
        ("正常", 0),
        ("临期", 0),
        ("滞后", 1),
        ("逾期", 1),
    ]
    assert figures["done_share"] == 33
    #                                     done on_time soon behind overdue
    assert counts(figures["by_section"]) == {"一、重点工作": [1, 0, 0, 1, 1]}
    assert figures["by_section"]["rows"][0]["done_share"] == 33
    # Ties by number of tasks are ordered by name, in Python.
    assert counts(figures["by_unit"]) == {
        "区发展和改革委员会": [0, 0, 0, 0, 1],
        "区教育局": [1, 0, 0, 0, 0],
        "区财政局": [0, 0, 0, 1, 0],
    }
    assert figures["by_unit"]["categories"] == ["区发展和改革委员会", "区教育局", "区财政局"]
    assert figures["by_leader"]["categories"] == ["王强", "苏铨烨"]
    assert counts(figures["by_leader"]) == {"王强": [1, 0, 0, 1, 0], "苏铨烨": [0, 0, 0, 0, 1]}
    assert [t.pk for t in figures["overdue"]] == [april.tasks[0].pk]
    assert [t.pk for t in figures["behind"]] == [april.tasks[1].pk]


def test_on_time_reporting_by_month_of_the_due_date(april):
    trend = figures_for(april, "admin")["trend"]
    assert [(r["month"], r["total"], r["in_time"], r["share"]) for r in trend["rows"]] == [
        ("2022年1月", 2, 1, 50),
        ("2022年2月", 2, 0, 0),
        ("2022年3月", 5, 2, 40),
    ]
    assert trend["values"] == [50, 0, 40]


def test_targets_against_actuals(april):
    figures = figures_for(april, "admin")
    rows = [(r["task"].pk, r["target"], r["actual"], r["achieved"]) for r in figures["targets"]]
    # A growth rate has no share achieved; a level target has.
    assert rows == [
        (april.tasks[1].pk, "6 %", "", None),
        (april.tasks[2].pk, "3 所", "2 所", 67),
    ]
    assert figures["targets_chart"]["values"] == [67]
    assert figures["targets_chart"]["categories"] == ["3. 新建幼儿园"]


def test_a_leader_sees_the_tasks_the_leader_leads(april):
    figures = figures_for(april, "leader")
    assert figures["total"] == 1
    assert counts(figures["by_leader"]) == {"苏铨烨": [0, 0, 0, 0, 1]}
    trend = figures["trend"]["rows"]
    assert [(r["total"], r["in_time"]) for r in trend] == [(1, 1), (1, 0), (2, 2)]
    assert figures["targets"] == []


def test_the_cockpit_lists_the_leaders_unanswered_instructions(april, login):
    leader = april.users["leader"]
    task = april.tasks[0]
    Instruction.objects.create(task=task, leader=leader.person, author=leader, text="加快评估进度")
    Instruction.objects.create(
        task=task, leader=leader.person, author=leader, text="已办的批示",
        answer="已落实", answered_at=clock.now(),
    )  # fmt: skip
    page = login("leader").get(reverse("dashboards:cockpit")).content.decode()
    assert "领导驾驶舱" in page and "加快评估进度" in page and "已办的批示" not in page
    assert "待落实的批示（1）" in page


def _more_tasks(world, n: int) -> None:
    """Copies of task 3 (with its lead unit and leader) up to n tasks in all."""
    source = world.tasks[2]
    names = list(source.assignments.all())
    for k in range(n - Task.objects.filter(plan=world.plan).count()):
        copy = Task.objects.create(
            plan=world.plan,
            position=10 + k,
            seq=str(10 + k),
            content=f"新增任务{k}",
            section_title=f"第{k % 4}部分",
            targets=source.targets,
            actuals=[k],
        )
        Assignment.objects.bulk_create(
            Assignment(task=copy, role=a.role, name=a.name, unit=a.unit, person=a.person)
            for a in names
        )


@pytest.mark.parametrize("persona", ["admin", "leader"])
def test_the_query_count_does_not_grow_with_the_tasks(
    april, login, django_assert_max_num_queries, persona
):
    client = login(persona)
    url = (
        reverse("dashboards:plan", args=[april.plan.pk])
        if persona == "admin"
        else reverse("dashboards:cockpit")
    )
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    _more_tasks(april, 30)
    if persona == "leader":
        Assignment.objects.filter(role=Role.LEADER, task__position__gte=10).update(
            person=april.users["leader"].person
        )
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["figures"]["total"] == (30 if persona == "admin" else 28)

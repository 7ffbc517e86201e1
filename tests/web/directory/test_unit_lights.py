"""The lights (临期, 逾期 …) on a unit's page, one per task it leads or
supports, at a cost that does not grow with the tasks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from duban import clock
from duban.ledger.models import Assignment, Task
from duban.reporting.choices import Standing


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def add_led_tasks(world, count: int, due: dt.date) -> None:
    """`count` more tasks of the plan led by 区财政局, each due on `due`."""
    start = world.plan.tasks.count() + 1
    tasks = Task.objects.bulk_create(
        Task(plan=world.plan, position=k, seq=str(k), content=f"第{k}项补充任务", due=due)
        for k in range(start, start + count)
    )
    Assignment.objects.bulk_create(
        Assignment(task=t, role="lead", name="区财政局", unit=world.units["czj"]) for t in tasks
    )


def lights(html: str) -> list[str]:
    return re.findall(r'data-light="([a-z_]+)"', html)


def test_a_units_page_shows_each_tasks_light(login, world):
    add_led_tasks(world, 1, dt.date(2022, 3, 1))
    add_led_tasks(world, 1, dt.date(2022, 3, 22))
    url = reverse("directory:unit", args=[world.units["czj"].pk])
    response = login("admin").get(url)
    tasks = [*response.context["leads"], *response.context["supports"]]
    shown = lights(response.content.decode())
    assert len(shown) == len(tasks) == 3, "task 2 and the two new ones"
    assert {Standing.OVERDUE.value, Standing.DUE_SOON.value} <= set(shown)


def test_the_lights_do_not_add_queries_per_task(login, world, django_assert_max_num_queries):
    client = login("admin")
    url = reverse("directory:unit", args=[world.units["czj"].pk])
    add_led_tasks(world, 2, dt.date(2022, 3, 22))
    with django_assert_max_num_queries(20) as few:
        assert len(lights(client.get(url).content.decode())) == 3
    add_led_tasks(world, 30, dt.date(2022, 3, 22))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(lights(client.get(url).content.decode())) == 33

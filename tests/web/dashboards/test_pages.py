"""The dashboard pages: who reaches which, the links to them, every chart with
its table, and chart data that cannot break out of its JSON element."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from duban import clock
from duban.ledger.models import Task
from web.dashboards.scenario import TODAY, prepare

pytestmark = pytest.mark.django_db

CHARTS = ["by_section", "by_unit", "by_leader", "trend", "targets"]


def chart_json(page: str, name: str):
    match = re.search(
        rf'<script id="chart-{name}" type="application/json">(.*?)</script>', page, re.S
    )
    assert match, name
    return json.loads(match.group(1))


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("inspector", 200),
        ("fgw", 403),
        ("fgw_head", 403),
        ("czj", 403),
        ("town", 403),
        ("jyj", 403),
        ("other_admin", 404),
    ],
)
def test_the_plan_dashboard_is_the_offices(world, login, persona, status):
    url = reverse("dashboards:plan", args=[world.plan.pk])
    assert login(persona).get(url).status_code == status


def test_a_leader_is_sent_to_the_cockpit(world, login):
    url = reverse("dashboards:plan", args=[world.plan.pk])
    response = login("leader").get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('dashboards:cockpit')}?plan={world.plan.pk}"
    assert login("leader").get(response["Location"]).status_code == 200


def test_links_from_the_plan_page_and_the_nav(world, login):
    dashboard = reverse("dashboards:plan", args=[world.plan.pk])
    plan_page = reverse("ledger:plan", args=[world.plan.pk])
    assert dashboard in login("admin").get(plan_page).content.decode()
    assert dashboard not in login("fgw").get(plan_page).content.decode()
    home = login("leader").get(reverse("ledger:my_tasks")).content.decode()
    assert reverse("dashboards:cockpit") in home and "领导驾驶舱" in home


def test_every_chart_has_its_data_and_a_table(world, login):
    prepare(world)
    with clock.frozen_at(TODAY):
        page = login("admin").get(reverse("dashboards:plan", args=[world.plan.pk]))
    html = page.content.decode()
    for name in CHARTS:
        assert f'data-chart="{name}"' in html
        chart_json(html, name)
    assert html.count("<summary>数据表</summary>") == len(CHARTS)
    assert chart_json(html, "trend")["values"] == [50, 0, 40]
    assert chart_json(html, "by_section")["series"][4] == {
        "key": "overdue",
        "name": "逾期",
        "data": [1],
    }
    # The overdue list links to the task.
    assert reverse("ledger:task", args=[world.tasks[0].pk]) in html
    # Only plain data goes to the browser: no objects, no table rows.
    assert "rows" not in chart_json(html, "by_unit")


def test_a_script_tag_in_the_data_does_not_break_the_page(world, login):
    evil = "</script><script>window.pwned=1</script>"
    Task.objects.filter(plan=world.plan).update(section_title=evil, content=evil + "任务")
    html = login("admin").get(reverse("dashboards:plan", args=[world.plan.pk])).content.decode()
    assert "<script>window.pwned" not in html
    assert chart_json(html, "by_section")["categories"] == [evil]

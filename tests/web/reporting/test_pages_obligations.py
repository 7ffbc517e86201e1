"""报送任务: each unit's obligations by period, with lights, report states and
the button to fill them; a lead unit also sees its support units' inputs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.reporting import flow
from duban.reporting.models import Report
from web.reporting.flowkit import monthly, obligation

URL = reverse("reporting:obligations")


@pytest.fixture(autouse=True)
def march_20():
    """The persona world's plan is 2022's; the reporting starts in March."""
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def rows(response, section="groups"):
    return [ob for _label, _due, items in response.context[section] for ob in items]


def file_march(world, persona="town"):
    user = world.users[persona]
    report = flow.draft_for(user, monthly(world, persona, 0, 3))
    flow.save_draft(user, report, progress="完成规划评估资料收集")
    return flow.submit(user, report)


def test_a_support_unit_sees_its_months_grouped_by_period(login, world):
    response = login("town").get(URL, {"show": "all"})
    labels = [label for label, _due, _items in response.context["groups"]]
    assert labels[0] == "2022年3月" and labels[-1] == "2022年12月"
    assert len(labels) == 10
    assert all(ob.unit == world.units["town"] for ob in rows(response))
    assert response.context["incoming"] == []


def test_the_light_turns_yellow_near_the_due_date_and_red_after_it(login, world):
    client = login("town")
    march = monthly(world, "town", 0, 3)
    expected = {dt.date(2022, 3, 20): "on_time", dt.date(2022, 3, 23): "due_soon",
                dt.date(2022, 3, 28): "overdue"}  # fmt: skip
    for day, light in expected.items():
        with clock.frozen_at(day):
            page = client.get(URL).content.decode()
        row = page.split(f'data-obligation="{march.pk}"')[1].split("</tr>")[0]
        assert f'data-light="{light}"' in row, day


def test_the_filter_shows_current_overdue_or_all(login, world):
    client = login("town")
    with clock.frozen_at(dt.date(2022, 4, 6)):
        current = {ob.period for ob in rows(client.get(URL))}
        overdue = {ob.period for ob in rows(client.get(URL, {"show": "overdue"}))}
        everything = {ob.period for ob in rows(client.get(URL, {"show": "all"}))}
        unknown = client.get(URL, {"show": "<x>"})
    assert current == {"2022-03", "2022-04"}
    assert overdue == {"2022-03"}
    assert len(everything) == 10
    assert unknown.context["shown"] == "current"


def test_a_delivered_report_leaves_the_overdue_list(login, world):
    file_march(world)
    with clock.frozen_at(dt.date(2022, 4, 6)):
        response = login("town").get(URL, {"show": "overdue"})
    assert rows(response) == []
    assert "没有逾期未报的报送任务" in response.content.decode()


def test_the_fill_button_opens_a_draft_and_the_list_then_offers_to_continue(login, world):
    client = login("town")
    march = monthly(world, "town", 0, 3)
    page = client.get(URL).content.decode()
    start = reverse("reporting:start", args=[march.pk])
    assert start in page and "填报" in page
    response = client.post(start)
    assert response.status_code == 302
    assert response.url == reverse("reporting:obligation", args=[march.pk])
    assert Report.objects.filter(obligation=march, state="draft").count() == 1
    page = client.get(URL).content.decode()
    assert "继续填写" in page and start not in page


def test_a_lead_unit_sees_what_its_support_units_send_it(login, world):
    file_march(world)
    response = login("fgw").get(URL)
    incoming = rows(response, "incoming")
    assert [(ob.unit.name, ob.period) for ob in incoming] == [("三合镇", "2022-03")]
    assert incoming[0].report.state == "submitted"
    page = response.content.decode()
    assert "配合单位报来的" in page and "已提交" in page
    own = {(ob.task_id, ob.rule.kind) for ob in rows(response)}
    assert (world.tasks[0].pk, "lead_quarterly") in own
    assert (world.tasks[1].pk, "support_monthly") in own


def test_an_input_still_in_draft_is_not_shown_as_delivered(login, world):
    flow.draft_for(world.users["town"], monthly(world, "town", 0, 3))
    incoming = rows(login("fgw").get(URL), "incoming")
    assert [ob.report for ob in incoming] == [None]


def test_the_unit_head_sees_the_units_obligations_too(login, world):
    response = login("fgw_head").get(URL)
    assert obligation(world, "fgw", 0, "2022-Q1") in rows(response)


@pytest.mark.parametrize("persona", ["admin", "inspector", "leader", "other_admin"])
def test_who_owes_no_reports_has_no_obligations_page(login, persona):
    assert login(persona).get(URL).status_code == 403


def test_the_page_is_printable_and_in_chinese(login, world):
    page = login("town").get(URL).content.decode()
    assert "data-print" in page and "d-print-none" in page
    assert "报送任务" in page and "截止" in page


def test_the_number_of_queries_does_not_grow_with_the_rows(
    login, world, django_assert_max_num_queries
):
    client = login("town")
    with django_assert_max_num_queries(20) as few:
        assert len(rows(client.get(URL))) == 1
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(rows(client.get(URL, {"show": "all"}))) == 10


@pytest.mark.parametrize(
    ("standing", "colour", "word"),
    [("ahead", "primary", "提前"), ("on_time", "success", "正常"), ("due_soon", "warning", "临期"),
     ("behind", "warning", "滞后"), ("overdue", "danger", "逾期"), ("closed", "primary", "已办结")],
)  # fmt: skip
def test_each_light_has_its_colour_and_says_its_word_and_colour_in_print(standing, colour, word):
    from django.template import Context, Template

    from duban.reporting.choices import LIGHT_NAME

    html = Template("{% load reporting %}{% light s %}").render(Context({"s": standing}))
    assert f"text-bg-{colour}" in html and f">{word}<" in html
    assert f'<span class="d-none d-print-inline">（{LIGHT_NAME[colour]}）</span>' in html

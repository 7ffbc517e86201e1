"""The office administrator's settings: a plan's reporting rules (presets,
ad-hoc requests, deactivation, generating obligations) and the holiday table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from duban import clock
from duban.reporting import flow
from duban.reporting.models import Holiday, Obligation, ReportingRule
from web.reporting.flowkit import monthly


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def rules_url(world):
    return reverse("reporting:rules", args=[world.plan.pk])


def test_the_settings_page_links_the_plans_rules_and_the_holidays(login, world):
    page = login("admin").get(reverse("reporting:settings")).content.decode()
    assert rules_url(world) in page and reverse("reporting:holidays") in page


def test_the_rules_page_lists_the_default_rules_with_their_obligations(login, world):
    response = login("admin").get(rules_url(world))
    rules = {r.kind: r.obligation_count for r in response.context["rules"]}
    expected = {
        kind: Obligation.objects.filter(rule__plan=world.plan, rule__kind=kind).count()
        for kind in ("support_monthly", "lead_quarterly")
    }
    assert rules == expected and all(expected.values())
    page = response.content.decode()
    assert "配合单位每月25日前向牵头单位报送" in page and "启用" in page


def test_adding_a_preset_generates_its_obligations(login, world):
    client = login("admin")
    response = client.post(
        reverse("reporting:add_rule", args=[world.plan.pk]),
        {"kind": "preset", "preset": "fixed_half_q3_year", "first_month": "1"},
        follow=True,
    )
    rule = world.plan.reporting_rules.get(kind="fixed_dates")
    periods = sorted(set(rule.obligations.values_list("period", flat=True)))
    assert periods == ["2022-06-30", "2022-09-30", "2022-12-31"]
    assert rule.obligations.count() == 3 * 3, "three lead units, three dates"
    assert f"生成报送任务 {rule.obligations.count()} 项" in response.content.decode()


def test_an_adhoc_request_needs_a_title_a_date_in_the_year_and_tasks(login, world):
    client = login("admin")
    url = reverse("reporting:add_rule", args=[world.plan.pk])
    response = client.post(url, {"kind": "adhoc", "title": "", "due_date": "2023-01-10"})
    page = response.content.decode()
    assert "此项必填。" in page and "截止日期应在方案年度（2022年）内。" in page
    assert "请至少选择一项任务。" in page
    assert not ReportingRule.objects.filter(kind="adhoc").exists()
    client.post(url, {"kind": "adhoc", "title": "重大项目推进情况", "due_date": "2022-04-02",
                      "tasks": [world.tasks[0].pk]})  # fmt: skip
    rule = ReportingRule.objects.get(kind="adhoc")
    ob = rule.obligations.get()
    assert (ob.unit, ob.task) == (world.units["fgw"], world.tasks[0])
    assert ob.due == dt.date(2022, 4, 2), "2022-04-02 is a 调休 working Saturday"
    assert "重大项目推进情况" in login("fgw").get(reverse("reporting:obligations")).content.decode()


def test_deactivating_a_rule_drops_its_unstarted_obligations(login, world):
    march = monthly(world, "town", 0, 3)
    flow.draft_for(world.users["town"], march)
    rule = march.rule
    login("admin").post(reverse("reporting:deactivate_rule", args=[rule.pk]))
    rule.refresh_from_db()
    assert not rule.active
    assert list(rule.obligations.all()) == [march], "a started report stays"
    response = login("town").get(reverse("reporting:obligations"), {"show": "all"})
    assert response.context["groups"] == []


def test_generating_again_adds_only_what_is_missing(login, world):
    rule = world.plan.reporting_rules.get(kind="lead_quarterly")
    before = rule.obligations.count()
    response = login("admin").post(reverse("reporting:generate_rule", args=[rule.pk]), follow=True)
    assert rule.obligations.count() == before
    assert "新生成报送任务 0 项" in response.content.decode()


def test_holidays_are_listed_by_year(login, world):
    response = login("admin").get(reverse("reporting:holidays"), {"year": "2022"})
    rows = list(response.context["rows"])
    assert rows and all(r.date.year == 2022 for r in rows)
    page = response.content.decode()
    assert "国庆节" in page and "调休上班" in page


def test_a_year_after_the_seeded_ones_is_typed_in(login, world):
    client = login("admin")
    url = reverse("reporting:holidays")
    assert "2030年还没有节假日记录" in client.get(url, {"year": "2030"}).content.decode()
    response = client.post(url, {"date": "2030-10-01", "name": "国庆节"})
    assert response.url == f"{url}?year=2030"
    holiday = Holiday.objects.get(date=dt.date(2030, 10, 1))
    assert (holiday.name, holiday.is_workday) == ("国庆节", False)
    again = client.post(url, {"date": "2030-10-01", "name": "重复"})
    assert "该日期已在节假日表中，请直接修改那一行。" in again.content.decode()
    edit = reverse("reporting:edit_holiday", args=[holiday.pk])
    client.post(edit, {"date": "2030-10-01", "name": "国庆节假期"})
    holiday.refresh_from_db()
    assert holiday.name == "国庆节假期"
    client.post(reverse("reporting:delete_holiday", args=[holiday.pk]))
    assert not Holiday.objects.filter(date=dt.date(2030, 10, 1)).exists()


def test_an_impossible_year_falls_back_to_this_one(login, world):
    response = login("admin").get(reverse("reporting:holidays"), {"year": "abc"})
    assert response.context["year"] == 2022


@pytest.mark.parametrize("persona", ["inspector", "fgw", "fgw_head", "leader"])
def test_only_office_administrators_reach_the_settings(login, world, persona):
    client = login(persona)
    for url in (reverse("reporting:settings"), rules_url(world), reverse("reporting:holidays")):
        assert client.get(url).status_code == 403, url


def test_an_administrator_of_another_government_cannot_see_the_plans_rules(login, world):
    client = login("other_admin")
    assert client.get(rules_url(world)).status_code == 404
    rule = world.plan.reporting_rules.first()
    assert client.post(reverse("reporting:deactivate_rule", args=[rule.pk])).status_code == 404
    rule.refresh_from_db()
    assert rule.active

"""Confirming a plan reads its tasks into dates and numbers and sets up reporting:
default rules, obligations per unit and period, due dates moved off days off."""

from __future__ import annotations

import datetime as dt

import pytest

from duban import clock
from duban.reporting.models import Holiday, Obligation, ReportingRule
from duban.reporting.obligations import add_preset, generate
from duban.reporting.workdays import Workdays

pytestmark = pytest.mark.django_db


def test_a_confirmed_plan_gets_the_default_rules(world):
    kinds = sorted(world.plan.reporting_rules.values_list("kind", flat=True))
    assert kinds == ["lead_quarterly", "support_monthly"]


def test_support_units_owe_a_monthly_report_and_collectives_are_expanded(world):
    monthly = Obligation.objects.filter(rule__kind="support_monthly")
    town = monthly.filter(unit=world.units["town"], task=world.tasks[0])
    assert town.count() == 12
    assert not monthly.filter(unit=world.units["collective"]).exists()
    assert set(monthly.filter(task=world.tasks[1]).values_list("unit", flat=True)) == {
        world.units["fgw"].pk
    }
    march = town.get(period="2022-03")
    assert march.period_label == "2022年3月" and march.due == dt.date(2022, 3, 25)


def test_lead_units_owe_a_quarterly_report_by_the_25th_of_the_last_month(world):
    quarterly = Obligation.objects.filter(rule__kind="lead_quarterly", task=world.tasks[0])
    assert list(quarterly.values_list("period", flat=True)) == [
        "2022-Q1",
        "2022-Q2",
        "2022-Q3",
        "2022-Q4",
    ]
    assert {o.unit for o in quarterly} == {world.units["fgw"]}
    # 2022-09-25 is a Sunday: the report is due on Monday the 26th.
    assert quarterly.get(period="2022-Q3").due == dt.date(2022, 9, 26)


def test_a_due_date_on_an_official_holiday_moves_to_the_next_working_day(world):
    rule = add_preset(world.plan, "fixed_half_q3_year")
    Holiday.objects.update_or_create(date=dt.date(2022, 6, 30), defaults={"name": "测试假日"})
    generate(rule)
    h1 = Obligation.objects.get(rule=rule, task=world.tasks[0], period="2022-06-30")
    assert h1.period_label == "2022年上半年"
    assert h1.due == dt.date(2022, 7, 1)
    year = Obligation.objects.get(rule=rule, task=world.tasks[0], period="2022-12-31")
    assert year.period_start == dt.date(2022, 10, 1)


def test_generating_twice_creates_nothing_new(world):
    rule = world.plan.reporting_rules.get(kind="support_monthly")
    assert generate(rule) == 0


def test_the_seeded_holiday_table_knows_national_day_and_makeup_working_days(world):
    days = Workdays()
    assert not days.is_workday(dt.date(2022, 10, 3))
    assert days.is_workday(dt.date(2022, 10, 8))  # a Saturday worked for National Day
    assert days.on_or_after(dt.date(2022, 10, 1)) == dt.date(2022, 10, 8)
    assert days.between(dt.date(2022, 3, 21), dt.date(2022, 3, 25)) == 4


def test_rules_start_in_the_month_of_confirmation_during_the_plans_year(world):
    from duban.ledger.importing import import_notice
    from duban.ledger.review import confirm
    from web.personas import NOTICE

    with clock.frozen_at(dt.date(2023, 5, 10)):
        plan = confirm(
            import_notice(NOTICE.replace("2022", "2023").encode(), "n.txt", world.government)
        )
    assert set(ReportingRule.objects.filter(plan=plan).values_list("first_month", flat=True)) == {5}
    first = Obligation.objects.filter(task__plan=plan, rule__kind="support_monthly").first()
    assert first.period == "2023-05"


def test_tasks_get_due_dates_cadence_and_targets_from_their_text(world):
    from duban.ledger.importing import import_notice
    from duban.ledger.review import confirm

    text = (
        "海东市平安区人民政府办公室关于印发2022年任务分工方案的通知\n"
        "1. 完成国土绿化面积9.8万亩，力争上半年完成春季造林。\n"
        "牵头单位：区财政局\n完成时限：11月中旬前完成，按季度实施推进\n"
    )
    plan = confirm(import_notice(text.encode(), "t.txt", "某县"), create_missing=True)
    task = plan.tasks.get()
    assert task.due == dt.date(2022, 11, 20) and task.cadence == "quarterly"
    assert task.deadline_recognized and not task.ongoing
    assert task.targets[0]["value"] == 98000 and task.targets[0]["unit"] == "亩"
    assert [m["due"] for m in task.milestones] == ["2022-06-30"]
    # Obligations stop with the task's due month.
    monthly = Obligation.objects.filter(task=task, rule__kind="support_monthly")
    assert not monthly.exists()  # no support unit
    quarterly = Obligation.objects.filter(task=task, rule__kind="lead_quarterly")
    assert quarterly.count() == 4

"""`remind_once`, the daily reminder run, on the persona world around 2022-03-25
(a Friday: the March monthly and the first-quarter reports are due that day),
delivering to a real local SMTP server and a real local HTTP server standing
in for the DingTalk and WeCom robots."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from duban import clock
from duban.accounts.models import User
from duban.ledger.choices import TaskState
from duban.reporting.choices import ReportState, RuleKind
from duban.reporting.models import Channel, Holiday, Notification, Obligation, Reminder, Report
from duban.reporting.remind import remind_once
from web.personas import build_world
from web.reporting.remind_servers import (
    DINGTALK_SECRET,
    dingtalk_sign,
    free_port,
)

T1 = "1. 推动重大规划编制，完成“十四五”规划中期评估"
T2 = "2. 全年一般公共预算收入增长6%以上"
T3 = "3. 新建幼儿园3所，办好人民满意的教育"
TUESDAY = dt.date(2022, 3, 22)  # three working days before Friday the 25th
FRIDAY = dt.date(2022, 3, 25)
NEXT_MONDAY = dt.date(2022, 3, 28)


def run(day: dt.date | dt.datetime, days: int = 3):
    with clock.frozen_at(day):
        return remind_once(clock.today(), days_ahead=days)


def texts(world, persona: str) -> list[str]:
    return sorted(
        Notification.objects.filter(user=world.users[persona]).values_list("text", flat=True)
    )


def obligation(world, unit: str, task: int, period: str) -> Obligation:
    return Obligation.objects.get(unit=world.units[unit], task=world.tasks[task - 1], period=period)


@pytest.fixture
def wired(world, robots, mailbox):
    """The government's three channels, plus one switched off and one of another government."""
    gov = world.government
    email = Channel.objects.create(government=gov, kind="email", target="dc@pingan.example")
    Channel.objects.create(
        government=gov,
        kind="dingtalk",
        target=robots.url("dingtalk", "ding"),
        secret=DINGTALK_SECRET,
    )
    Channel.objects.create(government=gov, kind="wecom", target=robots.url("wecom", "wx"))
    Channel.objects.create(
        government=gov, kind="wecom", target=robots.url("wecom", "off"), active=False
    )
    other = world.users["other_admin"].government
    Channel.objects.create(government=other, kind="wecom", target=robots.url("wecom", "other"))
    return email


def test_a_run_three_working_days_ahead_notifies_every_user_of_each_unit_that_owes(world):
    summary = run(TUESDAY)
    assert (summary.due_soon, summary.overdue, summary.failures) == (5, 4, 0)
    assert summary.line() == "已发送提醒 9 条（临期 5，逾期 4），渠道失败 0"
    assert texts(world, "czj") == [
        f"【督办提醒】{T2}（2022年第一季度）的报送将于3月25日截止，请及时报送。"
    ]
    # Several of one kind: one message that counts them and leads to the unit's list.
    assert texts(world, "town") == sorted(
        [
            "【督办提醒】本单位有2项报送任务已逾期（最早截止1月25日），请尽快报送。",
            f"【督办提醒】{T1}（2022年3月）的报送将于3月25日截止，请及时报送。",
        ]
    )
    overdue = Notification.objects.get(user=world.users["town"], text__contains="2项")
    assert overdue.url == "/reporting/?show=overdue"
    # Both the unit's clerk and its head: task 2's months (support) and task 1's quarter (lead).
    assert texts(world, "fgw") == texts(world, "fgw_head")
    assert texts(world, "fgw") == sorted(
        [
            "【督办提醒】本单位有2项报送任务已逾期（最早截止1月25日），请尽快报送。",
            "【督办提醒】本单位有2项报送任务即将截止（最早3月25日），请及时报送。",
        ]
    )
    assert texts(world, "jyj") == [
        f"【督办提醒】{T3}（2022年第一季度）的报送将于3月25日截止，请及时报送。"
    ]
    for persona in ("admin", "inspector", "leader", "other_admin"):
        assert texts(world, persona) == []
    assert summary.notifications == Notification.objects.count() == 8
    link = Notification.objects.filter(user=world.users["czj"]).get().url
    assert link.startswith("/") and link != "/"


def test_four_working_days_ahead_is_not_yet_due_soon(world):
    summary = run(dt.date(2022, 3, 21))  # Monday: 22, 23, 24, 25 are four working days
    assert (summary.due_soon, summary.overdue) == (0, 4)
    assert run(dt.date(2022, 3, 21), days=4).due_soon == 5


def test_each_channel_gets_one_message_listing_the_governments_obligations_by_unit(
    world, wired, robots, mailbox
):
    summary = run(TUESDAY)
    assert (summary.messages, summary.failures) == (3, 0)
    body = "\n".join(
        [
            "【督办提醒】以下报送任务将于3个工作日内到期：",
            f"三合镇：{T1}（2022年3月，截止3月25日）",
            f"区发展和改革委员会：{T1}（2022年第一季度，截止3月25日）；"
            f"{T2}（2022年3月，截止3月25日）",
            f"区财政局：{T2}（2022年第一季度，截止3月25日）",
            f"区教育局：{T3}（2022年第一季度，截止3月25日）",
            "以下报送任务已逾期：",
            f"三合镇：{T1}（2022年1月，截止1月25日）；{T1}（2022年2月，截止2月25日）",
            f"区发展和改革委员会：{T2}（2022年1月，截止1月25日）；{T2}（2022年2月，截止2月25日）",
            "请有关单位及时登录督办系统报送。",
        ]
    )
    [mail] = mailbox.mails
    assert mail.to == ["dc@pingan.example"] and mail.sender == "duban@pingan.example"
    assert mail.subject == "【督办提醒】海东市平安区报送任务临期5项、逾期4项"
    assert mail.body.strip() == body
    [ding] = [h for h in robots.hits if h.path == "/robot/send"]
    assert ding.body == {"msgtype": "text", "text": {"content": body}}
    assert ding.query["sign"] == dingtalk_sign(DINGTALK_SECRET, ding.query["timestamp"])
    assert robots.bodies("wx") == [{"msgtype": "markdown", "markdown": {"content": body}}]
    assert robots.bodies("off") == [] and robots.bodies("other") == []
    # A record per obligation and channel: 9 obligations × (in-app + 3 channels).
    assert Reminder.objects.filter(ok=True).count() == 9 * 4
    assert not Reminder.objects.filter(ok=False).exists()


def test_a_second_run_the_same_day_or_later_sends_nothing_new(world, wired, robots, mailbox):
    run(TUESDAY)
    sent = (len(mailbox.mails), len(robots.hits), Notification.objects.count())
    for day in (TUESDAY, dt.date(2022, 3, 23), FRIDAY):
        again = run(day)
        assert again.line() == "已发送提醒 0 条（临期 0，逾期 0），渠道失败 0"
        assert (again.notifications, again.messages) == (0, 0)
    assert (len(mailbox.mails), len(robots.hits), Notification.objects.count()) == sent


def test_an_obligation_that_becomes_overdue_is_reminded_once_more_as_overdue(world, wired, mailbox):
    run(TUESDAY)
    monday = run(NEXT_MONDAY)
    assert (monday.due_soon, monday.overdue) == (0, 5)
    assert mailbox.mails[-1].subject == "【督办提醒】海东市平安区报送任务逾期5项"
    assert mailbox.mails[-1].body.startswith(
        f"【督办提醒】以下报送任务已逾期：\n三合镇：{T1}（2022年3月，截止3月25日）\n"
    )
    assert "1月25日" not in mailbox.mails[-1].body
    assert f"【督办提醒】{T2}（2022年第一季度）的报送已逾期（截止3月25日），请尽快报送。" in texts(
        world, "czj"
    )
    assert run(NEXT_MONDAY).sent == 0 and run(dt.date(2022, 4, 15)).sent == 0
    assert len(mailbox.mails) == 2


def test_delivered_reports_stop_the_reminders_but_one_awaiting_the_heads_signature_does_not(
    world,
):
    town_march = obligation(world, "town", 1, "2022-03")
    Report.objects.create(obligation=town_march, state=ReportState.SUBMITTED, progress="已完成")
    czj_q1 = obligation(world, "czj", 2, "2022-Q1")
    Report.objects.create(obligation=czj_q1, state=ReportState.APPROVED, progress="已审签")
    fgw_q1 = obligation(world, "fgw", 1, "2022-Q1")
    Report.objects.create(obligation=fgw_q1, state=ReportState.SUBMITTED, progress="待审签")
    jyj_q1 = obligation(world, "jyj", 3, "2022-Q1")
    Report.objects.create(obligation=jyj_q1, state=ReportState.DRAFT, progress="草稿")

    summary = run(TUESDAY)
    assert (summary.due_soon, summary.overdue) == (3, 4)
    reminded = set(Reminder.objects.values_list("obligation_id", flat=True))
    assert town_march.pk not in reminded and czj_q1.pk not in reminded
    assert {fgw_q1.pk, jyj_q1.pk} <= reminded
    assert texts(world, "czj") == []


def test_closed_tasks_and_inactive_rules_are_not_reminded(world):
    task3 = world.tasks[2]
    task3.state = TaskState.CLOSED
    task3.save()
    world.plan.reporting_rules.filter(kind=RuleKind.SUPPORT_MONTHLY).update(active=False)
    summary = run(TUESDAY)
    assert (summary.due_soon, summary.overdue) == (2, 0)
    assert set(Reminder.objects.values_list("obligation__unit__name", "obligation__period")) == {
        ("区发展和改革委员会", "2022-Q1"),
        ("区财政局", "2022-Q1"),
    }


def test_a_failed_channel_is_logged_counted_not_recorded_and_retried_on_the_next_run(
    world, wired, robots, mailbox, settings, caplog
):
    robots.failing.add("wx")
    settings.EMAIL_PORT = free_port()  # nothing listens there: the mail server is down
    with caplog.at_level(logging.WARNING, logger="duban.remind"):
        first = run(TUESDAY)
    assert (first.messages, first.failures) == (1, 2)
    assert first.line() == "已发送提醒 9 条（临期 5，逾期 4），渠道失败 2"
    warnings = [r.getMessage() for r in caplog.records if r.name == "duban.remind"]
    assert len(warnings) == 2 and all("failed, retried next run" in w for w in warnings)
    assert any("HTTP 500" in w for w in warnings) and any("SMTP" in w for w in warnings)
    assert not Reminder.objects.filter(channel__startswith="email:").exists()
    assert not Reminder.objects.filter(channel__startswith="wecom:").exists()
    assert robots.bodies("wx") and mailbox.mails == []

    robots.failing.clear()
    settings.EMAIL_PORT = mailbox.port
    second = run(dt.date(2022, 3, 23))
    assert (second.messages, second.failures, second.notifications) == (2, 0, 0)
    assert (second.due_soon, second.overdue) == (5, 4)
    [mail] = mailbox.mails
    assert mail.subject == "【督办提醒】海东市平安区报送任务临期5项、逾期4项"
    assert robots.bodies("wx")[-1]["markdown"]["content"] == mail.body.strip()
    assert len(robots.bodies("ding")) == 1
    assert run(dt.date(2022, 3, 23)).sent == 0


def test_a_claim_of_a_run_in_progress_is_left_alone_and_a_stale_one_is_taken_over(
    world, wired, mailbox
):
    nine = dt.datetime(2022, 3, 22, 9, 0)
    czj_q1 = obligation(world, "czj", 2, "2022-Q1")
    jyj_q1 = obligation(world, "jyj", 3, "2022-Q1")
    with clock.frozen_at(nine):
        for ob, minutes in ((czj_q1, 5), (jyj_q1, 120)):
            Reminder.objects.create(
                obligation=ob,
                kind=Reminder.Kind.DUE_SOON,
                channel=f"email:{wired.pk}",
                sent_at=clock.now() - dt.timedelta(minutes=minutes),
                ok=False,
                detail="claim:another-run",
            )
    run(nine)
    [mail] = mailbox.mails
    assert "区财政局" not in mail.body and "区教育局：" in mail.body
    assert Reminder.objects.get(obligation=czj_q1, channel=f"email:{wired.pk}").detail == (
        "claim:another-run"
    )
    assert Reminder.objects.get(obligation=jyj_q1, channel=f"email:{wired.pk}").ok


def test_a_unit_without_users_is_reminded_in_app_once_it_has_one(world):
    czj = world.users["czj"]
    User.objects.filter(pk=czj.pk).update(is_active=False)
    assert run(TUESDAY).due_soon == 4
    assert texts(world, "czj") == []
    User.objects.filter(pk=czj.pk).update(is_active=True)
    later = run(dt.date(2022, 3, 23))
    assert (later.due_soon, later.overdue, later.notifications) == (1, 0, 1)
    assert texts(world, "czj") == [
        f"【督办提醒】{T2}（2022年第一季度）的报送将于3月25日截止，请及时报送。"
    ]


def test_a_holiday_row_makes_the_deadline_due_soon_a_working_day_earlier(world):
    monday = dt.date(2022, 3, 21)
    assert run(monday).due_soon == 0
    Holiday.objects.create(date=dt.date(2022, 3, 23), name="调整放假")
    assert run(monday).due_soon == 5


def test_a_due_date_moved_by_a_holiday_is_reminded_by_its_new_date(db, settings):
    Holiday.objects.create(date=FRIDAY, name="调整放假")
    world = build_world()
    assert obligation(world, "czj", 2, "2022-Q1").due == NEXT_MONDAY
    friday = run(FRIDAY)
    assert (friday.due_soon, friday.overdue) == (5, 4)
    assert texts(world, "czj") == [
        f"【督办提醒】{T2}（2022年第一季度）的报送将于3月28日截止，请及时报送。"
    ]
    assert run(NEXT_MONDAY).sent == 0  # due today is not overdue yet
    assert run(dt.date(2022, 3, 29)).overdue == 5

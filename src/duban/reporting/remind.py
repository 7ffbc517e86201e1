"""The daily reminder run (催办): `duban remind`, from cron or a systemd timer.

Every obligation not yet fulfilled, of an active task in an active plan under
an active rule, is reminded when it falls due within `days_ahead` working days
(DUE_SOON) and again once it is past due (OVERDUE):
- in-app, a Notification to every active user of the obligation's unit (one
  per unit and kind when a unit owes several: a count and a link to its list);
- on every active Channel of the government (e-mail, DingTalk, WeCom), one
  message per channel per run listing that government's newly reminded
  obligations by unit.

Never twice: a Reminder row (unique per obligation, kind and channel) is
claimed *before* sending, with ignore-conflicts, and only the rows this run
inserted (marked with its token) are sent; so a second run, or two runs at the
same time, send nothing already sent or being sent. A successful send turns
the claim into the record (ok=True). A failed send (SMTP down, webhook error,
timeout) deletes its claims, is logged in English and counted in the summary,
and nothing else is stored: the next run sends those obligations again. A
claim left by a run that died mid-send (ok=False) is released after
CLAIM_TTL, so it too is retried.

The run's date comes from the caller (`today`, from duban.clock or --today);
record times come from duban.clock.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from duban import clock
from duban.ledger.choices import PlanStatus, TaskState
from duban.reporting import channels, notify
from duban.reporting.choices import Standing
from duban.reporting.models import Channel, Obligation, Reminder
from duban.reporting.standing import SOON_WORKDAYS, fulfilled_q, obligation_standing
from duban.reporting.workdays import Workdays

log = logging.getLogger("duban.remind")

APP = "app"
CLAIM_TTL = dt.timedelta(hours=1)
DUE_SOON = Reminder.Kind.DUE_SOON
OVERDUE = Reminder.Kind.OVERDUE

Due = tuple[Obligation, str]  # an obligation and the reminder kind it is owed


@dataclass
class Summary:
    """What one run did. `due_soon` and `overdue` count obligations that got a
    new reminder on at least one channel (in-app included)."""

    due_soon: int = 0
    overdue: int = 0
    notifications: int = 0
    messages: int = 0
    failures: int = 0

    @property
    def sent(self) -> int:
        return self.due_soon + self.overdue

    def line(self) -> str:
        return (
            f"已发送提醒 {self.sent} 条（临期 {self.due_soon}，逾期 {self.overdue}），"
            f"渠道失败 {self.failures}"
        )


def remind_once(today: dt.date, days_ahead: int = SOON_WORKDAYS) -> Summary:
    """Send today's new reminders once; see the module docstring."""
    now = clock.now()
    released, _ = Reminder.objects.filter(ok=False, sent_at__lt=now - CLAIM_TTL).delete()
    if released:
        log.warning("released %d reminder claims left by an interrupted run", released)
    owed = due_reminders(today, days_ahead, Workdays())
    summary = Summary()
    reminded: set[tuple[int, str]] = set()

    claim = _claim(owed, APP, now)
    staff: dict[int, list] = defaultdict(list)
    for user in notify.unit_users({o.unit_id for o, _ in claim.owed}):
        staff[user.unit_id].append(user)
    owed_by_unit: dict[tuple[int, str], list[Obligation]] = defaultdict(list)
    for o, kind in claim.owed:
        if staff[o.unit_id]:
            owed_by_unit[(o.unit_id, kind)].append(o)
    messages = [
        (staff[unit_id], *app_message(items, kind, today))
        for (unit_id, kind), items in owed_by_unit.items()
    ]
    summary.notifications += notify.send_many(messages)
    reminded.update((o.pk, kind) for o, kind in claim.owed if staff[o.unit_id])
    # An obligation whose unit has no user yet stays unclaimed in-app, so the
    # unit's first user is reminded on a later run.
    _settle(claim, [(o, k) for o, k in claim.owed if (o.pk, k) in reminded], now)

    by_government: dict[int, list[Due]] = defaultdict(list)
    for obligation, kind in owed:
        by_government[obligation.task.plan.government_id].append((obligation, kind))
    for channel in Channel.objects.filter(
        government_id__in=list(by_government), active=True
    ).select_related("government"):
        key = f"{channel.kind}:{channel.pk}"
        claim = _claim(by_government[channel.government_id], key, now)
        if not claim.owed:
            continue
        subject, body = message(channel.government.name, claim.owed, days_ahead)
        try:
            channels.send(channel, subject, body)
        except channels.ChannelError as exc:
            log.warning("reminder over %s failed, retried next run: %s", key, exc)
            _settle(claim, [], now)
            summary.failures += 1
            continue
        _settle(claim, claim.owed, now)
        summary.messages += 1
        reminded.update((o.pk, k) for o, k in claim.owed)

    summary.due_soon = sum(1 for _, kind in reminded if kind == DUE_SOON)
    summary.overdue = sum(1 for _, kind in reminded if kind == OVERDUE)
    log.info(
        "remind %s: %d due soon, %d overdue, %d notifications, %d messages, %d failures",
        today, summary.due_soon, summary.overdue, summary.notifications,
        summary.messages, summary.failures,
    )  # fmt: skip
    return summary


# What reminders, their texts and links read: a province's run loads a few
# hundred thousand obligations, so only these columns.
_FIELDS = (
    "due", "period_label", "unit_id", "task_id", "rule_id", "rule__kind",
    "unit__name", "task__seq", "task__content", "task__position", "task__plan_id",
    "task__plan__government_id", "task__plan__status", "task__state",
)  # fmt: skip


def due_reminders(today: dt.date, days_ahead: int, workdays: Workdays) -> list[Due]:
    """Unfulfilled obligations due within `days_ahead` working days or overdue,
    each with the reminder kind it is owed today, by due date and task."""
    horizon = today
    while workdays.between(today, horizon + dt.timedelta(days=1)) <= days_ahead:
        horizon += dt.timedelta(days=1)
    candidates = (
        Obligation.objects.filter(
            due__lte=horizon,
            rule__active=True,
            task__state=TaskState.ACTIVE,
            task__plan__status=PlanStatus.ACTIVE,
        )
        .exclude(fulfilled_q())
        .select_related("rule", "unit", "task__plan")
        .only(*_FIELDS)
    )
    owed: list[Due] = []
    for obligation in candidates.iterator(chunk_size=5000):
        # Fulfilled ones were left out in SQL: what remains has no delivered report.
        standing = obligation_standing(obligation, None, today, workdays, soon=days_ahead)
        if standing == Standing.OVERDUE:
            owed.append((obligation, OVERDUE))
        elif standing == Standing.DUE_SOON:
            owed.append((obligation, DUE_SOON))
    # Sorted here, not in SQL: Chinese names collate differently on SQLite and PostgreSQL.
    owed.sort(key=lambda d: (d[0].due, d[0].task.plan_id, d[0].task.position, d[0].unit.name))
    return owed


def app_message(owed: list[Obligation], kind: str, today: dt.date) -> tuple[str, str, str]:
    """(text, key, link) of the in-app reminder a unit's staff get for what it owes
    of one kind today: the obligation itself when it is one, else one line that
    counts them and leads to the unit's list — a unit owing forty monthly reports
    gets one message, not forty."""
    if len(owed) == 1:
        o = owed[0]
        return app_text(o, kind), f"remind:{kind}:{o.pk}", _url(o)
    first, count = _day(min(o.due for o in owed)), len(owed)
    if kind == OVERDUE:
        text = f"【督办提醒】本单位有{count}项报送任务已逾期（最早截止{first}），请尽快报送。"
        query = "?show=overdue"
    else:
        text = f"【督办提醒】本单位有{count}项报送任务即将截止（最早{first}），请及时报送。"
        query = ""
    key = f"remind:{kind}:{today:%Y-%m-%d}:{owed[0].unit_id}"
    return text, key, _list_url() + query


def _list_url() -> str:
    try:
        return reverse("reporting:obligations")
    except NoReverseMatch:
        return "/"


def app_text(obligation: Obligation, kind: str) -> str:
    what = f"{task_title(obligation.task)}（{obligation.period_label}）"
    if kind == OVERDUE:
        return f"【督办提醒】{what}的报送已逾期（截止{_day(obligation.due)}），请尽快报送。"
    return f"【督办提醒】{what}的报送将于{_day(obligation.due)}截止，请及时报送。"


def message(government: str, owed: Iterable[Due], days_ahead: int) -> tuple[str, str]:
    """Subject and body of one channel message: the obligations by unit, due soon first."""
    owed = list(owed)
    soon = [o for o, k in owed if k == DUE_SOON]
    late = [o for o, k in owed if k == OVERDUE]
    when = f"将于{days_ahead}个工作日内到期" if days_ahead > 0 else "今日到期"
    lines: list[str] = []
    if soon:
        lines.append(f"【督办提醒】以下报送任务{when}：")
        lines.extend(_by_unit(soon))
    if late:
        lines.append("【督办提醒】以下报送任务已逾期：" if not soon else "以下报送任务已逾期：")
        lines.extend(_by_unit(late))
    lines.append("请有关单位及时登录督办系统报送。")
    counts = "、".join(
        part
        for part in (f"临期{len(soon)}项" if soon else "", f"逾期{len(late)}项" if late else "")
        if part
    )
    return f"【督办提醒】{government}报送任务{counts}", "\n".join(lines)


def task_title(task, width: int = 30) -> str:
    text = task.content.strip().rstrip("。；;")
    short = text[:width] + ("…" if len(text) > width else "")
    return f"{task.seq}. {short}" if task.seq else short


def _by_unit(obligations: list[Obligation]) -> list[str]:
    units: dict[str, list[str]] = defaultdict(list)
    for o in obligations:
        units[o.unit.name].append(f"{task_title(o.task)}（{o.period_label}，截止{_day(o.due)}）")
    return [f"{unit}：{'；'.join(items)}" for unit, items in units.items()]


def _day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _url(obligation: Obligation) -> str:
    return notify.link("reporting:obligation", obligation.pk, notify.task_url(obligation.task))


@dataclass
class Claim:
    """The reminders of one channel this run inserted, marked with its token."""

    channel: str
    token: str
    owed: list[Due]


def _claim(owed: list[Due], channel: str, now: dt.datetime) -> Claim:
    """Insert this run's claims for `channel`, skipping any already there (sent, or
    being sent by another run), and keep the ones this run got."""
    token = f"claim:{uuid.uuid4().hex}"
    if not owed:
        return Claim(channel, token, [])
    Reminder.objects.bulk_create(
        [
            Reminder(
                obligation_id=o.pk, kind=k, channel=channel, sent_at=now, ok=False, detail=token
            )
            for o, k in owed
        ],
        ignore_conflicts=True,
        batch_size=5000,
    )
    got = set(
        Reminder.objects.filter(channel=channel, detail=token).values_list("obligation_id", "kind")
    )
    return Claim(channel, token, [(o, k) for o, k in owed if (o.pk, k) in got])


def _settle(claim: Claim, delivered: Iterable[Due], now: dt.datetime) -> None:
    """Turn the delivered claims into records and release the rest for a later run."""
    if not claim.owed:
        return
    rows = Reminder.objects.filter(channel=claim.channel, detail=claim.token)
    rows.exclude(obligation_id__in=[o.pk for o, _ in delivered]).delete()
    rows.update(ok=True, detail="", sent_at=now)

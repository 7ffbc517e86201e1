"""A task's history in one list: receipts, reports, reviews, requests, instructions.

Built from the records themselves (their times and who acted), not from the
audit log, so it reads the same whatever the audit retention; each event has
a Chinese sentence ready to show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from duban.ledger.models import Task
from duban.reporting import notify
from duban.reporting.choices import ReportState, RequestState
from duban.reporting.models import Instruction, Receipt, Report, Request


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    # receipt, submitted, approved, accepted, returned, requested, decided, instructed, answered
    kind: str
    actor: str
    text: str
    url: str = ""


def timeline(task: Task) -> list[Event]:
    events: list[Event] = []
    task_url = notify.task_url(task)
    for r in Receipt.objects.filter(task=task).select_related("unit", "user"):
        events.append(Event(r.at, "receipt", _name(r.user), f"{r.unit.name}签收了任务。", task_url))
    reports = (
        Report.objects.filter(obligation__task=task)
        .exclude(state=ReportState.DRAFT)
        .select_related(
            "obligation__unit", "obligation__rule", "submitted_by", "approved_by", "reviewed_by"
        )
    )
    for r in reports:
        r.obligation.task = task  # every report's link leads back to this task: no query each
        events.extend(_report_events(r))
    for q in Request.objects.filter(task=task).select_related("unit", "requested_by", "decided_by"):
        events.extend(_request_events(q, task_url))
    for i in Instruction.objects.filter(task=task).select_related(
        "leader", "author", "answered_by__unit"
    ):
        events.extend(_instruction_events(i, task_url))
    order = {k: n for n, k in enumerate(_ORDER)}
    events.sort(key=lambda e: (e.at, order.get(e.kind, 99)))
    return events


_ORDER = (
    "receipt",
    "instructed",
    "submitted",
    "approved",
    "returned",
    "accepted",
    "requested",
    "decided",
    "answered",
)


def _report_events(r: Report) -> list[Event]:
    o = r.obligation
    url = notify.report_url(r)
    what = f"{o.period_label}进展报告（第{r.version}版）"
    out = []
    if r.submitted_at:
        to = "提交单位负责人审签" if o.rule.to_office else "报送牵头单位"
        out.append(
            Event(
                r.submitted_at,
                "submitted",
                _name(r.submitted_by),
                f"{o.unit.name}{to}：{what}。",
                url,
            )
        )
    if r.approved_at:
        out.append(
            Event(
                r.approved_at,
                "approved",
                _name(r.approved_by),
                f"{o.unit.name}负责人{_name(r.approved_by)}审签{what}，报送政府办。",
                url,
            )
        )
    if r.reviewed_at and r.state in (ReportState.ACCEPTED, ReportState.RETURNED):
        if r.state == ReportState.ACCEPTED:
            text = f"政府办采纳了{o.unit.name}的{what}。"
            kind = "accepted"
        else:
            text = f"政府办退回了{o.unit.name}的{what}，意见：{r.review_comment}"
            kind = "returned"
        if r.state == ReportState.ACCEPTED and r.review_comment:
            text += f"意见：{r.review_comment}"
        out.append(Event(r.reviewed_at, kind, _name(r.reviewed_by), text, url))
    return out


def _request_events(q: Request, url: str) -> list[Event]:
    label = q.get_kind_display()
    detail = f"，申请延期至{q.new_due:%Y年%-m月%-d日}" if q.new_due else ""
    out = [
        Event(
            q.requested_at,
            "requested",
            _name(q.requested_by),
            f"{q.unit.name}提出{label}{detail}，理由：{q.reason}",
            url,
        )
    ]
    if q.decided_at and q.state != RequestState.PENDING:
        verdict = "同意" if q.state == RequestState.APPROVED else "不同意"
        text = f"政府办{verdict}{label}" + (f"，意见：{q.comment}" if q.comment else "。")
        out.append(Event(q.decided_at, "decided", _name(q.decided_by), text, url))
    return out


def _instruction_events(i: Instruction, url: str) -> list[Event]:
    leader = i.leader.name if i.leader else _name(i.author)
    out = [Event(i.created_at, "instructed", leader, f"{leader}批示：{i.text}", url)]
    if i.answered_at:
        unit = i.answered_by.unit.name if i.answered_by and i.answered_by.unit else ""
        out.append(
            Event(
                i.answered_at, "answered", _name(i.answered_by), f"{unit}答复批示：{i.answer}", url
            )
        )
    return out


def _name(user) -> str:
    if user is None:
        return ""
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()

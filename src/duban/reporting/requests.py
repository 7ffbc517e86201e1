"""Extension (延期) and closure (办结) requests of a lead unit, decided by the office.

One pending request of each kind per task, so the office never decides the
same question twice; filing one tells the office's users. An approved
extension moves the task's due date (the old one is kept on the request) and
changes nothing else: the reports already owed stay owed. An approved
closure closes the task, marks it done and drops the future reports nobody
has started, since nothing is left to report.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from duban import clock
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.choices import TaskState
from duban.ledger.models import Task
from duban.reporting import access, notify
from duban.reporting.choices import ProgressStatus, RequestKind, RequestState
from duban.reporting.models import Obligation, Request


def request_extension(user, task: Task, reason: str, new_due: dt.date) -> Request:
    reason = _reason(reason, "请填写延期理由。")
    if not isinstance(new_due, dt.date):
        raise UserError("请填写申请延期至的日期。", "no new_due")
    current = task.due
    if current is not None and new_due <= current:
        raise UserError(
            f"申请延期至的日期应晚于当前截止日期（{current:%Y年%-m月%-d日}）。", "new_due too early"
        )
    if current is None and new_due <= clock.today():
        raise UserError("申请延期至的日期应晚于今天。", "new_due in the past")
    return _create(user, task, RequestKind.EXTENSION, reason, new_due=new_due, old_due=current)


def request_closure(user, task: Task, reason: str) -> Request:
    reason = _reason(reason, "请填写办结情况。")
    return _create(user, task, RequestKind.CLOSURE, reason)


@transaction.atomic
def _create(user, task: Task, kind: str, reason: str, **dates) -> Request:
    task = Task.objects.select_for_update(of=("self",)).select_related("plan").get(pk=task.pk)
    if not access.leads(user, task):
        raise Forbidden("只有任务的牵头单位可以提出延期或办结申请。", "request by non-lead")
    if task.state != TaskState.ACTIVE:
        raise Conflict(f"该任务{task.get_state_display()}，不能再提出申请。", "task not active")
    label = RequestKind(kind).label
    if Request.objects.filter(task=task, kind=kind, state=RequestState.PENDING).exists():
        raise Conflict(f"该任务已有待审批的{label}，请等待政府办审批。", "pending request exists")
    request = Request.objects.create(
        kind=kind, task=task, unit_id=user.unit_id, reason=reason, requested_by=user, **dates
    )
    _stamp(request, "requested_at")
    unit = user.unit.name if user.unit_id else ""
    notify.send(
        notify.office_users(task.plan.government_id),
        f"{unit}提出了“{task}”的{label}，待政府办审批：{_excerpt(reason)}",
        f"request-filed-{request.pk}",
        notify.request_url(request),
    )
    return request


@transaction.atomic
def decide(user, request: Request, approve: bool, comment: str = "") -> Request:
    request = (
        Request.objects.select_for_update(of=("self",))
        .select_related("task__plan")
        .get(pk=request.pk)
    )
    task = request.task
    if not access.can_review(user, task.plan.government_id):
        raise Forbidden("只有政府办（督查室）可以审批申请。", "decide by non-office")
    if request.state != RequestState.PENDING:
        raise Conflict(
            f"该申请{request.get_state_display()}，不能重复审批。", f"decide in {request.state}"
        )
    comment = (comment or "").strip()
    if not approve and not comment:
        raise UserError("不同意申请时请填写审批意见。", "reject without comment")
    if approve and task.state != TaskState.ACTIVE:
        raise Conflict(f"该任务{task.get_state_display()}，不能再同意申请。", "task not active")
    request.state = RequestState.APPROVED if approve else RequestState.REJECTED
    request.decided_by = user
    request.decided_at = clock.now()
    request.comment = comment
    if approve and request.kind == RequestKind.EXTENSION:
        request.old_due = task.due
        task.due = request.new_due
        task.save()
    elif approve and request.kind == RequestKind.CLOSURE:
        task.state = TaskState.CLOSED
        task.closed_at = request.decided_at
        task.progress_status = ProgressStatus.DONE
        task.save()
        Obligation.objects.filter(task=task, reports=None, due__gte=clock.today()).delete()
    request.save()
    verdict = "同意" if approve else "不同意"
    notify.send(
        notify.unit_users([request.unit_id]),
        f"政府办{verdict}了“{str(task)}”的{request.get_kind_display()}"
        + (f"：{comment}" if comment else "。"),
        f"request-decided-{request.pk}",
        notify.task_url(task),
    )
    return request


def _excerpt(text: str, length: int = 100) -> str:
    return text[:length] + ("…" if len(text) > length else "")


def _reason(text: str, missing: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise UserError(missing, "no reason")
    return text


def _stamp(obj, field: str) -> None:
    """Set an auto_now_add time to the system's clock (tests freeze it)."""
    at = clock.now()
    type(obj).objects.filter(pk=obj.pk).update(**{field: at})
    setattr(obj, field, at)

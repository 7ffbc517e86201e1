"""Receipt (签收) of tasks and their sub-items (具体工作内容).

Every unit assigned to a task acknowledges it once; acknowledging again
changes nothing. A lead unit may split its task into sub-items with their own
owner and due date; the task's progress rolls up as the share done.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from duban import clock
from duban.audit.models import AuditEntry, record
from duban.directory.models import Unit
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.choices import TaskState
from duban.ledger.models import Task
from duban.reporting import access
from duban.reporting.models import Receipt, SubItem


def acknowledge(user, task: Task) -> Receipt:
    if not access.assigned(user, task):
        raise Forbidden("只有承办该任务的单位可以签收。", "receipt by unassigned unit")
    found = Receipt.objects.filter(task=task, unit_id=user.unit_id).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            receipt = Receipt.objects.create(task=task, unit_id=user.unit_id, user=user)
    except IntegrityError:
        return Receipt.objects.get(task=task, unit_id=user.unit_id)
    at = clock.now()
    Receipt.objects.filter(pk=receipt.pk).update(at=at)
    receipt.at = at
    record(AuditEntry.Action.CREATE, receipt, after={"task": task.pk, "unit": user.unit_id})
    return receipt


def add_sub_item(
    user,
    task: Task,
    title: str,
    owner: Unit | None = None,
    due: dt.date | None = None,
    milestones: str = "",
) -> SubItem:
    _require_lead(user, task)
    title = (title or "").replace("\x00", "").strip()
    if not title:
        raise UserError("请填写具体工作内容。", "empty sub-item")
    if len(title) > 300:
        raise UserError("具体工作内容不能超过 300 字。", "sub-item too long")
    if owner is not None and owner.government_id != task.plan.government_id:
        raise UserError("责任单位应为本政府的单位。", "owner of other government")
    position = task.sub_items.count()
    return SubItem.objects.create(
        task=task,
        title=title,
        owner=owner,
        due=due,
        milestones=(milestones or "").replace("\x00", "").strip(),
        position=position,
    )


def set_sub_item_done(user, item: SubItem, done: bool) -> SubItem:
    # The task afresh: the caller's copy may predate its closure.
    _require_lead(user, Task.objects.get(pk=item.task_id))
    if item.done != bool(done):
        item.done = bool(done)
        item.save()
    return item


def rollup(task: Task) -> tuple[int, int]:
    """(done, total) sub-items of the task."""
    items = list(task.sub_items.values_list("done", flat=True))
    return sum(items), len(items)


def _require_lead(user, task: Task) -> None:
    """Sub-items are the lead unit's plan of work: only while the task is in force."""
    if not access.leads(user, task):
        raise Forbidden("只有任务的牵头单位可以分解和更新具体工作。", "sub-item by non-lead")
    if task.state != TaskState.ACTIVE:
        raise Conflict(
            f"该任务{task.get_state_display()}，不能再添加或更新具体工作。", "task not active"
        )

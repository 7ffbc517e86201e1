"""Leaders' instructions (领导批示) and the lead unit's answers (落实情况).

An instruction notifies every user of the task's lead units; the answer
notifies the leader. Notification keys carry the instruction's id, so
neither is ever sent twice.
"""

from __future__ import annotations

from django.db import transaction

from duban import clock
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.models import Task
from duban.reporting import access, notify
from duban.reporting.models import Instruction, Report


@transaction.atomic
def instruct(user, task: Task, text: str, report: Report | None = None) -> Instruction:
    if not access.can_instruct(user, task):
        raise Forbidden("只有该任务的牵头领导可以作出批示。", "instruct by non-leader")
    text = _text(text, "请填写批示内容。")
    if report is not None and report.obligation.task_id != task.pk:
        raise UserError("批示的报告不属于该任务。", "report of another task")
    instruction = Instruction.objects.create(
        task=task, report=report, leader_id=user.person_id, author=user, text=text
    )
    at = clock.now()
    Instruction.objects.filter(pk=instruction.pk).update(created_at=at)
    instruction.created_at = at
    notify.send(
        notify.unit_users(notify.lead_unit_ids(task)),
        f"{user.person.name}对“{task}”作出批示：{text}",
        f"instruction-{instruction.pk}",
        notify.task_url(task),
    )
    return instruction


@transaction.atomic
def answer(user, instruction: Instruction, text: str) -> Instruction:
    instruction = Instruction.objects.select_for_update().get(pk=instruction.pk)
    task = instruction.task
    if not access.leads(user, task):
        raise Forbidden("只有任务的牵头单位可以答复批示。", "answer by non-lead")
    text = _text(text, "请填写落实情况。")
    if instruction.answered_at is not None:
        if instruction.answer == text:
            return instruction
        raise Conflict("该批示已答复，不能重复答复。", "already answered")
    instruction.answer = text
    instruction.answered_by = user
    instruction.answered_at = clock.now()
    instruction.save()
    unit = user.unit.name if user.unit_id else ""
    notify.send(
        notify.leader_users(instruction.leader_id),
        f"{unit}答复了您对“{task}”的批示：{text}",
        f"instruction-answered-{instruction.pk}",
        notify.task_url(task),
    )
    return instruction


def _text(text: str, missing: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise UserError(missing, "empty text")
    return text

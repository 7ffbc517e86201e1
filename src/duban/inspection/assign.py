"""A task's inspecting units (督查单位): "a task may name an inspecting unit
besides its lead and supporting units".

They are Assignment rows of role INSPECT, like the printed names, so the ledger,
its exports and its revisions carry them; the office sets them as a whole (the
chosen set replaces the previous one) and the change is audited.
"""

from __future__ import annotations

from django.db import transaction

from duban.audit.models import AuditEntry, record
from duban.directory.models import Unit
from duban.errors import Forbidden, UserError
from duban.inspection import access
from duban.ledger.choices import Role
from duban.ledger.models import Assignment, Task


def candidate_units(task: Task) -> list[Unit]:
    """The units of the task's government, ordered by name in Python (SQLite and
    PostgreSQL collate Chinese differently)."""
    units = Unit.objects.filter(government_id=task.plan.government_id)
    return sorted(units, key=lambda u: u.name)


def inspectors(task: Task) -> list[Assignment]:
    return list(task.assignments.filter(role=Role.INSPECT).select_related("unit"))


def set_inspectors(user, task: Task, unit_ids) -> list[Assignment]:
    """Replace the task's inspecting units with `unit_ids` (an empty list clears them)."""
    if not access.can_assign_inspectors(user, task.plan.government_id):
        raise Forbidden("只有政府办管理员可以指定督查单位。", "not an office admin of the plan")
    wanted = set(unit_ids)
    units = list(Unit.objects.filter(government_id=task.plan.government_id, pk__in=wanted))
    if len(units) != len(wanted):
        raise UserError("所选单位不在本级政府的单位名录中。", "inspector unit outside government")
    units.sort(key=lambda u: u.name)
    before = [a.display_name for a in inspectors(task)]
    with transaction.atomic():
        task.assignments.filter(role=Role.INSPECT).delete()
        made = Assignment.objects.bulk_create(
            Assignment(task=task, role=Role.INSPECT, position=k, name=u.name, unit=u)
            for k, u in enumerate(units)
        )
        record(
            AuditEntry.Action.UPDATE,
            task,
            before={"督查单位": before},
            after={"督查单位": [u.name for u in units]},
        )
    return made

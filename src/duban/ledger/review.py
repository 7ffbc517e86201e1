"""Deciding a draft's names, editing its tasks, and confirming it.

Mapping a printed name to a unit also records the name as the unit's alias,
so the next notice that prints it resolves by itself. Confirming creates the
directory entries still missing when asked to, refuses otherwise, and either
activates the draft or, for a revision, applies it to the plan it revises.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from duban.audit.models import AuditEntry, record
from duban.directory.kinds import guess_kind, member_kinds
from duban.directory.models import Person, Unit, UnitAlias
from duban.errors import UserError
from duban.ledger.choices import Method, NameKind, PlanStatus, Role
from duban.ledger.importing import link_assignments, pre_resolve
from duban.ledger.models import Assignment, NameResolution, Plan, Task
from duban.ledger.revision import apply_revision
from duban.ledger.signals import plan_confirmed


def require_draft(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise UserError("该方案已确认或已作废，不能再修改。", f"plan {plan.pk} is {plan.status}")


@transaction.atomic
def map_name(resolution: NameResolution, target: Unit | Person) -> None:
    """Decide that a printed name means `target`, and remember it as an alias."""
    require_draft(resolution.plan)
    if target.government_id != resolution.plan.government_id:
        raise UserError("只能对应到本政府的单位或领导。", "target of another government")
    if resolution.kind == NameKind.UNIT:
        if not isinstance(target, Unit):
            raise UserError("单位名称只能对应到单位。", "unit name mapped to a person")
        if resolution.name not in target.all_names():
            UnitAlias.objects.update_or_create(
                government=target.government, name=resolution.name, defaults={"unit": target}
            )
        resolution.unit = target
    else:
        if not isinstance(target, Person):
            raise UserError("领导姓名只能对应到领导。", "person name mapped to a unit")
        resolution.person = target
    resolution.method = Method.MAPPED
    resolution.save()
    link_assignments(resolution.plan, [resolution])


@transaction.atomic
def create_for(resolution: NameResolution) -> Unit | Person:
    """Create the directory entry a printed name stands for."""
    require_draft(resolution.plan)
    gov = resolution.plan.government
    if resolution.kind == NameKind.UNIT:
        target, _ = Unit.objects.get_or_create(
            government=gov, name=resolution.name, defaults={"kind": guess_kind(resolution.name)}
        )
        resolution.unit = target
    else:
        target, _ = Person.objects.get_or_create(government=gov, name=resolution.name)
        resolution.person = target
    resolution.method = Method.CREATED
    resolution.save()
    link_assignments(resolution.plan, [resolution])
    return target


@transaction.atomic
def edit_draft_task(
    task: Task,
    *,
    content: str,
    deadline: str,
    state: str,
    names_by_role: dict[Role, list[str]],
) -> None:
    """Save a draft task's fields and the names it prints, by role.

    For each role in `names_by_role` whose names differ from the task's
    current ones (same names in the same order count as unchanged), the
    role's assignments are replaced by the new names and the plan's names are
    resolved again, so names already decided earlier in this review are
    linked at once and new ones appear as open names. Roles left out of
    `names_by_role` are not touched. Refuses (UserError) unless the task's
    plan is still a draft.
    """
    require_draft(task.plan)
    task.content = content.strip()
    task.deadline = deadline.strip()
    task.state = state
    task.save()
    current: dict[str, list[str]] = {role: [] for role in names_by_role}
    for a in sorted(task.assignments.all(), key=lambda a: a.position):
        current.setdefault(a.role, []).append(a.name)
    changed = []
    for role, names in names_by_role.items():
        if names == current[role]:
            continue
        task.assignments.filter(role=role).delete()
        Assignment.objects.bulk_create(
            Assignment(task=task, role=role, position=k, name=name) for k, name in enumerate(names)
        )
        changed += names
    if changed:
        plan = task.plan
        pre_resolve(plan)
        decided = plan.resolutions.exclude(method=Method.UNRESOLVED).filter(name__in=changed)
        link_assignments(plan, decided)


def unresolved(plan: Plan):
    return plan.resolutions.filter(method=Method.UNRESOLVED)


@transaction.atomic
def confirm(plan: Plan, create_missing: bool = False) -> Plan:
    """Activate a draft (or apply it to the plan it revises); return the active plan."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require_draft(plan)
    pending = list(unresolved(plan))
    if pending and not create_missing:
        names = "、".join(r.name for r in pending[:5])
        more = f"等 {len(pending)} 个" if len(pending) > 5 else ""
        raise UserError(
            f"还有名称未确认：{names}{more}。请逐一对应到已有单位或新建后再确认。",
            f"{len(pending)} unresolved names",
        )
    for r in pending:
        create_for(r)
    fill_collectives(plan)
    if plan.revises_id and plan.revises.status == PlanStatus.ACTIVE:
        target = apply_revision(plan, plan.revises)
    else:
        plan.status = PlanStatus.ACTIVE
        plan.confirmed_at = timezone.now()
        plan.save()
        target = plan
    record(AuditEntry.Action.CONFIRM, target, None, {"from_draft": plan.pk})
    plan_confirmed.send(sender=Plan, plan=target)
    return target


def fill_collectives(plan: Plan) -> None:
    """Give collectives that have no members yet the units their name covers
    (各乡镇人民政府 → every township): the default the office then edits."""
    gov_units = Unit.objects.filter(government=plan.government)
    for collective in gov_units.filter(kind="collective", members=None):
        kinds = member_kinds(collective.name)
        if kinds:
            collective.members.set(gov_units.filter(kind__in=kinds))


def refresh(plan: Plan) -> None:
    """Re-resolve a draft's open names, e.g. after the directory was edited."""
    require_draft(plan)
    pre_resolve(plan)

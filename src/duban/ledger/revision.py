"""A revised notice for a plan already in force: what changed, and applying it.

Tasks are matched old ↔ new by content similarity, helped by an equal number
and heading; a matched task keeps its identity (and so everything attached to
it) and takes the new wording and names; a new task joins the plan; an old
task with no match is abolished, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from rapidfuzz import fuzz

from duban.ledger.choices import PlanStatus, Role, TaskState
from duban.ledger.models import Assignment, Plan, PlanSource, Task

ADDED, CHANGED, ABOLISHED, UNCHANGED = "added", "changed", "abolished", "unchanged"
_MIN_SIMILARITY = 60
_SAME_PLACE_MIN_SIMILARITY = 30
_FIELDS = {"content": "工作任务", "deadline": "完成时限", "section": "所属部分", "seq": "序号"}
_FIELDS_STATE = {"state": "状态"}


@dataclass
class Change:
    kind: str
    old: Task | None = None
    new: Task | None = None
    fields: list[str] = field(default_factory=list)

    @property
    def field_labels(self) -> list[str]:
        labels = {**_FIELDS, **_FIELDS_STATE, **dict(Role.choices)}
        return [labels[f] for f in self.fields]


def diff(draft: Plan, active: Plan) -> list[Change]:
    """Every task of both plans, classified; in the draft's order, abolished last."""
    old = list(active.tasks.prefetch_related("assignments"))
    new = list(draft.tasks.prefetch_related("assignments"))
    pairs = _match(old, new)
    changes = []
    matched_old = set()
    for task in new:
        partner = pairs.get(task.pk)
        if partner is None:
            changes.append(Change(ADDED, new=task))
            continue
        matched_old.add(partner.pk)
        fields = _changed_fields(partner, task)
        changes.append(Change(CHANGED if fields else UNCHANGED, partner, task, fields))
    changes += [
        Change(ABOLISHED, old=t)
        for t in old
        if t.pk not in matched_old and t.state != TaskState.ABOLISHED
    ]
    return changes


def summary(changes: list[Change]) -> dict[str, int]:
    counts = {ADDED: 0, CHANGED: 0, ABOLISHED: 0, UNCHANGED: 0}
    for c in changes:
        counts[c.kind] += 1
    return counts


def apply_revision(draft: Plan, active: Plan) -> Plan:
    """Apply the draft to the active plan in place and retire the draft."""
    for position, change in enumerate(diff(draft, active), start=1):
        if change.kind == ADDED:
            change.new.plan = active
            change.new.position = position
            change.new.save()
        elif change.kind in (CHANGED, UNCHANGED):
            _take_over(change.old, change.new, position)
        else:
            change.old.state = TaskState.ABOLISHED
            change.old.position = position
            change.old.save()
    for name in ("title", "doc_number", "issuer", "issue_date", "source_name"):
        setattr(active, name, getattr(draft, name))
    active.source, _ = PlanSource.objects.update_or_create(
        plan=active, defaults={"lines": draft.source_lines, "diagnostics": draft.diagnostics}
    )
    active.confirmed_at = timezone.now()
    active.save()
    draft.status = PlanStatus.MERGED
    draft.save()
    return active


def _take_over(old: Task, new: Task, position: int) -> None:
    for name in ("list_title", "section", "section_title", "seq", "content", "deadline", "state"):
        setattr(old, name, getattr(new, name))
    old.source_first_line, old.source_last_line = new.source_first_line, new.source_last_line
    old.position = position
    old.save()
    if _names(old) != _names(new):
        old.assignments.exclude(role=Role.INSPECT).delete()
        Assignment.objects.filter(task=new).update(task=old)


def _match(old: list[Task], new: list[Task]) -> dict[int, Task]:
    scored = []
    for n in new:
        for o in old:
            similarity = fuzz.ratio(o.content, n.content)
            same_place = o.seq == n.seq and o.section == n.section and o.list_title == n.list_title
            if similarity >= _MIN_SIMILARITY or (
                same_place and similarity >= _SAME_PLACE_MIN_SIMILARITY
            ):
                scored.append((similarity + (20 if same_place else 0), n.pk, o))
    scored.sort(key=lambda s: -s[0])
    pairs: dict[int, Task] = {}
    taken: set[int] = set()
    for _, new_pk, o in scored:
        if new_pk not in pairs and o.pk not in taken:
            pairs[new_pk] = o
            taken.add(o.pk)
    return pairs


# Roles a notice prints. An inspecting unit is set by the office in duban, so a
# revised notice neither compares nor replaces it.
_PRINTED_ROLES = (Role.LEADER, Role.LEAD, Role.SUPPORT)


def _names(task: Task) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {role: [] for role in _PRINTED_ROLES}
    for a in sorted(task.assignments.all(), key=lambda a: (a.role, a.position)):
        if a.role in names:
            names[a.role].append(a.name)
    return names


def _changed_fields(old: Task, new: Task) -> list[str]:
    fields = [f for f in (*_FIELDS, *_FIELDS_STATE) if getattr(old, f) != getattr(new, f)]
    old_names, new_names = _names(old), _names(new)
    return fields + [role for role in _PRINTED_ROLES if old_names[role] != new_names[role]]

"""Who may see and do what in the reporting cycle: the one place that decides it.

- a unit's users file their unit's reports, acknowledge its tasks and, for tasks
  it leads, consolidate, split into sub-items and request extension or closure;
  they also see the monthly inputs that support units send them;
- the unit head signs (approves) its unit's reports to the office;
- the office (administrators and the inspection office) sees everything of its
  government, accepts or returns reports and decides requests;
- a leader reads the reporting of the tasks the leader leads and writes
  instructions on them.
Views and API endpoints ask these functions; none filters by hand.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from duban.accounts.choices import Role as UserRole
from duban.ledger.access import unit_scope
from duban.ledger.choices import Role
from duban.ledger.models import Assignment, Task
from duban.reporting.choices import RuleKind


def restrict_obligations(qs: QuerySet, user) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_office:
        if user.government_id is None:
            return qs
        return qs.filter(task__plan__government_id=user.government_id)
    visible = Task.objects.restrict(user).values("pk")
    if user.is_unit_member and user.unit_id:
        leads = Assignment.objects.filter(
            task=OuterRef("task"), role=Role.LEAD, unit_id__in=unit_scope(user.unit)
        )
        incoming = Q(rule__kind=RuleKind.SUPPORT_MONTHLY) & Q(Exists(leads))
        return qs.filter(task__in=visible).filter(Q(unit_id=user.unit_id) | incoming)
    if user.is_leader:
        return qs.filter(task__in=visible)
    return qs.none()


def is_own(user, unit_id: int) -> bool:
    return bool(getattr(user, "is_unit_member", False) and user.unit_id == unit_id)


def leads(user, task: Task) -> bool:
    """The user's unit leads the task (directly or as member of a leading collective)."""
    if not getattr(user, "is_unit_member", False) or not user.unit_id:
        return False
    return task.assignments.filter(role=Role.LEAD, unit_id__in=unit_scope(user.unit)).exists()


def assigned(user, task: Task) -> bool:
    if not getattr(user, "is_unit_member", False) or not user.unit_id:
        return False
    return task.assignments.filter(
        role__in=(Role.LEAD, Role.SUPPORT), unit_id__in=unit_scope(user.unit)
    ).exists()


def can_file(user, obligation) -> bool:
    return is_own(user, obligation.unit_id)


def can_approve(user, obligation) -> bool:
    return user.role == UserRole.UNIT_HEAD and user.unit_id == obligation.unit_id


def can_review(user, government_id: int) -> bool:
    return bool(getattr(user, "is_office", False) and user.government_id in (None, government_id))


def can_instruct(user, task: Task) -> bool:
    return bool(
        getattr(user, "is_leader", False)
        and user.person_id
        and task.assignments.filter(role=Role.LEADER, person_id=user.person_id).exists()
    )

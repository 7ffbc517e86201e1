"""Who may see which plans and tasks: the one place that decides it.

Every view and API endpoint scopes its queryset through `restrict`; nothing
filters by unit by hand.
- office administrators and inspectors: every plan of their government (all
  governments when they have none), drafts included;
- unit users and unit heads: active plans of their government, and of those
  the tasks their unit leads, supports or inspects (督查单位), directly or
  through a collective (各乡镇人民政府) it belongs to;
- leaders: active plans of their government, the tasks they lead.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from duban.ledger.choices import PlanStatus, Role


def restrict_plans(qs: QuerySet, user) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_office:
        return qs if user.government_id is None else qs.filter(government_id=user.government_id)
    government_id = _government_id(user)
    if government_id is None:
        return qs.none()
    return qs.filter(government_id=government_id, status=PlanStatus.ACTIVE)


def restrict_tasks(qs: QuerySet, user) -> QuerySet:
    from duban.ledger.models import Assignment

    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_office:
        if user.government_id is None:
            return qs
        return qs.filter(plan__government_id=user.government_id)
    qs = qs.filter(plan__status=PlanStatus.ACTIVE)
    if user.is_unit_member and user.unit_id:
        mine = Assignment.objects.filter(
            task=OuterRef("pk"),
            role__in=(Role.LEAD, Role.SUPPORT, Role.INSPECT),
            unit_id__in=unit_scope(user.unit),
        )
        return qs.filter(Exists(mine))
    if user.is_leader and user.person_id:
        mine = Assignment.objects.filter(
            task=OuterRef("pk"), role=Role.LEADER, person_id=user.person_id
        )
        return qs.filter(Exists(mine))
    return qs.none()


def unit_scope(unit) -> list[int]:
    """A unit and the collectives it belongs to: whose tasks are its tasks."""
    return [unit.pk, *unit.collectives.values_list("pk", flat=True)]


def can_manage(user, government_id: int | None = None) -> bool:
    """Import, review and confirm plans, edit the directory and users."""
    if not getattr(user, "is_authenticated", False) or not user.is_office_admin:
        return False
    return user.government_id is None or government_id in (None, user.government_id)


def _government_id(user) -> int | None:
    if user.unit_id:
        return user.unit.government_id
    if user.person_id:
        return user.person.government_id
    return user.government_id

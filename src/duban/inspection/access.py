"""Who may do what in inspection: the one place that decides it.

- the office of a government (administrators and the inspection office 督查室)
  manages its inspections, bulletins and assessment: it draws spot checks and
  records findings;
- a unit reads the findings on the tasks it leads or supports (and the issued
  bulletins of its government);
- leaders read dashboards of the tasks they lead.
Views and API endpoints ask these functions; none filters by hand.
"""

from __future__ import annotations

from django.db.models import QuerySet

from duban.ledger.models import Task


def can_manage(user, government_id: int | None = None) -> bool:
    """Draw spot checks, record findings, compose bulletins, set assessment rules."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_office", False):
        return False
    return user.government_id is None or government_id in (None, user.government_id)


def restrict_spot_checks(qs: QuerySet, user) -> QuerySet:
    """Spot checks are the office's working papers: only the office sees them."""
    if not can_manage(user):
        return qs.none()
    if user.government_id is None:
        return qs
    return qs.filter(plan__government_id=user.government_id)


def restrict_findings(qs: QuerySet, user) -> QuerySet:
    """The office sees its government's findings; units and leaders those on tasks they see."""
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(task__in=Task.objects.restrict(user).values("pk"))


def can_assign_inspectors(user, government_id: int | None = None) -> bool:
    """Name a task's inspecting units (督查单位): part of the task's assignments,
    so it belongs to whoever keeps the ledger, the office administrators."""
    from duban.ledger import access as ledger_access

    return ledger_access.can_manage(user, government_id)

"""What the import and review pages share: who may use them and how a plan is fetched.

Only office administrators of the plan's government get here (anyone else:
403; a plan outside their scope: 404). Keeping that rule, the prefetch the
pages display names from, and the way back to the review page in one place
lets the page modules (importing, review, names, drafts) stay small without
each restating the access check.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from duban.ledger.access import can_manage
from duban.ledger.choices import Role
from duban.ledger.models import Assignment, Plan

# A task's assignments with the directory entries they point at, for display names.
ASSIGNMENTS = Prefetch("assignments", queryset=Assignment.objects.select_related("unit", "person"))
# Each role and the task form's field holding its names.
ROLE_FIELDS = (
    (Role.LEADER, "lead_leaders"),
    (Role.LEAD, "lead_units"),
    (Role.SUPPORT, "support_units"),
)


def manager_only(view):
    """Anonymous users go to the login page; anyone but an office administrator gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied("只有政府办管理员可以导入和审核分工方案。")
        return view(request, *args, **kwargs)

    return wrapped


def managed_plan(request, pk: int) -> Plan:
    """The plan `pk` if the user may review it: 404 outside their scope, 403 if
    they do not administer its government."""
    plan = get_object_or_404(
        Plan.objects.restrict(request.user).select_related("government", "revises"), pk=pk
    )
    if not can_manage(request.user, plan.government_id):
        raise PermissionDenied("只有本政府的政府办管理员可以审核该方案。")
    return plan


def review_url(plan: Plan, anchor: str = "") -> str:
    """The plan's review page, optionally at an anchor (where a no-JS form returns)."""
    url = reverse("ledger:review", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url

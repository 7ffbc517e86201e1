"""待审签: the unit head's list of reports to the office waiting for the
signature (审签), each shown in full, and the signing itself.

Signing is the electronic 签字盖章: flow.approve records who signed and when,
and delivers the report to the office.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from duban.accounts.choices import Role as UserRole
from duban.errors import UserError
from duban.reporting import access, flow
from duban.reporting.choices import ReportState, RuleKind
from duban.reporting.models import Report
from duban.reporting.views.common import back, refused, target_rows, visible_report


def newest_only(qs):
    """Reports that no later version of the same obligation replaces."""
    later = Report.objects.filter(
        obligation=OuterRef("obligation"), version__gt=OuterRef("version")
    )
    return qs.exclude(Exists(later))


def with_details(qs):
    return qs.select_related(
        "obligation__task__plan", "obligation__unit", "obligation__rule", "submitted_by",
        "approved_by", "reviewed_by",
    ).prefetch_related("attachments")  # fmt: skip


def decorate_reports(reports) -> list[Report]:
    reports = list(reports)
    for report in reports:
        report.rows = target_rows(report.obligation.task.targets, report.actuals)
    return reports


@require_GET
@login_required
def index(request):
    user = request.user
    if user.role != UserRole.UNIT_HEAD or not user.unit_id:
        raise PermissionDenied("只有单位负责人可以审签报告。")
    waiting = newest_only(
        Report.objects.filter(
            state=ReportState.SUBMITTED,
            obligation__unit_id=user.unit_id,
            obligation__rule__active=True,
        ).exclude(obligation__rule__kind=RuleKind.SUPPORT_MONTHLY)
    )
    reports = decorate_reports(
        with_details(waiting).order_by("obligation__due", "obligation__task__position")
    )
    return render(request, "reporting/approvals.html", {"reports": reports, "unit": user.unit})


@require_POST
@login_required
def approve(request, pk):
    report = visible_report(request, pk)
    if not access.can_approve(request.user, report.obligation):
        raise PermissionDenied("只有本单位负责人可以审签报告。")
    try:
        flow.approve(request.user, report)
    except UserError as exc:
        refused(request, exc)
    else:
        ob = report.obligation
        messages.success(request, f"已审签“{ob.task}”{ob.period_label}进展报告，已报送政府办。")
    return back(request, reverse("reporting:approvals"))

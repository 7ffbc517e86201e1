"""审核: the office's desk. Signed reports waiting for it (and delivered
support reports of tasks nobody consolidates), to accept (采纳) or return
(退回, with a comment); and pending extension and closure requests, to
approve (同意) or reject (不同意, with a comment).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from duban.errors import UserError
from duban.ledger.models import Task
from duban.reporting import access, flow
from duban.reporting.choices import ReportState, RequestState, RuleKind
from duban.reporting.forms import CommentForm, ReturnForm
from duban.reporting.models import Obligation, Report, Request
from duban.reporting.views.approvals import decorate_reports, newest_only, with_details
from duban.reporting.views.common import back, refused, visible_report


def _office_only(user) -> None:
    if not getattr(user, "is_office", False):
        raise PermissionDenied("只有政府办（督查室）可以审核。")


@require_GET
@login_required
def index(request):
    user = request.user
    _office_only(user)
    # The task ids first, then the reports of those tasks: the planner then walks
    # the indexes from tasks to obligations to reports instead of scanning a
    # province's million reports. Support reports come to the office only for
    # tasks no lead unit consolidates, which is decided per task, not per report.
    task_ids = list(Task.objects.restrict(user).values_list("pk", flat=True))
    consolidated = Obligation.objects.filter(task=OuterRef("pk"), rule__active=True)
    consolidated = consolidated.exclude(rule__kind=RuleKind.SUPPORT_MONTHLY)
    unconsolidated = list(
        Task.objects.filter(pk__in=task_ids)
        .exclude(Exists(consolidated))
        .values_list("pk", flat=True)
    )
    waiting = newest_only(
        Report.objects.filter(
            obligation__task_id__in=task_ids, obligation__rule__active=True
        ).filter(
            Q(state=ReportState.APPROVED)
            | Q(
                state=ReportState.SUBMITTED,
                obligation__rule__kind=RuleKind.SUPPORT_MONTHLY,
                obligation__task_id__in=unconsolidated,
            )
        )
    )
    reports = decorate_reports(
        with_details(waiting).order_by("obligation__due", "obligation__task__position")
    )
    requests = list(
        Request.objects.filter(task_id__in=task_ids, state=RequestState.PENDING)
        .select_related("task__plan", "unit", "requested_by")
        .prefetch_related("attachments")
        .order_by("requested_at", "pk")
    )
    context = {"reports": reports, "requests": requests}
    return render(request, "reporting/review.html", context)


def _review_report(request, pk) -> Report:
    report = visible_report(request, pk)
    if not access.can_review(request.user, report.obligation.task.plan.government_id):
        raise PermissionDenied("只有政府办（督查室）可以审核报告。")
    return report


@require_POST
@login_required
def accept(request, pk):
    report = _review_report(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["comment"][0])
        return back(request, reverse("reporting:review"))
    comment = form.cleaned_data["comment"]
    try:
        flow.accept(request.user, report, comment)
    except UserError as exc:
        refused(request, exc)
    else:
        messages.success(request, f"已采纳{_what(report)}。")
    return back(request, reverse("reporting:review"))


@require_POST
@login_required
def return_report(request, pk):
    report = _review_report(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["comment"][0])
        return back(request, reverse("reporting:review"))
    try:
        flow.return_report(request.user, report, form.cleaned_data["comment"])
    except UserError as exc:
        refused(request, exc)
    else:
        messages.success(request, f"已退回{_what(report)}，并通知报送单位修改。")
    return back(request, reverse("reporting:review"))


def _what(report: Report) -> str:
    ob = report.obligation
    return f"{ob.unit.name}“{ob.task}”{ob.period_label}进展报告"


@require_POST
@login_required
def decide(request, pk):
    tasks = Task.objects.restrict(request.user)
    item = get_object_or_404(Request.objects.select_related("task__plan"), pk=pk, task__in=tasks)
    if not access.can_review(request.user, item.task.plan.government_id):
        raise PermissionDenied("只有政府办（督查室）可以审批申请。")
    approve = request.POST.get("decision") == "approve"
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["comment"][0])
        return back(request, reverse("reporting:review"))
    comment = form.cleaned_data["comment"]
    try:
        flow.decide(request.user, item, approve, comment)
    except UserError as exc:
        refused(request, exc)
    else:
        verdict = "同意" if approve else "不同意"
        messages.success(request, f"已{verdict}“{item.task}”的{item.get_kind_display()}。")
    return back(request, reverse("reporting:review"))

"""The office's spot checks: list, draw, the draw's result (with its verification)
and a finding per drawn task; the findings list, which units also read for
their own tasks; and evidence downloads.

Management pages answer 403 to anyone outside the office before looking
anything up; objects of another government answer 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from duban import clock
from duban.errors import UserError
from duban.inspection import access, draw, findings
from duban.inspection.forms import FindingForm, SpotCheckForm
from duban.inspection.models import Evidence, Finding, SpotCheck
from duban.ledger.choices import Role
from duban.ledger.models import Plan, Task
from duban.reporting import downloads
from duban.reporting.choices import ReportState
from duban.reporting.models import Report
from duban.reporting.views.common import message_of


def _office_only(user) -> None:
    if not access.can_manage(user):
        raise PermissionDenied("只有政府办（督查室）可以组织督查抽查。")


def _spot_check(request, pk) -> SpotCheck:
    _office_only(request.user)
    qs = access.restrict_spot_checks(SpotCheck.objects.select_related("plan"), request.user)
    return get_object_or_404(qs, pk=pk)


def delivered_reports(task):
    """The task's reports that reached someone (no drafts), newest first."""
    return (
        Report.objects.filter(obligation__task=task)
        .exclude(state=ReportState.DRAFT)
        .select_related("obligation__unit")
        .order_by("-submitted_at", "-pk")
    )


def drawn_rows(check: SpotCheck) -> list[dict]:
    """Each drawn task (in draw order) with its lead units, latest report and findings."""
    ids = [int(x) for x in check.drawn or []]
    tasks = Task.objects.filter(pk__in=ids).prefetch_related("assignments__unit")
    by_id = {t.pk: t for t in tasks}
    found: dict[int, list[Finding]] = {}
    for f in check.findings.select_related("inspector").prefetch_related("evidence"):
        found.setdefault(f.task_id, []).append(f)
    rows = []
    for pk in ids:
        task = by_id.get(pk)
        if task is None:
            continue
        rows.append(
            {
                "task": task,
                "leads": [a.display_name for a in task.assignments.all() if a.role == Role.LEAD],
                "report": delivered_reports(task).first(),
                "findings": found.get(pk, []),
            }
        )
    return rows


@require_GET
@login_required
def index(request):
    _office_only(request.user)
    checks = access.restrict_spot_checks(
        SpotCheck.objects.select_related("plan", "created_by"), request.user
    )
    return render(request, "inspection/spot_checks.html", {"checks": checks})


@require_http_methods(["GET", "POST"])
@login_required
def new(request):
    _office_only(request.user)
    plans = Plan.objects.restrict(request.user).filter(status="active")
    form = SpotCheckForm(request.POST or None, plans=plans, initial={"size": 2})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = draw.create_spot_check(
                request.user,
                data["plan"],
                data["title"],
                data["kind"],
                data["strata"],
                data["size"],
                seed=data["seed"],
                planned_for=data["planned_for"],
                notes=data["notes"],
            )
        except UserError as exc:
            form.add_error(None, message_of(exc))
        else:
            messages.success(request, f"已抽取 {len(check.drawn)} 项任务。")
            return redirect("inspection:spot_check", pk=check.pk)
    return render(request, "inspection/spot_check_form.html", {"form": form})


@require_GET
@login_required
def detail(request, pk):
    check = _spot_check(request, pk)
    verified = draw.verify(check) if request.GET.get("verify") else None
    context = {
        "check": check,
        "rows": drawn_rows(check),
        "population": len(draw.stored_population(check)[0]),
        "verified": verified,
    }
    return render(request, "inspection/spot_check.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def finding(request, pk, task_pk):
    check = _spot_check(request, pk)
    if task_pk not in [int(x) for x in check.drawn or []]:
        raise Http404("task not drawn")
    task = get_object_or_404(Task.objects.select_related("plan"), pk=task_pk)
    reports = delivered_reports(task)
    form = FindingForm(
        request.POST or None,
        reports=reports,
        initial={"found_on": check.planned_for or clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            findings.record_with_evidence(
                request.user,
                task,
                data["verdict"],
                data["text"],
                data["found_on"],
                files=request.FILES.getlist("files"),
                spot_check=check,
                report=data["report"],
            )
        except UserError as exc:
            form.add_error(None, message_of(exc))
        else:
            messages.success(request, "已记录督查情况。")
            return redirect("inspection:spot_check", pk=check.pk)
    context = {"check": check, "task": task, "form": form}
    return render(request, "inspection/finding_form.html", context)


@require_GET
@login_required
def finding_list(request):
    qs = access.restrict_findings(
        Finding.objects.select_related(
            "task__plan", "spot_check", "inspector", "report__obligation__unit"
        ).prefetch_related("evidence"),
        request.user,
    )
    task = request.GET.get("task", "")
    if task.isdigit():
        qs = qs.filter(task_id=int(task))
    context = {"findings": qs, "manage": access.can_manage(request.user)}
    return render(request, "inspection/findings.html", context)


@require_GET
@login_required
def evidence(request, pk):
    item = get_object_or_404(Evidence.objects.select_related("finding"), pk=pk)
    visible = access.restrict_findings(Finding.objects.filter(pk=item.finding_id), request.user)
    if not visible.exists():
        raise Http404("evidence not visible")
    return downloads.serve(item)

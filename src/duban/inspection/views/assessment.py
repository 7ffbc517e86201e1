"""年终考核 pages: the ranking of a plan's units with each score's components,
one unit's breakdown (得分反查, linking to the reports, tasks and findings
behind it), the red and black lists of any period, and the scheme's weights
(office administrators only). Only the office sees scores.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from duban import clock
from duban.errors import UserError
from duban.inspection import access, assessment
from duban.inspection.bulletins import scheme_for
from duban.inspection.models import AssessmentScheme
from duban.ledger.models import Plan
from duban.reporting.views.common import message_of


def _office_only(user) -> None:
    if not access.can_manage(user):
        raise PermissionDenied("只有政府办（督查室）可以查看考核结果。")


def _plan(request) -> Plan | None:
    plans = Plan.objects.restrict(request.user)
    wanted = request.GET.get("plan")
    if wanted:
        try:
            return get_object_or_404(plans, pk=int(wanted))
        except ValueError:
            raise Http404("bad plan id") from None
    return plans.filter(status="active").first() or plans.first()


def _year(request, plan: Plan) -> int:
    try:
        return int(request.GET.get("year") or plan.year or clock.today().year)
    except ValueError:
        return plan.year or clock.today().year


@require_GET
@login_required
def index(request):
    _office_only(request.user)
    plan = _plan(request)
    context = {"plan": plan, "plans": list(Plan.objects.restrict(request.user))}
    if plan is not None:
        year = _year(request, plan)
        period = request.GET.get("period") or str(year)
        try:
            red, black = assessment.red_black_for(plan, period)
        except UserError as exc:
            messages.error(request, message_of(exc))
            period, (red, black) = str(year), assessment.red_black_for(plan, str(year))
        context |= {
            "year": year,
            "scores": assessment.scores(plan, year),
            "scheme": scheme_for(plan.government),
            "period": period,
            "red": red,
            "black": black,
        }
    return render(request, "inspection/assessment.html", context)


@require_GET
@login_required
def unit(request, plan_pk, unit_pk):
    _office_only(request.user)
    plan = get_object_or_404(Plan.objects.restrict(request.user), pk=plan_pk)
    year = _year(request, plan)
    found = [s for s in assessment.scores(plan, year) if s.unit_id == unit_pk]
    if not found:
        raise Http404("unit without a score")
    score = found[0]
    groups = [
        ("on_time", "按时报送"),
        ("completion", "牵头任务完成"),
        ("finding", "督查发现问题"),
        ("inconsistent", "报送不实扣分"),
        ("returned", "报告被退回扣分"),
    ]
    sections = [(label, [x for x in score.lines if x.component == key]) for key, label in groups]
    context = {"plan": plan, "year": year, "score": score, "sections": sections,
               "scheme": scheme_for(plan.government)}  # fmt: skip
    return render(request, "inspection/assessment_unit.html", context)


class SchemeForm(forms.ModelForm):
    class Meta:
        model = AssessmentScheme
        exclude = ("government",)

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, float) and value < 0:
                self.add_error(name, "不能为负数。")
        return data


@require_http_methods(["GET", "POST"])
@login_required
def scheme(request):
    user = request.user
    if not (access.can_manage(user) and user.is_office_admin):
        raise PermissionDenied("只有政府办管理员可以修改考核规则。")
    if user.government is None:
        messages.error(request, "请以某一政府的管理员账号修改该政府的考核规则。")
        return redirect("bulletins:assessment")
    instance = scheme_for(user.government)
    form = SchemeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "考核规则已保存。")
        return redirect("bulletins:scheme")
    return render(request, "inspection/assessment_scheme.html", {"form": form})

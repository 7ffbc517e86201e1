"""报送规则: the office administrator's reporting rules of a plan.

A rule is added from a preset (obligations.PRESETS: monthly support reports,
quarterly lead reports, the fixed half-year/three-quarter/annual dates) or as
an ad-hoc request with its own title, date and tasks; adding one generates its
obligations at once. A deactivated rule stops counting: its obligations
nobody has started are dropped, the reports already written stay.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from duban import clock
from duban.errors import UserError
from duban.ledger.access import can_manage
from duban.ledger.choices import PlanStatus
from duban.ledger.models import Plan
from duban.reporting.choices import RuleKind
from duban.reporting.forms import AdhocRuleForm, PresetRuleForm
from duban.reporting.models import ReportingRule
from duban.reporting.obligations import add_preset, generate


def admin_only(user) -> None:
    if not can_manage(user):
        raise PermissionDenied("只有政府办管理员可以设置报送规则和节假日。")


def _plan(request, pk) -> Plan:
    admin_only(request.user)
    plan = get_object_or_404(Plan.objects.restrict(request.user), pk=pk)
    if not can_manage(request.user, plan.government_id):
        raise PermissionDenied("只有本政府的政府办管理员可以设置该方案的报送规则。")
    return plan


def _rule(request, pk) -> ReportingRule:
    admin_only(request.user)
    plans = Plan.objects.restrict(request.user)
    rule = get_object_or_404(ReportingRule.objects.select_related("plan"), pk=pk, plan__in=plans)
    if not can_manage(request.user, rule.plan.government_id):
        raise PermissionDenied("只有本政府的政府办管理员可以设置该方案的报送规则。")
    return rule


@require_GET
@login_required
def settings_index(request):
    """报送设置: the plans whose rules can be set, and the holiday table."""
    admin_only(request.user)
    plans = Plan.objects.restrict(request.user).filter(status=PlanStatus.ACTIVE)
    plans = plans.select_related("government").annotate(rule_count=Count("reporting_rules"))
    return render(request, "reporting/settings.html", {"plans": plans})


@require_GET
@login_required
def rules(request, pk):
    plan = _plan(request, pk)
    return _page(request, plan, PresetRuleForm(), AdhocRuleForm(plan=plan))


def _page(request, plan, preset_form, adhoc_form, status=200):
    rows = plan.reporting_rules.annotate(obligation_count=Count("obligations")).prefetch_related(
        "tasks"
    )
    context = {
        "plan": plan,
        "rules": rows,
        "preset_form": preset_form,
        "adhoc_form": adhoc_form,
        "adhoc_kind": RuleKind.ADHOC,
    }
    return render(request, "reporting/rules.html", context, status=status)


@require_POST
@login_required
def add_rule(request, pk):
    plan = _plan(request, pk)
    adhoc = request.POST.get("kind") == "adhoc"
    preset_form = PresetRuleForm(None if adhoc else request.POST)
    adhoc_form = AdhocRuleForm(request.POST if adhoc else None, plan=plan)
    form = adhoc_form if adhoc else preset_form
    if not form.is_valid():
        messages.error(request, "未添加规则：请按提示修改后重试。")
        return _page(request, plan, preset_form, adhoc_form)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if adhoc:
                rule = ReportingRule.objects.create(
                    plan=plan, kind=RuleKind.ADHOC, title=data["title"], due_date=data["due_date"]
                )
                rule.tasks.set(data["tasks"])
            else:
                rule = add_preset(plan, data["preset"], first_month=data["first_month"])
            created = generate(rule)
    except UserError as exc:
        messages.error(request, exc.message_zh)
        return redirect("reporting:rules", plan.pk)
    messages.success(request, f"已添加报送规则“{rule}”，生成报送任务 {created} 项。")
    return redirect("reporting:rules", plan.pk)


@require_POST
@login_required
def generate_rule(request, pk):
    """Generate what is missing (new tasks, new units); nothing is duplicated."""
    rule = _rule(request, pk)
    if not rule.active:
        messages.error(request, "该规则已停用，不能生成报送任务。")
        return redirect("reporting:rules", rule.plan_id)
    try:
        created = generate(rule)
    except UserError as exc:
        messages.error(request, exc.message_zh)
    else:
        messages.success(request, f"规则“{rule}”新生成报送任务 {created} 项。")
    return redirect("reporting:rules", rule.plan_id)


@require_POST
@login_required
def deactivate_rule(request, pk):
    rule = _rule(request, pk)
    with transaction.atomic():
        if rule.active:
            rule.active = False
            rule.save()
        rule.obligations.filter(reports=None, due__gte=clock.today()).delete()
    messages.success(request, f"已停用报送规则“{rule}”，取消尚未填报的报送任务。")
    return redirect("reporting:rules", rule.plan_id)

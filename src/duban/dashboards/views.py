"""The plan dashboard (office) and the leader's cockpit.

Both show the same figures (figures.py); the cockpit restricts them to the
tasks the leader leads and adds the leader's unanswered instructions. Roles
are checked before anything is looked up (403), plans in the reader's scope
(404 outside it).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from duban import clock
from duban.dashboards import access
from duban.dashboards.figures import BUCKETS, chart_data, plan_figures
from duban.ledger.models import Plan, Task
from duban.reporting.models import Instruction
from duban.reporting.views.common import workdays


@login_required
@require_safe
def plan(request, plan_id: int):
    user = request.user
    if access.can_read_cockpit(user):
        return redirect(f"{_cockpit_url()}?plan={plan_id}")
    if not access.can_read_plan_dashboard(user):
        raise PermissionDenied("只有政府办和督查室可以查看数据看板。")
    the_plan = get_object_or_404(Plan.objects.restrict(user), pk=plan_id)
    figures = plan_figures(the_plan, Task.objects.restrict(user), clock.today(), workdays(request))
    return render(request, "dashboards/plan.html", _context(the_plan, figures, cockpit=False))


@login_required
@require_safe
def cockpit(request):
    user = request.user
    if not access.can_read_cockpit(user):
        raise PermissionDenied("领导驾驶舱只供牵头领导查看。")
    tasks = Task.objects.restrict(user)
    plans = list(Plan.objects.restrict(user).filter(tasks__in=tasks.values("pk")).distinct())
    chosen = request.GET.get("plan")
    the_plan = None
    if chosen:
        the_plan = get_object_or_404(Plan.objects.restrict(user), pk=_int(chosen))
    elif plans:
        the_plan = plans[0]
    context = {"plans": plans, "plan": the_plan, "cockpit": True}
    if the_plan is not None:
        figures = plan_figures(the_plan, tasks, clock.today(), workdays(request))
        context = _context(the_plan, figures, cockpit=True) | {"plans": plans}
        context["instructions"] = list(
            Instruction.objects.filter(
                task__in=tasks.filter(plan=the_plan).values("pk"),
                leader_id=user.person_id,
                answered_at__isnull=True,
            )
            .select_related("task")
            .order_by("created_at", "pk")
        )
    return render(request, "dashboards/cockpit.html", context)


def _context(the_plan, figures: dict, cockpit: bool) -> dict:
    return {
        "plan": the_plan,
        "figures": figures,
        "charts": chart_data(figures),
        "buckets": [label for _, label in BUCKETS],
        "cockpit": cockpit,
        "today": clock.today(),
    }


def _cockpit_url() -> str:
    return reverse("dashboards:cockpit")


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0

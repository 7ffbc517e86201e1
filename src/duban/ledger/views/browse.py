"""Reading plans and tasks: plan list, plan overview, task list, task page, and
each unit's and leader's own tasks.

Every queryset starts from `restrict(user)`, and single objects are looked up
in it, so a task outside the user's scope is a 404 rather than a 403 that
would confirm it exists.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers

from duban.ledger import access
from duban.ledger.choices import PlanStatus, Role, TaskState
from duban.ledger.filters import (
    LEAD,
    SUPPORT,
    TaskFilterForm,
    facets,
    filter_tasks,
    section_titles,
)
from duban.ledger.models import Assignment, Plan, Task

PER_PAGE = 50


def with_names(qs: QuerySet) -> QuerySet:
    """Tasks with their plan and assignments in two extra queries, whatever the rows."""
    names = Assignment.objects.select_related("unit", "person")
    return qs.select_related("plan").prefetch_related(Prefetch("assignments", queryset=names))


def by_role(tasks, scope: list[int] | None = None):
    """Give each task `leaders`, `leads` and `supports` lists for the templates,
    and `via`: the collectives through which a unit in `scope` has the task."""
    tasks = list(tasks)
    for task in tasks:
        names = list(task.assignments.all())
        task.leaders = [a for a in names if a.role == Role.LEADER]
        task.leads = [a for a in names if a.role == Role.LEAD]
        task.supports = [a for a in names if a.role == Role.SUPPORT]
        task.inspectors = [a for a in names if a.role == Role.INSPECT]
        task.via = [
            a.display_name
            for a in names
            if scope and a.role in (Role.LEAD, Role.SUPPORT) and a.unit_id in scope[1:]
        ]
    return tasks


def _visible_plan(request, pk: int) -> Plan:
    plans = Plan.objects.restrict(request.user).select_related("government", "revises")
    return get_object_or_404(plans, pk=pk)


@login_required
def plans(request):
    """Every plan the user may see, with how many of its tasks the user sees."""
    user = request.user
    rows = list(Plan.objects.restrict(user).select_related("government", "revises"))
    counts: dict[int, dict[str, int]] = {}
    visible = Task.objects.restrict(user).order_by().values_list("plan_id", "state")
    for plan_id, state, n in visible.annotate(n=Count("pk")):
        counts.setdefault(plan_id, {})[state] = n
    labels = dict(TaskState.choices)
    for plan in rows:
        by_state = counts.get(plan.pk, {})
        plan.task_total = sum(by_state.values())
        plan.task_states = [(labels.get(s, s), n) for s, n in by_state.items()]
        plan.reviewable = plan.status == PlanStatus.DRAFT and access.can_manage(
            user, plan.government_id
        )
    context = {
        "plans": rows,
        "can_import": access.can_manage(user),
        "show_government": len({p.government_id for p in rows}) > 1,
    }
    return render(request, "ledger/plans.html", context)


@login_required
def plan(request, pk):
    """The plan's header and its visible tasks counted by status, section, lead
    unit and leader, each count a link to the filtered task list."""
    plan = _visible_plan(request, pk)
    visible = Task.objects.restrict(request.user).filter(plan=plan)
    context = {
        "plan": plan,
        "facets": facets(visible),
        "reviewable": plan.status == PlanStatus.DRAFT
        and access.can_manage(request.user, plan.government_id),
    }
    return render(request, "ledger/plan.html", context)


@login_required
def tasks(request, pk):
    """The plan's visible tasks, filtered by the query string, 50 a page. An htmx
    request (the filter form, the page links) gets only the results."""
    plan = _visible_plan(request, pk)
    visible = Task.objects.restrict(request.user).filter(plan=plan)
    form = TaskFilterForm(
        request.GET, government_id=plan.government_id, sections=section_titles(visible)
    )
    found = with_names(filter_tasks(visible, **form.filters()).order_by("position"))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "tasks": by_role(page.object_list),
        "invalid": bool(form.errors),
    }
    partial = request.htmx and not request.htmx.history_restore_request
    template = "ledger/_browse_task_results.html" if partial else "ledger/tasks.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def task(request, pk):
    """One task with its names and the lines of the notice it was read from."""
    visible = with_names(Task.objects.restrict(request.user)).select_related("plan__government")
    task = get_object_or_404(visible, pk=pk)
    by_role([task])
    first = task.source_first_line
    last = task.source_last_line if task.source_last_line is not None else first
    lines = [
        {"n": n, "text": text, "own": first is not None and first <= n <= last}
        for n, text in task.source_excerpt(context=2)
    ]
    context = {
        "task": task,
        "plan": task.plan,
        "lines": lines,
        "section_path": [s for s in task.section if s],
        "reviewable": task.plan.status == PlanStatus.DRAFT
        and access.can_manage(request.user, task.plan.government_id),
    }
    return render(request, "ledger/task.html", context)


@login_required
def my_unit(request):
    """A unit's two lists across active plans: tasks it leads, and tasks it
    supports, directly or through a collective it belongs to."""
    user = request.user
    if not user.is_unit_member:
        return redirect("home")
    if not user.unit_id:
        # Home would send this user straight back here.
        raise PermissionDenied("账号未指定所属单位，请联系政府办管理员。")
    scope = access.unit_scope(user.unit)
    active = with_names(Task.objects.restrict(user).filter(plan__status=PlanStatus.ACTIVE))
    context = {
        "unit": user.unit,
        "leads": by_role(filter_tasks(active, unit=user.unit, role=LEAD), scope),
        "supports": by_role(filter_tasks(active, unit=user.unit, role=SUPPORT), scope),
    }
    return render(request, "ledger/my_unit.html", context)


@login_required
def my_tasks(request):
    """The tasks a leader leads, across active plans."""
    user = request.user
    if not user.is_leader:
        return redirect("home")
    if not user.person_id:
        raise PermissionDenied("账号未对应领导，请联系政府办管理员。")
    active = with_names(Task.objects.restrict(user).filter(plan__status=PlanStatus.ACTIVE))
    context = {"person": user.person, "tasks": by_role(filter_tasks(active, leader=user.person))}
    return render(request, "ledger/my_tasks.html", context)

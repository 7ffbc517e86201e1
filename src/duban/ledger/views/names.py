"""Deciding what a printed name in a draft means.

Each open name on the review page is mapped to a directory entry (picked
from the suggestions or typed) or created as a new one. The decision is a
small POST answered, for htmx, with just the changed name row and the tasks
that print the name; without JavaScript it redirects back to the page.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from duban.directory.models import Person, Unit
from duban.errors import UserError
from duban.ledger import review as services
from duban.ledger.choices import NameKind, PlanStatus
from duban.ledger.models import NameResolution, Plan
from duban.ledger.views.common import ASSIGNMENTS, managed_plan, manager_only, review_url
from duban.ledger.views.review import decorate, names_context


@manager_only
@require_POST
def decide_name(request, pk, rid):
    plan = managed_plan(request, pk)
    resolution = get_object_or_404(plan.resolutions.select_related("plan"), pk=rid)
    resolution.plan = plan
    action = request.POST.get("action", "map")
    error = done = ""
    try:
        if action == "create":
            target = services.create_for(resolution)
            done = f"已新建“{target.name}”。"
        elif action == "map":
            target = _target(plan, resolution, request.POST)
            services.map_name(resolution, target)
            done = f"“{resolution.name}”已对应到“{target.name}”。"
        else:
            raise UserError("无法识别的操作，请刷新页面后重试。", f"unknown action {action!r}")
    except UserError as exc:
        error = exc.message_zh
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, done)
        return HttpResponseRedirect(review_url(plan, f"name-{resolution.pk}"))
    resolution = NameResolution.objects.select_related("unit", "person").get(pk=resolution.pk)
    names = names_context(plan)
    row = next(
        (r for r in names["unit_names"] + names["person_names"] if r.pk == resolution.pk),
        resolution,
    )
    tasks = decorate(
        plan,
        list(
            plan.tasks.filter(assignments__name=resolution.name)
            .distinct()
            .prefetch_related(ASSIGNMENTS)
        ),
    )
    return render(
        request,
        "ledger/_review_decided.html",
        {
            "plan": plan,
            "editable": plan.status == PlanStatus.DRAFT,
            "r": row,
            "error": error,
            "done": done,
            "tasks": tasks,
            **names,
        },
    )


def _target(plan: Plan, resolution: NameResolution, data) -> Unit | Person:
    """The directory entry chosen on the page: a suggestion's id or a typed name."""
    is_unit = resolution.kind == NameKind.UNIT
    model = Unit if is_unit else Person
    entries = model.objects.filter(government_id=plan.government_id)
    if data.get("target"):
        try:
            return entries.get(pk=int(data["target"]))
        except (ValueError, model.DoesNotExist):
            raise UserError("所选的单位或领导不存在，请刷新页面后重试。", "bad target") from None
    name = (data.get("target_name") or "").strip()
    if not name:
        what = "单位" if is_unit else "领导"
        raise UserError(f"请先选择或输入要对应的{what}。", "no target")
    if is_unit:
        found = list(
            entries.filter(Q(name=name) | Q(short_name=name) | Q(aliases__name=name)).distinct()
        )
    else:
        found = list(entries.filter(name=name))
    if len(found) == 1:
        return found[0]
    if is_unit:
        raise UserError(
            f"单位目录中没有“{name}”。可从下拉列表中选择，或点“新建”把原文名称加为新单位。",
            "no such unit",
        )
    raise UserError(f"领导名单中没有“{name}”。可从下拉列表中选择，或点“新建”。", "no person")

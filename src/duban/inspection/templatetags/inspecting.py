"""The inspection part of the ledger's task page (template tag `task_inspectors`):
the form naming the task's inspecting units, for the office administrators."""

from __future__ import annotations

from django import template

from duban.inspection import access, assign

register = template.Library()


@register.inclusion_tag("inspection/_task_inspectors.html", takes_context=True)
def task_inspectors(context, task):
    user = context["request"].user
    if not access.can_assign_inspectors(user, task.plan.government_id):
        return {"show": False}
    chosen = {a.unit_id for a in assign.inspectors(task)}
    return {
        "show": True,
        "task": task,
        "csrf_token": context.get("csrf_token"),
        "units": [(u, u.pk in chosen) for u in assign.candidate_units(task)],
    }

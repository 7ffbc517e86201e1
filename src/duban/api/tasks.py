"""Tasks as JSON, their filters and pages, shared by the plan and unit endpoints.

Every task query starts from Task.objects.restrict(caller) and is narrowed
by duban.ledger.filters.filter_tasks, the same filters as the task list page;
a page costs a fixed number of queries however long it is (the assignments
come in one prefetch with their units and people).
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from ninja import Router

from duban.api.errors import refuse, responses
from duban.api.schemas import PathId, TaskDetailOut
from duban.ledger.choices import Role
from duban.ledger.models import Assignment, Task

_FIELDS = (
    ("lead_leaders", Role.LEADER),
    ("lead_units", Role.LEAD),
    ("support_units", Role.SUPPORT),
)


def visible_tasks(user) -> QuerySet:
    return Task.objects.restrict(user)


def with_names(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit", "person"))
    )


def page(qs: QuerySet, limit: int, offset: int) -> dict:
    """{"count", "items"} of a filtered queryset, in plan order."""
    count = qs.count()
    items = list(with_names(qs.order_by("plan_id", "position"))[offset : offset + limit])
    return {"count": count, "items": [task_json(t) for t in items]}


def task_json(task: Task) -> dict:
    assignments = list(task.assignments.all())
    names = {
        field: [_name_json(a) for a in assignments if a.role == role] for field, role in _FIELDS
    }
    return {
        "id": task.pk,
        "plan": task.plan_id,
        "position": task.position,
        "seq": task.seq,
        "section": list(task.section or []),
        "list_title": task.list_title,
        "content": task.content,
        "deadline": task.deadline,
        "state": task.state,
        **names,
        "url": task.get_absolute_url(),
    }


def _name_json(a: Assignment) -> dict:
    target = a.person if a.role == Role.LEADER else a.unit
    return {"id": target.pk if target else None, "name": a.display_name, "printed": a.name}


router = Router(tags=["任务"])


@router.get(
    "/{task_id}",
    response=responses({200: TaskDetailOut}, 404),
    summary="任务详情",
    description="任务及其在通知原文中的行；不在调用者可见范围内的任务返回 404。",
)
def task_detail(request, task_id: PathId):
    """One task with the lines of the notice it was read from; 404 outside the caller's scope."""
    task = with_names(visible_tasks(request.auth).select_related("plan")).filter(pk=task_id).first()
    if task is None:
        raise refuse(404, "找不到该任务，或您无权查看。")
    return {
        **task_json(task),
        "plan_title": str(task.plan),
        "source": [{"line": n, "text": text} for n, text in task.source_excerpt()],
    }

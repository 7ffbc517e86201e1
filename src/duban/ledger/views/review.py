"""The review page: a draft plan laid out for checking against its notice.

The page shows each task beside the notice lines it was read from, so the
reviewer checks the reading against the original rather than trusting it,
with the parser's diagnostics attached to the tasks they concern and the
names panel listing every printed name still to decide. The context helpers
here also build the fragments that the names and drafts views send back to
htmx, so a changed row looks exactly like the page's own.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect, render

from duban.directory.models import Person, Unit
from duban.errors import UserError
from duban.ledger import review as services
from duban.ledger import revision
from duban.ledger.choices import NameKind, PlanStatus, Role, TaskState
from duban.ledger.models import Assignment, Plan, Task
from duban.ledger.views.common import ASSIGNMENTS, ROLE_FIELDS, managed_plan, manager_only


@manager_only
def review(request, pk):
    plan = managed_plan(request, pk)
    if request.method == "POST":
        # The one action on the page itself: re-resolve open names after the
        # directory was edited elsewhere.
        try:
            services.refresh(plan)
        except UserError as exc:
            messages.error(request, exc.message_zh)
        else:
            left = services.unresolved(plan).count()
            messages.success(request, f"已按最新单位目录重新识别，尚有 {left} 个名称待确认。")
        return redirect("ledger:review", plan.pk)
    return render(request, "ledger/review.html", _page(plan))


def _page(plan: Plan) -> dict:
    tasks = decorate(plan, list(plan.tasks.prefetch_related(ASSIGNMENTS)))
    by_line, by_seq = _task_index(tasks)
    diagnostics = []
    for d in plan.diagnostics:
        concerned = _task_for(d, by_line, by_seq)
        diagnostics.append({**d, "task": concerned[0] if concerned else None})
    context = {
        "plan": plan,
        "editable": plan.status == PlanStatus.DRAFT,
        "tasks": tasks,
        "diagnostics": diagnostics,
        "abolished": sum(t.state == TaskState.ABOLISHED for t in tasks),
        **names_context(plan),
    }
    if plan.revises_id:
        changes = revision.diff(plan, plan.revises)
        context["changes"] = {
            "summary": revision.summary(changes),
            "added": [c for c in changes if c.kind == revision.ADDED],
            "changed": [c for c in changes if c.kind == revision.CHANGED],
            "abolished": [c for c in changes if c.kind == revision.ABOLISHED],
        }
    if plan.status == PlanStatus.MERGED and plan.revises_id:
        context["successor"] = plan.revises
    return context


def names_context(plan: Plan) -> dict:
    """The names panel: every name still printed in the plan, open ones first."""
    counts = Counter(
        (NameKind.PERSON if role == Role.LEADER else NameKind.UNIT, name)
        for role, name in Assignment.objects.filter(task__plan=plan).values_list("role", "name")
    )
    resolutions = [
        r for r in plan.resolutions.select_related("unit", "person") if (r.kind, r.name) in counts
    ]
    for r in resolutions:
        r.occurrences = counts[(r.kind, r.name)]
    resolutions.sort(key=lambda r: (r.resolved, r.name))
    units = [r for r in resolutions if r.kind == NameKind.UNIT]
    people = [r for r in resolutions if r.kind == NameKind.PERSON]
    return {
        "unit_names": units,
        "person_names": people,
        "unresolved_count": sum(not r.resolved for r in resolutions),
        "directory_units": Unit.objects.filter(government_id=plan.government_id)
        .order_by("name")
        .values_list("name", flat=True),
        "directory_people": Person.objects.filter(government_id=plan.government_id)
        .order_by("name")
        .values_list("name", flat=True),
    }


def decorate(plan: Plan, tasks: list[Task]) -> list[Task]:
    """Attach to each task what the page shows beside it: its names by role
    (printed, and the directory entry they resolved to), its source lines, and
    the diagnostics about it."""
    diagnostics = _diagnostics_by_task(plan)
    for task in tasks:
        task.diags = diagnostics.get(task.pk, [])
        first, last = task.source_first_line, task.source_last_line
        last = last if last is not None else first
        task.excerpt = [
            (n, text, first is not None and first <= n <= last)
            for n, text in task.source_excerpt(context=1)
        ]
        assignments = sorted(task.assignments.all(), key=lambda a: (a.role, a.position))
        task.roles = [
            (
                label,
                [
                    {
                        "name": a.name,
                        "resolved": (a.unit_id or a.person_id) is not None,
                        "target": a.display_name if a.display_name != a.name else "",
                    }
                    for a in assignments
                    if a.role == role
                ],
            )
            for role, label in Role.choices
        ]
        task.names_text = {
            field: "、".join(a.name for a in assignments if a.role == role)
            for role, field in ROLE_FIELDS
        }
    return tasks


def _diagnostics_by_task(plan: Plan) -> dict[int, list[dict]]:
    """Each task's diagnostics, matched against all the plan's tasks (a
    fragment shows one task, but a number may belong to another)."""
    if not plan.diagnostics:
        return {}
    light = list(plan.tasks.only("id", "plan", "seq", "source_first_line", "source_last_line"))
    by_line, by_seq = _task_index(light)
    found: dict[int, list[dict]] = {}
    for d in plan.diagnostics:
        for task in _task_for(d, by_line, by_seq):
            found.setdefault(task.pk, []).append(d)
    return found


def _task_index(tasks: list[Task]):
    by_line: dict[int, Task] = {}
    by_seq: dict[str, list[Task]] = {}
    for task in tasks:
        if task.source_first_line is not None:
            last = task.source_last_line or task.source_first_line
            for n in range(task.source_first_line, last + 1):
                by_line.setdefault(n, task)
        if task.seq:
            by_seq.setdefault(task.seq, []).append(task)
    return by_line, by_seq


def _task_for(diagnostic: dict, by_line, by_seq) -> list[Task]:
    """The task a diagnostic concerns: by its line when it has one inside a
    task, otherwise by its number (which may repeat across sections)."""
    line = diagnostic.get("line")
    if line is not None and line in by_line:
        return [by_line[line]]
    return list(by_seq.get(diagnostic.get("seq") or "", []))

"""Importing a notice and reviewing the draft it becomes, up to confirmation.

Only office administrators of the plan's government get here (anyone else:
403; a plan outside their scope: 404). The page shows each task beside the
notice lines it was read from, so the reviewer checks the reading against
the original rather than trusting it. Decisions on names and task edits are
small POSTs answered, for htmx, with just the changed fragments; without
JavaScript every form still works by redirecting back to the page.
"""

from __future__ import annotations

from collections import Counter
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.directory.models import Government, Person, Unit
from duban.errors import UserError
from duban.ledger import importing, revision
from duban.ledger import review as services
from duban.ledger.access import can_manage
from duban.ledger.choices import Method, NameKind, PlanStatus, Role, TaskState
from duban.ledger.forms import ImportForm, TaskForm
from duban.ledger.models import Assignment, NameResolution, Plan, Task

# A task's assignments with the directory entries they point at, for display names.
ASSIGNMENTS = Prefetch("assignments", queryset=Assignment.objects.select_related("unit", "person"))
ROLE_FIELDS = (
    (Role.LEADER, "lead_leaders"),
    (Role.LEAD, "lead_units"),
    (Role.SUPPORT, "support_units"),
)


def manager_only(view):
    """Anonymous users go to the login page; anyone but an office administrator gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_manage(request.user):
            raise PermissionDenied("只有政府办管理员可以导入和审核分工方案。")
        return view(request, *args, **kwargs)

    return wrapped


def _plan(request, pk: int) -> Plan:
    plan = get_object_or_404(
        Plan.objects.restrict(request.user).select_related("government", "revises"), pk=pk
    )
    if not can_manage(request.user, plan.government_id):
        raise PermissionDenied("只有本政府的政府办管理员可以审核该方案。")
    return plan


def _review_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("ledger:review", args=[plan.pk])
    return f"{url}#{anchor}" if anchor else url


# ---------------------------------------------------------------- import


@manager_only
def import_notice(request):
    user = request.user
    governments = Government.objects.all()
    if user.government_id:
        governments = governments.filter(pk=user.government_id)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=user,
        governments=governments.values_list("name", flat=True),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = importing.import_notice(
                upload.read(), upload.name, form.cleaned_data["government"], user
            )
        except UserError as exc:
            form.add_error(None, exc.message_zh)
        else:
            pending = services.unresolved(plan).count()
            note = f"，有 {pending} 个名称待确认" if pending else ""
            revises = "这是对现行方案的修订，确认后将并入现行方案。" if plan.revises_id else ""
            messages.success(
                request,
                f"已导入“{plan}”：识别出 {plan.tasks.count()} 项任务{note}。"
                f"请对照原文逐项核对后确认生效。{revises}",
            )
            return redirect("ledger:review", plan.pk)
    return render(request, "ledger/import.html", {"form": form})


# ---------------------------------------------------------------- review page


@manager_only
def review(request, pk):
    plan = _plan(request, pk)
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
    tasks = _decorate(plan, list(plan.tasks.prefetch_related(ASSIGNMENTS)))
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
        **_names_context(plan),
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


def _names_context(plan: Plan) -> dict:
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


def _decorate(plan: Plan, tasks: list[Task]) -> list[Task]:
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


# ---------------------------------------------------------------- names


@manager_only
@require_POST
def decide_name(request, pk, rid):
    plan = _plan(request, pk)
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
        return HttpResponseRedirect(_review_url(plan, f"name-{resolution.pk}"))
    resolution = NameResolution.objects.select_related("unit", "person").get(pk=resolution.pk)
    names = _names_context(plan)
    row = next(
        (r for r in names["unit_names"] + names["person_names"] if r.pk == resolution.pk),
        resolution,
    )
    tasks = _decorate(
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


# ---------------------------------------------------------------- tasks


@manager_only
def edit_task(request, pk, tid):
    plan = _plan(request, pk)
    task = _task(plan, tid)
    editable = plan.status == PlanStatus.DRAFT
    context = {"plan": plan, "task": task, "editable": editable}
    if request.method == "GET" and request.GET.get("show"):
        # "取消" of the inline form: the task as it is.
        return render(request, "ledger/_review_task.html", context)
    error = ""
    if request.method == "POST":
        form = TaskForm(request.POST)
        if form.is_valid():
            try:
                _save_task(task, form.cleaned_data)
            except UserError as exc:
                error = exc.message_zh
            else:
                if not request.htmx:
                    messages.success(request, f"已保存任务 {task.seq or task.position}。")
                    return HttpResponseRedirect(_review_url(plan, f"task-{task.pk}"))
                context["task"] = _task(plan, tid)
                return render(
                    request, "ledger/_review_task_saved.html", {**context, **_names_context(plan)}
                )
    else:
        form = TaskForm(
            initial={
                "content": task.content,
                "deadline": task.deadline,
                "state": task.state,
                **task.names_text,
            }
        )
    if not editable:
        error = error or "该方案已确认或已作废，不能再修改。"
    template = "ledger/_review_task_form.html" if request.htmx else "ledger/review_task.html"
    return render(request, template, {**context, "form": form, "error": error})


def _task(plan: Plan, tid: int) -> Task:
    task = get_object_or_404(plan.tasks.prefetch_related(ASSIGNMENTS), pk=tid)
    task.plan = plan
    return _decorate(plan, [task])[0]


@transaction.atomic
def _save_task(task: Task, data: dict) -> None:
    """Save the task's fields; for each role whose names changed, replace its
    assignments and let the importer resolve the new names (names decided
    earlier in this review are linked again at once)."""
    services.require_draft(task.plan)
    task.content = data["content"].strip()
    task.deadline = data["deadline"].strip()
    task.state = data["state"]
    task.save()
    current = {role: [] for role, _ in ROLE_FIELDS}
    for a in sorted(task.assignments.all(), key=lambda a: a.position):
        current[a.role].append(a.name)
    changed = []
    for role, field in ROLE_FIELDS:
        names = data[field]
        if names == current[role]:
            continue
        task.assignments.filter(role=role).delete()
        Assignment.objects.bulk_create(
            Assignment(task=task, role=role, position=k, name=name) for k, name in enumerate(names)
        )
        changed += names
    if changed:
        plan = task.plan
        importing.pre_resolve(plan)
        decided = plan.resolutions.exclude(method=Method.UNRESOLVED).filter(name__in=changed)
        importing.link_assignments(plan, decided)


# ---------------------------------------------------------------- confirm / discard


@manager_only
@require_POST
def confirm(request, pk):
    plan = _plan(request, pk)
    counts = None
    if plan.revises_id and plan.status == PlanStatus.DRAFT:
        counts = revision.summary(revision.diff(plan, plan.revises))
    try:
        active = services.confirm(plan, create_missing=bool(request.POST.get("create_missing")))
    except UserError as exc:
        messages.error(request, exc.message_zh)
        return redirect("ledger:review", plan.pk)
    if counts is not None and active.pk != plan.pk:
        messages.success(
            request,
            f"修订已并入现行方案：新增 {counts[revision.ADDED]} 项，"
            f"修改 {counts[revision.CHANGED]} 项，废止 {counts[revision.ABOLISHED]} 项，"
            f"未变 {counts[revision.UNCHANGED]} 项。",
        )
    else:
        messages.success(request, "方案已确认生效，各单位现在可以看到本单位的任务。")
    return redirect("ledger:plan", active.pk)


@manager_only
@require_POST
def discard(request, pk):
    plan = _plan(request, pk)
    try:
        services.require_draft(plan)
    except UserError as exc:
        messages.error(request, exc.message_zh)
        return redirect("ledger:review", plan.pk)
    plan.status = PlanStatus.DISCARDED
    plan.save()
    messages.success(request, f"已作废草稿“{plan}”。")
    return redirect("ledger:plans")

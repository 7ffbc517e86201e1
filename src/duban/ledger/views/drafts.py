"""Changing a draft as a whole or one task of it: edit, confirm, discard.

These are the review page's writes other than name decisions. A task edit is
answered, for htmx, with just the task and the names panel; without
JavaScript it redirects back to the page. Confirming and discarding end the
review and leave the page. What an edit does to the data lives in the
service (duban.ledger.review.edit_draft_task); this module only reads the
form and picks the response.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from duban.errors import UserError
from duban.ledger import review as services
from duban.ledger import revision
from duban.ledger.choices import PlanStatus
from duban.ledger.forms import TaskForm
from duban.ledger.models import Plan, Task
from duban.ledger.views.common import (
    ASSIGNMENTS,
    ROLE_FIELDS,
    managed_plan,
    manager_only,
    review_url,
)
from duban.ledger.views.review import decorate, names_context


@manager_only
def edit_task(request, pk, tid):
    plan = managed_plan(request, pk)
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
                data = form.cleaned_data
                services.edit_draft_task(
                    task,
                    content=data["content"],
                    deadline=data["deadline"],
                    state=data["state"],
                    names_by_role={role: data[field] for role, field in ROLE_FIELDS},
                )
            except UserError as exc:
                error = exc.message_zh
            else:
                if not request.htmx:
                    messages.success(request, f"已保存任务 {task.seq or task.position}。")
                    return HttpResponseRedirect(review_url(plan, f"task-{task.pk}"))
                context["task"] = _task(plan, tid)
                return render(
                    request, "ledger/_review_task_saved.html", {**context, **names_context(plan)}
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
    return decorate(plan, [task])[0]


@manager_only
@require_POST
def confirm(request, pk):
    plan = managed_plan(request, pk)
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
    plan = managed_plan(request, pk)
    try:
        services.require_draft(plan)
    except UserError as exc:
        messages.error(request, exc.message_zh)
        return redirect("ledger:review", plan.pk)
    plan.status = PlanStatus.DISCARDED
    plan.save()
    messages.success(request, f"已作废草稿“{plan}”。")
    return redirect("ledger:plans")

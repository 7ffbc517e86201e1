"""The task page's actions: receipt (签收), sub-items (具体工作), extension and
closure requests (延期申请, 办结申请), leaders' instructions and their answers.

The forms sit on the ledger's task page and post here; each also has a page
of its own (GET), which is where a form comes back with its errors, so a long
reason is never lost. Success returns to the task page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from duban.directory.models import Unit
from duban.errors import UserError
from duban.reporting import access, flow
from duban.reporting.forms import (
    AnswerForm,
    ClosureForm,
    ExtensionForm,
    InstructionForm,
    SubItemForm,
)
from duban.reporting.models import Instruction, Report, SubItem
from duban.reporting.views.attachments import store
from duban.reporting.views.common import (
    back,
    message_of,
    refused,
    visible_report,
    visible_task,
)


def task_url(task, anchor: str = "") -> str:
    url = reverse("ledger:task", args=[task.pk])
    return f"{url}#{anchor}" if anchor else url


def _lead_task(request, pk):
    task = visible_task(request, pk)
    if not access.leads(request.user, task):
        raise PermissionDenied("只有任务的牵头单位可以办理。")
    return task


def owners(task):
    """The units that may own a sub-item: the task's units, collectives as their members."""
    ids = set()
    for a in task.assignments.select_related("unit").prefetch_related("unit__members"):
        if a.unit is None:
            continue
        if a.unit.is_collective:
            ids.update(m.pk for m in a.unit.members.all())
        else:
            ids.add(a.unit.pk)
    return Unit.objects.filter(pk__in=ids).order_by("kind", "name")


def _form_page(request, task, form, title: str, action: str, submit: str, **extra):
    context = {"task": task, "plan": task.plan, "form": form, "title": title, "action": action,
               "submit": submit, **extra}  # fmt: skip
    return render(request, "reporting/task_form.html", context)


@require_POST
@login_required
def receipt(request, pk):
    task = visible_task(request, pk)
    if not access.assigned(request.user, task):
        raise PermissionDenied("只有承办该任务的单位可以签收。")
    try:
        flow.acknowledge(request.user, task)
    except UserError as exc:
        refused(request, exc)
    else:
        messages.success(request, "已签收该任务。")
    return redirect(task_url(task, "receipts"))


@login_required
def add_sub_item(request, pk):
    task = _lead_task(request, pk)
    form = SubItemForm(request.POST or None, owners=owners(task))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            flow.add_sub_item(
                request.user,
                task,
                data["title"],
                owner=data["owner"] or request.user.unit,
                due=data["due"],
                milestones=data["milestones"],
            )
        except UserError as exc:
            form.add_error(None, message_of(exc))
        else:
            messages.success(request, "已添加具体工作。")
            return redirect(task_url(task, "sub-items"))
    url = reverse("reporting:add_sub_item", args=[task.pk])
    return _form_page(request, task, form, "分解具体工作", url, "添加")


@require_POST
@login_required
def sub_item_done(request, pk):
    item = get_object_or_404(SubItem, pk=pk)
    task = _lead_task(request, item.task_id)
    try:
        flow.set_sub_item_done(request.user, item, request.POST.get("done") == "1")
    except UserError as exc:
        refused(request, exc)
    return redirect(task_url(task, "sub-items"))


@login_required
def extension(request, pk):
    task = _lead_task(request, pk)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            flow.request_extension(request.user, task, data["reason"], data["new_due"])
        except UserError as exc:
            form.add_error(None, message_of(exc))
        else:
            messages.success(request, "延期申请已提交政府办审批。")
            return redirect(task_url(task, "requests"))
    url = reverse("reporting:extension", args=[task.pk])
    return _form_page(request, task, form, "延期申请", url, "提交延期申请")


@login_required
def closure(request, pk):
    """办结申请 with its evidence files: the request first, then each file."""
    task = _lead_task(request, pk)
    form = ClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = flow.request_closure(request.user, task, form.cleaned_data["reason"])
        except UserError as exc:
            form.add_error(None, message_of(exc))
        else:
            messages.success(request, "办结申请已提交政府办审批。")
            if request.FILES.getlist("files"):
                added, errors = store(request, item)
                for error in errors:
                    messages.error(request, error)
                if added:
                    messages.success(request, f"已上传 {len(added)} 个佐证材料。")
            return redirect(task_url(task, "requests"))
    url = reverse("reporting:closure", args=[task.pk])
    return _form_page(request, task, form, "办结申请", url, "提交办结申请", files=True)


@login_required
def instruct(request, pk):
    """A leader's instruction on the task, or on one of its reports (`report`)."""
    task = visible_task(request, pk)
    if not access.can_instruct(request.user, task):
        raise PermissionDenied("只有该任务的牵头领导可以作出批示。")
    report = _instructed_report(request, task)
    form = InstructionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flow.instruct(request.user, task, form.cleaned_data["text"], report=report)
        except UserError as exc:
            form.add_error(None, message_of(exc))
        else:
            messages.success(request, "批示已发送牵头单位。")
            return back(request, task_url(task, "instructions"))
    url = reverse("reporting:instruct", args=[task.pk])
    return _form_page(request, task, form, "领导批示", url, "发送批示", report=report)


def _instructed_report(request, task) -> Report | None:
    pk = request.POST.get("report") or request.GET.get("report")
    if not pk or not str(pk).isdigit():
        return None
    report = visible_report(request, int(pk))
    if report.obligation.task_id != task.pk:
        raise PermissionDenied("批示的报告不属于该任务。")
    return report


@login_required
def answer(request, pk):
    instruction = get_object_or_404(Instruction.objects.select_related("leader"), pk=pk)
    task = _lead_task(request, instruction.task_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            flow.answer(request.user, instruction, form.cleaned_data["text"])
        except UserError as exc:
            form.add_error(None, message_of(exc))
        else:
            messages.success(request, "已答复批示。")
            return back(request, task_url(task, "instructions"))
    url = reverse("reporting:answer", args=[instruction.pk])
    return _form_page(request, task, form, "答复批示", url, "提交答复", instruction=instruction)

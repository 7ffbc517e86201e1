"""The report page of an obligation, and the writes of its draft.

The page shows, for the unit that owes the report, the form of its open
draft (autosaved through htmx as it is typed), or the delivered report
read-only with its versions and the button for a new version. The form
carries the draft's lock_version: a save that started from an older one
(someone else saved meanwhile) is refused, and the page comes back with the
user's text still in the form beside the version that was kept. Everyone else
in scope (the lead unit for its inputs, the office, the task's leader) reads
the delivered versions only. A lead unit's report to the office shows its
support units' inputs for the period side by side above the form.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.timezone import localtime
from django.views.decorators.http import require_GET, require_POST

from duban import clock
from duban.errors import Conflict, UserError
from duban.ledger.choices import TaskState
from duban.reporting import access, flow
from duban.reporting.choices import ReportState, RuleKind
from duban.reporting.forms import ReportForm
from duban.reporting.models import Instruction, Obligation, Report
from duban.reporting.reports import DraftConflict
from duban.reporting.views.common import (
    decorate,
    message_of,
    refused,
    target_rows,
    visible_obligation,
    visible_report,
)


@require_GET
@login_required
def obligation(request, pk):
    return page(request, visible_obligation(request, pk))


@require_GET
@login_required
def report(request, pk):
    shown = visible_report(request, pk)
    return page(request, shown.obligation, shown)


def page(
    request,
    ob: Obligation,
    shown: Report | None = None,
    form=None,
    *,
    lock_version: int | None = None,
    refusal: Conflict | None = None,
    status: int = 200,
):
    """The obligation's page showing `shown` (default: its latest version the
    user may read); `form` is the draft's form coming back with its errors or
    after a refused save (`refusal`), and `lock_version` the version it carries."""
    user = request.user
    filer = access.can_file(user, ob)
    versions = list(
        ob.reports.select_related("submitted_by", "approved_by", "reviewed_by")
        .prefetch_related("attachments")
        .order_by("version")
    )
    if not filer:
        versions = [v for v in versions if v.frozen]
    latest = versions[-1] if versions else None
    shown = next((v for v in versions if shown and v.pk == shown.pk), latest)
    decorate([ob], request)
    task = ob.task
    draft = latest if latest is not None and not latest.frozen else None
    editing = draft is not None and shown is draft
    if editing and form is None:
        form = ReportForm(targets=task.targets, initial=ReportForm.initial_from(draft))
    if editing and lock_version is None:
        lock_version = draft.lock_version
    kept = getattr(refusal, "current", None)
    on_latest = shown is not None and shown is latest
    to_office = ob.rule.to_office
    context = {
        "ob": ob,
        "task": task,
        "plan": task.plan,
        "versions": versions,
        "shown": shown,
        "latest": latest,
        "editing": editing,
        "form": form if editing else None,
        "lock_version": lock_version,
        "refusal": refusal.message_zh if refusal is not None else "",
        "kept": kept if editing else None,
        "kept_rows": target_rows(task.targets, kept.actuals) if kept is not None else [],
        "unsaved": _unsaved(form) if refusal is not None and not editing else None,
        "idempotency_key": uuid.uuid4().hex,
        "rows": target_rows(task.targets, shown.actuals if shown else []),
        "inputs": flow.inputs_for(ob) if to_office else [],
        "filer": filer,
        "to_office": to_office,
        "active": task.state == TaskState.ACTIVE,
        "can_start": filer
        and task.state == TaskState.ACTIVE
        and (latest is None or latest.state == ReportState.RETURNED),
        "can_revise": filer
        and on_latest
        and task.state == TaskState.ACTIVE
        and latest.state in (ReportState.SUBMITTED, ReportState.RETURNED),
        "can_approve": on_latest
        and to_office
        and latest.state == ReportState.SUBMITTED
        and access.can_approve(user, ob),
        "can_review": on_latest and _reviewable(user, ob, latest),
        "can_instruct": shown is not None and shown.frozen and access.can_instruct(user, task),
        "leads": access.leads(user, task),
        "instructions": list(
            Instruction.objects.filter(report__obligation=ob).select_related("leader", "report")
        ),
    }
    return render(request, "reporting/report.html", context, status=status)


def _unsaved(form) -> dict | None:
    """The text a refused save carried, for a page that no longer has a form
    (the draft was submitted meanwhile): shown so the user can copy it."""
    if form is None:
        return None
    labels = {"progress": "进展情况", "problems": "存在问题", "next_steps": "下一步措施"}
    texts = {label: (form.data.get(name) or "").strip() for name, label in labels.items()}
    return texts if any(texts.values()) else None


def _reviewable(user, ob: Obligation, latest: Report | None) -> bool:
    """The office may accept or return it now: a signed report to the office, or a
    delivered support report of a task nobody consolidates for the office."""
    if latest is None or not access.can_review(user, ob.task.plan.government_id):
        return False
    if ob.rule.to_office:
        return latest.state == ReportState.APPROVED
    consolidated = Obligation.objects.filter(task_id=ob.task_id, rule__active=True).exclude(
        rule__kind=RuleKind.SUPPORT_MONTHLY
    )
    return latest.state == ReportState.SUBMITTED and not consolidated.exists()


def _page_url(ob: Obligation) -> str:
    return reverse("reporting:obligation", args=[ob.pk])


def _filer_report(request, pk) -> Report:
    report = visible_report(request, pk)
    if not access.can_file(request.user, report.obligation):
        raise PermissionDenied("只有本单位的经办人或负责人可以填报该报告。")
    return report


@require_POST
@login_required
def start(request, pk):
    """Open the draft (a new one starts from what the unit reported before)."""
    ob = visible_obligation(request, pk)
    if not access.can_file(request.user, ob):
        raise PermissionDenied("只有本单位的经办人或负责人可以填报该报告。")
    try:
        flow.draft_for(request.user, ob)
    except UserError as exc:
        refused(request, exc)
    return redirect(_page_url(ob))


@require_POST
@login_required
def save(request, pk):
    """保存草稿 or 提交: the whole form, then (for 提交) the submission. A retried
    submission (same idempotency key) finds the report it submitted."""
    report = _filer_report(request, pk)
    submitting = request.POST.get("action") == "submit"
    key = (request.POST.get("idempotency_key") or "").strip()[:64] or None
    if not (submitting and key):
        return _save(request, report, submitting, key)
    with transaction.atomic():
        # A double click: the second request waits on the report's row until the
        # first has saved and submitted, then finds the key used and answers as
        # the retry it is, instead of meeting the first one's save as a conflict.
        # Only the report's row (no ordering joins): other units' reports on the
        # same task must not queue behind it.
        Report.objects.select_for_update(of=("self",)).order_by().filter(pk=report.pk).exists()
        return _save(request, report, submitting, key)


def _save(request, report: Report, submitting: bool, key: str | None):
    ob = report.obligation
    if submitting and _used(key):
        return _submit(request, report, key)
    form = ReportForm(request.POST, targets=ob.task.targets)
    version = posted_version(request)
    if version is None:
        return _edit_refused(request, ob, form, expired(report))
    if not form.is_valid():
        messages.error(request, "报告未保存：请按提示修改后重试。")
        return page(request, ob, report, form=form, lock_version=version)
    try:
        saved = flow.save_draft(
            request.user, report, expected_version=version, **form.fields_for_service()
        )
    except Conflict as exc:
        return _edit_refused(request, ob, form, exc)
    except (UserError, ValidationError) as exc:
        messages.error(request, message_of(exc))
        return page(request, ob, report, form=form, lock_version=version)
    if submitting:
        return _submit(request, saved, key, form=form)
    messages.success(request, f"草稿已保存（{localtime(clock.now()):%H:%M}）。")
    return redirect(_page_url(ob))


def _used(key: str | None) -> bool:
    """Whether a submission with this idempotency key already went through."""
    return bool(key) and Report.objects.filter(idempotency_key=key).exists()


def _submit(request, report: Report, key: str | None, form=None):
    """Submit `report`; after a save, only the version that save wrote (a save
    of someone else in between is not submitted unseen)."""
    ob = report.obligation
    expected = report.lock_version if form is not None else None
    try:
        flow.submit(request.user, report, idempotency_key=key, expected_version=expected)
    except DraftConflict as exc:
        return _edit_refused(request, ob, form, exc)
    except (UserError, ValidationError) as exc:
        refused(request, exc)
        return redirect(_page_url(ob))
    if ob.rule.to_office:
        messages.success(request, "报告已提交，等待本单位负责人审签后报送政府办。")
    else:
        messages.success(request, "报告已报送牵头单位。")
    return redirect(_page_url(ob))


@require_POST
@login_required
def autosave(request, pk):
    """The draft as typed, saved quietly; htmx shows the answer beside the buttons."""
    report = _filer_report(request, pk)
    ob = report.obligation
    form = ReportForm(request.POST, targets=ob.task.targets)
    version = posted_version(request)
    context = {"error": "", "saved_at": None, "lock_version": None}
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        context["error"] = f"未自动保存：{first}"
    elif version is None:
        context["error"] = "未自动保存：" + expired(report).message_zh + COMPARE
    else:
        try:
            saved = flow.save_draft(
                request.user, report, expected_version=version, **form.fields_for_service()
            )
        except DraftConflict as exc:
            context["error"] = "未自动保存：" + exc.message_zh + COMPARE
        except (UserError, ValidationError) as exc:
            context["error"] = "未自动保存：" + message_of(exc)
        else:
            context["saved_at"] = clock.now()
            # Swapped into the form out of band: the next save starts from this one.
            context["lock_version"] = saved.lock_version
    if not request.htmx:
        if context["error"]:
            messages.error(request, context["error"])
        return redirect(_page_url(ob))
    return render(request, "reporting/_autosave.html", context)


COMPARE = "请点击“保存草稿”对照两个版本。"


def posted_version(request) -> int | None:
    """The lock_version the form was rendered from; None when missing or garbled."""
    raw = (request.POST.get("lock_version") or "").strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10):
        return None
    return int(raw)


def expired(report: Report) -> DraftConflict:
    """A save without the version it started from cannot be checked, so it is
    refused like a conflict rather than overwriting what is stored."""
    return DraftConflict("页面已过期，无法确认您是否在最新内容上修改，您的修改未保存。", report)


def _edit_refused(request, ob: Obligation, form, exc: Conflict):
    """409: the user's text back in the form (or beside the report, when it was
    submitted meanwhile), the refusal, and the version that was kept. The form
    now carries the kept version, so saving again is a deliberate choice."""
    current = getattr(exc, "current", None)
    return page(
        request,
        ob,
        current,
        form=form,
        lock_version=current.lock_version if current is not None else None,
        refusal=exc,
        status=409,
    )


@require_POST
@login_required
def revise(request, pk):
    """修改（提交新版本）: a new draft from a submitted or returned report."""
    report = _filer_report(request, pk)
    try:
        flow.revise(request.user, report)
    except UserError as exc:
        refused(request, exc)
    else:
        messages.info(request, "已生成新版本草稿，修改后请重新提交。")
    return redirect(_page_url(report.obligation))

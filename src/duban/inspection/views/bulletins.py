"""通报 pages: the list (drafts and archive), composing a draft for a period,
editing and issuing it, and the Word and PDF downloads.

The office (administrators and 督查室) of the government works on drafts;
everyone else of the government reads issued bulletins only. Changes answer
403 to anyone outside the office before looking anything up; a bulletin out of
the user's sight answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from duban.errors import UserError
from duban.inspection import access, bulletin_docx, bulletins
from duban.inspection.models import Bulletin
from duban.ledger.choices import PlanStatus
from duban.ledger.models import Plan
from duban.reporting.views.common import message_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _office_only(user) -> None:
    if not access.can_manage(user):
        raise PermissionDenied("只有政府办（督查室）可以编发通报。")


def _visible(request, pk) -> Bulletin:
    return get_object_or_404(bulletins.visible_bulletins(request.user), pk=pk)


@require_GET
@login_required
def index(request):
    user = request.user
    items = list(bulletins.visible_bulletins(user).order_by("-created_at", "-pk"))
    plans = []
    if access.can_manage(user):
        plans = list(Plan.objects.restrict(user).filter(status=PlanStatus.ACTIVE))
    context = {
        "drafts": [b for b in items if b.state == Bulletin.State.DRAFT],
        "issued": [b for b in items if b.state == Bulletin.State.ISSUED],
        "plans": plans,
        "can_manage": access.can_manage(user),
    }
    return render(request, "inspection/bulletins.html", context)


@require_POST
@login_required
def new(request):
    _office_only(request.user)
    plan = get_object_or_404(Plan.objects.restrict(request.user), pk=_int(request.POST.get("plan")))
    try:
        bulletin = bulletins.create_draft(request.user, plan, request.POST.get("period", ""))
    except UserError as exc:
        messages.error(request, message_of(exc))
        return redirect("bulletins:index")
    messages.success(request, "已根据报送和督查数据生成通报草稿，请核改后印发。")
    return redirect("bulletins:detail", bulletin.pk)


@require_GET
@login_required
def detail(request, pk):
    bulletin = _visible(request, pk)
    manage = access.can_manage(request.user, bulletin.plan.government_id)
    context = {
        "bulletin": bulletin,
        "can_edit": manage and bulletin.state == Bulletin.State.DRAFT,
        "proposed": bulletins.next_number(bulletin.plan) if manage else "",
        "paragraphs": [p for p in bulletin.body.splitlines() if p.strip()],
        "data": bulletin.data,
        "pdf_ready": bulletin_docx.soffice() is not None,
    }
    return render(request, "inspection/bulletin.html", context)


def _draft_for_change(request, pk) -> Bulletin:
    _office_only(request.user)
    return _visible(request, pk)


@require_POST
@login_required
def save(request, pk):
    bulletin = _draft_for_change(request, pk)
    try:
        bulletins.save_text(
            request.user, bulletin, request.POST.get("title", ""), request.POST.get("body", "")
        )
    except UserError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, "通报草稿已保存。")
    return redirect("bulletins:detail", bulletin.pk)


@require_POST
@login_required
def issue(request, pk):
    bulletin = _draft_for_change(request, pk)
    try:
        bulletins.issue(request.user, bulletin, request.POST.get("number", ""))
    except UserError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, "通报已印发并归档。")
    return redirect("bulletins:detail", bulletin.pk)


@require_GET
@login_required
def docx(request, pk):
    bulletin = _visible(request, pk)
    return _download(
        bulletin_docx.to_docx(bulletin), DOCX, bulletin_docx.file_name(bulletin, "docx")
    )


@require_GET
@login_required
def pdf(request, pk):
    bulletin = _visible(request, pk)
    try:
        content = bulletin_docx.to_pdf(bulletin)
    except UserError as exc:
        messages.error(request, message_of(exc))
        return redirect("bulletins:detail", bulletin.pk)
    return _download(content, "application/pdf", bulletin_docx.file_name(bulletin, "pdf"))


def _download(content: bytes, kind: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

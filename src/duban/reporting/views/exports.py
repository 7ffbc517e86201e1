"""Downloading a plan's official outputs: ledger .xlsx, plan .docx, quarterly summary .docx."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from duban.errors import UserError
from duban.ledger.models import Plan
from duban.reporting import outputs
from duban.reporting.access import can_review

_TYPES = {
    "ledger": ("台账.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "plan": (
        "分工方案.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "summary": (
        "进展汇总.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


@login_required
def download(request, pk: int, kind: str):
    if kind not in _TYPES:
        raise Http404("没有这种导出。")
    plan = get_object_or_404(Plan.objects.restrict(request.user), pk=pk)
    if not can_review(request.user, plan.government_id):
        raise PermissionDenied("只有政府办和督查室可以导出。")
    try:
        if kind == "summary":
            data = outputs.summary_file(plan, request.GET.get("period", ""))
        else:
            data = outputs.ledger_file(plan) if kind == "ledger" else outputs.plan_file(plan)
    except UserError as exc:
        messages.error(request, exc.message_zh)
        return redirect(plan.get_absolute_url())
    name, content_type = _TYPES[kind]
    response = HttpResponse(data, content_type=content_type)
    filename = f"{plan.year or ''}{name}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response

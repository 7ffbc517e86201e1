"""Plans: import a notice as a draft, confirm it, read plans and their tasks.

Plans are looked up through Plan.objects.restrict(caller), so a plan the
caller may not see is simply not found (404), the same answer as a plan that
does not exist. Importing and confirming are for office administrators only.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db.models import Count
from ninja import File, Form, Query, Router, Status, UploadedFile

from duban.api.auth import acting
from duban.api.errors import refuse, responses, too_big_message
from duban.api.schemas import (
    ConfirmIn,
    GovernmentName,
    ImportOut,
    PathId,
    PlanDetailOut,
    PlanOut,
    TaskFilters,
    TaskPage,
)
from duban.api.tasks import page, visible_tasks
from duban.directory.models import Unit
from duban.ledger import review
from duban.ledger.access import can_manage
from duban.ledger.choices import Method, PlanStatus, TaskState
from duban.ledger.filters import filter_tasks
from duban.ledger.importing import import_notice
from duban.ledger.models import NameResolution, Plan

router = Router(tags=["分工方案"])


@router.get(
    "",
    response=responses({200: list[PlanOut]}),
    summary="可见的方案",
    description="政府办管理员与督查室：本政府的全部方案（含草稿）；单位与领导：本政府执行中的方案。"
    "tasks 为调用者可见的任务数。",
)
def list_plans(request):
    plans = list(_visible(request.auth).select_related("government"))
    return summaries(request.auth, plans)


@router.post(
    "/import",
    response=responses({201: ImportOut}, 413),
    summary="导入分工方案通知（生成待审核草稿）",
    description="multipart 表单：file 为通知文件（txt、docx、doc、pdf、xlsx、xls、html、ofd 等），"
    "government 为所属政府名称（可省略，省略时按发文机关识别）。仅政府办管理员可用。",
)
def import_plan(
    request,
    file: File[UploadedFile],
    government: Form[GovernmentName | None] = None,
):
    """Multipart `file` (.txt .docx .doc .pdf .xlsx .xls .html .ofd …) and an
    optional `government` name; without it the government is read from the
    notice's issuing office. An administrator of one government imports only
    into it."""
    user = request.auth
    if not user.is_office_admin:
        raise refuse(403, "只有政府办管理员可以导入方案。")
    if file.size is not None and file.size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise refuse(413, too_big_message())
    target = (government or "").strip() or None
    if user.government_id is not None:
        if target and target != user.government.name:
            raise refuse(403, f"您只能导入本政府（{user.government.name}）的方案。")
        target = user.government
    with acting(request):
        name = (file.name or "").replace("\x00", "") or "notice"
        plan = import_notice(file.read(), name, target, user=user)
    summary = {
        "id": plan.pk,
        "status": plan.status,
        "revises": plan.revises_id,
        "tasks": plan.tasks.count(),
        "diagnostics": plan.diagnostics,
        "unresolved": review.unresolved(plan).count(),
    }
    return Status(201, summary)


@router.get(
    "/{plan_id}",
    response=responses({200: PlanDetailOut}, 404),
    summary="方案详情",
    description="公文要素、调用者可见的任务数、待确认名称数与识别提示（diagnostics）。",
)
def plan_detail(request, plan_id: PathId):
    plan = _plan_or_404(request, plan_id)
    return {**summaries(request.auth, [plan])[0], "diagnostics": plan.diagnostics}


@router.post(
    "/{plan_id}/confirm",
    response=responses({200: PlanOut}, 404, 409, 413),
    summary="确认草稿，使其生效",
    description="仍有未对应到单位目录的名称时返回 409 并列出名称；"
    '请求体 {"create_missing_units": true} 表示为这些名称新建单位或领导后确认。'
    "仅政府办管理员可用。",
)
def confirm_plan(request, plan_id: PathId, body: ConfirmIn | None = None):
    """A draft whose printed names are not all in the directory is refused (409)
    with the names, unless `create_missing_units` asks to create them. A
    revision is applied to the plan it revises; the answer is the plan now in force."""
    create = bool(body and body.create_missing_units)
    plan = _plan_or_404(request, plan_id)
    if not can_manage(request.auth, plan.government_id):
        raise refuse(403, "只有政府办管理员可以确认方案。")
    if plan.status != PlanStatus.DRAFT:
        return Status(409, {"detail": "该方案已确认或已作废，不能再次确认。", "unresolved": []})
    pending = list(review.unresolved(plan).values_list("name", flat=True))
    if pending and not create:
        shown = "、".join(pending[:10]) + ("等" if len(pending) > 10 else "")
        conflict = {
            "detail": f"还有 {len(pending)} 个名称未对应到单位或领导目录：{shown}。"
            "请先在审核页面逐一对应，或以 create_missing_units=true 确认以自动新建。",
            "unresolved": pending,
        }
        return Status(409, conflict)
    with acting(request):
        active = review.confirm(plan, create_missing=create)
    active = Plan.objects.select_related("government").get(pk=active.pk)
    return summaries(request.auth, [active])[0]


@router.get(
    "/{plan_id}/tasks",
    response=responses({200: TaskPage}, 404),
    summary="方案的任务",
    description="调用者可见的任务，按通知顺序，可按单位、角色、领导、状态、一级标题和内容筛选并分页。",
)
def plan_tasks(request, plan_id: PathId, filters: Query[TaskFilters]):
    """The plan's tasks the caller may see, filtered, in the notice's order."""
    plan = _plan_or_404(request, plan_id)
    qs = visible_tasks(request.auth).filter(plan=plan)
    unit = None
    if filters.unit is not None:
        unit = Unit.objects.filter(pk=filters.unit, government_id=plan.government_id).first()
        if unit is None:
            return {"count": 0, "items": []}
    qs = filter_tasks(
        qs,
        unit=unit,
        role=filters.role,
        leader=filters.leader,
        section=filters.section,
        status=filters.status,
        q=filters.q,
    )
    return page(qs, filters.limit, filters.offset)


def summaries(user, plans: list[Plan]) -> list[dict]:
    """Plan JSON with the caller's task counts and open names: three queries for any number."""
    ids = [p.pk for p in plans]
    counts = Counter()
    for plan_id, state, n in (
        visible_tasks(user)
        .filter(plan_id__in=ids)
        .values_list("plan_id", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[plan_id, state] += n
    open_names = dict(
        NameResolution.objects.filter(plan_id__in=ids, method=Method.UNRESOLVED)
        .values_list("plan_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {
            "id": p.pk,
            "title": p.title,
            "doc_number": p.doc_number,
            "issuer": p.issuer,
            "issue_date": p.issue_date,
            "year": p.year,
            "status": p.status,
            "government": {"id": p.government_id, "name": p.government.name},
            "source_name": p.source_name,
            "revises": p.revises_id,
            "created_at": p.created_at,
            "confirmed_at": p.confirmed_at,
            "tasks": {
                "total": sum(counts[p.pk, state] for state in TaskState.values),
                **{state: counts[p.pk, state] for state in TaskState.values},
            },
            "unresolved": open_names.get(p.pk, 0),
            "url": p.get_absolute_url(),
        }
        for p in plans
    ]


def _visible(user):
    return Plan.objects.restrict(user)


def _plan_or_404(request, plan_id: int) -> Plan:
    plan = _visible(request.auth).select_related("government").filter(pk=plan_id).first()
    if plan is None:
        raise refuse(404, "找不到该方案，或您无权查看。")
    return plan

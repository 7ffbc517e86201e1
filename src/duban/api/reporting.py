"""The reporting cycle's API: obligations, reports and their evidence.

What a caller sees comes from reporting/access.py (restrict_obligations):
an obligation or report outside the caller's scope is not found (404), the
same answer as one that does not exist; a unit's draft is seen by that unit
only. What a caller may do is decided by the flow services: a refusal for who
is asking is 403, one for the state things are in is 409, invalid content 422.
A page of obligations costs the same few queries however long it is.
"""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from ninja import File, Query, Router, Status, UploadedFile

from duban import clock
from duban.api.auth import acting
from duban.api.errors import refuse, responses
from duban.api.reporting_schemas import (
    AttachmentOut,
    DraftIn,
    InputOut,
    ObligationDetailOut,
    ObligationFilters,
    ObligationPage,
    ReportOut,
    ReturnIn,
    ReviewIn,
    SubmitIn,
)
from duban.api.schemas import PathId
from duban.errors import Conflict, Forbidden
from duban.ledger.choices import TaskState
from duban.reporting import access, downloads, flow, uploads
from duban.reporting.choices import LIGHT, LIGHT_NAME, ReportState, Standing
from duban.reporting.models import Attachment, Obligation, Report
from duban.reporting.standing import obligation_standing
from duban.reporting.workdays import Workdays


def install(api) -> None:
    """403 for refusals because of who asks, 409 for refusals because of state."""

    @api.exception_handler(Forbidden)
    def forbidden(request, exc: Forbidden):
        return api.create_response(request, {"detail": exc.message_zh}, status=403)

    @api.exception_handler(Conflict)
    def conflict(request, exc: Conflict):
        return api.create_response(request, {"detail": exc.message_zh}, status=409)


# --- scope ------------------------------------------------------------------------


def visible_obligations(user) -> QuerySet:
    return access.restrict_obligations(Obligation.objects.all(), user)


def _own_drafts(user) -> Q:
    """Reports the caller may read: delivered ones, and drafts of the caller's unit."""
    mine = Q(obligation__unit_id=user.unit_id) if user.is_unit_member and user.unit_id else Q()
    delivered = ~Q(state=ReportState.DRAFT)
    return delivered | mine if mine else delivered


def visible_reports(user) -> QuerySet:
    return Report.objects.filter(obligation__in=visible_obligations(user)).filter(_own_drafts(user))


def with_reports(qs: QuerySet, user) -> QuerySet:
    readable = Report.objects.filter(_own_drafts(user)).order_by("version")
    return qs.select_related("task", "unit", "rule").prefetch_related(
        Prefetch("reports", queryset=readable, to_attr="readable")
    )


def _obligation_or_404(request, obligation_id: int) -> Obligation:
    found = with_reports(visible_obligations(request.auth), request.auth)
    obligation = found.select_related("task__plan").filter(pk=obligation_id).first()
    if obligation is None:
        raise refuse(404, "找不到该报送任务，或您无权查看。")
    return obligation


def _report_or_404(request, report_id: int) -> Report:
    report = (
        visible_reports(request.auth)
        .select_related(
            "obligation__task__plan",
            "obligation__unit",
            "obligation__rule",
            "author",
            "submitted_by",
            "approved_by",
            "reviewed_by",
        )
        .prefetch_related("attachments")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise refuse(404, "找不到该报告，或您无权查看。")
    return report


# --- JSON -------------------------------------------------------------------------------


def obligation_json(o: Obligation, today, workdays: Workdays) -> dict:
    readable = getattr(o, "readable", None)
    if readable is None:
        readable = list(o.reports.order_by("version"))
    latest = readable[-1] if readable else None
    standing = obligation_standing(o, latest, today, workdays)
    if o.task.state != TaskState.ACTIVE and standing in (Standing.OVERDUE, Standing.DUE_SOON):
        standing = Standing.CLOSED
    return {
        "id": o.pk,
        "task": task_ref(o.task),
        "unit": {"id": o.unit_id, "name": o.unit.name},
        "kind": o.rule.kind,
        "kind_label": o.rule.get_kind_display(),
        "to_office": o.rule.to_office,
        "period": o.period,
        "period_label": o.period_label,
        "due": o.due,
        "report": brief(latest) if latest else None,
        "standing": standing.value,
        "standing_label": standing.label,
        "light": LIGHT_NAME[LIGHT[standing]],
        "reports": [brief(r) for r in readable],
    }


def task_ref(task) -> dict:
    return {"id": task.pk, "seq": task.seq, "content": task.content, "url": task.get_absolute_url()}


def brief(r: Report) -> dict:
    return {
        "id": r.pk,
        "version": r.version,
        "state": r.state,
        "status": r.status,
        "submitted_at": r.submitted_at,
    }


def report_json(r: Report) -> dict:
    o = r.obligation
    return {
        "id": r.pk,
        "obligation": o.pk,
        "task": o.task_id,
        "unit": {"id": o.unit_id, "name": o.unit.name},
        "period_label": o.period_label,
        "version": r.version,
        "state": r.state,
        "status": r.status,
        "progress": r.progress,
        "problems": r.problems,
        "next_steps": r.next_steps,
        "percent": r.percent,
        "actuals": list(r.actuals or []),
        "targets": list(o.task.targets or []),
        "based_on": r.based_on_id,
        "author": _name(r.author),
        "submitted_by": _name(r.submitted_by),
        "submitted_at": r.submitted_at,
        "approved_by": _name(r.approved_by),
        "approved_at": r.approved_at,
        "reviewed_by": _name(r.reviewed_by),
        "reviewed_at": r.reviewed_at,
        "review_comment": r.review_comment,
        "attachments": [attachment_json(a) for a in r.attachments.all()],
        "lock_version": r.lock_version,
    }


def attachment_json(a: Attachment) -> dict:
    return {
        "id": a.pk,
        "name": a.name,
        "kind": a.kind,
        "size": a.size,
        "sha256": a.sha256,
        "uploaded_at": a.uploaded_at,
        "url": f"/api/attachments/{a.pk}",
    }


def _name(user) -> str:
    if user is None:
        return ""
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()


def _fresh_report(request, report_id: int) -> dict:
    return report_json(_report_or_404(request, report_id))


def upload(request, target, file: UploadedFile) -> Attachment:
    if file.size is not None and file.size > uploads.max_bytes():
        name = uploads.clean_name(file.name or "")
        limit = uploads.max_bytes() // 1024 // 1024
        raise refuse(413, f"文件“{name}”超过上限 {limit} MB，无法上传。请压缩后重试。")
    with acting(request):
        return flow.add_attachment(request.auth, target, file)


# --- obligations ------------------------------------------------------------------------

obligations = Router(tags=["进展报送"])


@obligations.get(
    "",
    response=responses({200: ObligationPage}),
    summary="报送任务（谁在何时前报送哪一期进展）",
    description="调用者可见的报送任务，按截止日期排序，附最新一版报告的状态和灯色。"
    "单位用户：本单位的报送任务，以及本单位牵头任务的配合单位月报；领导：所牵头任务的；"
    "政府办与督查室：本政府全部。",
)
def list_obligations(request, filters: Query[ObligationFilters]):
    user = request.auth
    qs = visible_obligations(user)
    if filters.unit is not None:
        qs = qs.filter(unit_id=filters.unit)
    if filters.task is not None:
        qs = qs.filter(task_id=filters.task)
    if filters.period:
        qs = qs.filter(period=filters.period)
    if filters.due_before is not None:
        qs = qs.filter(due__lte=filters.due_before)
    if filters.state is not None:
        latest = (
            Report.objects.filter(obligation=OuterRef("pk"))
            .filter(_own_drafts(user))
            .order_by("-version")
            .values("state")[:1]
        )
        qs = qs.annotate(latest_state=Subquery(latest))
        if filters.state == "none":
            qs = qs.filter(latest_state__isnull=True)
        else:
            qs = qs.filter(latest_state=filters.state)
    count = qs.count()
    rows = list(with_reports(qs, user)[filters.offset : filters.offset + filters.limit])
    today, workdays = clock.today(), Workdays()
    return {"count": count, "items": [obligation_json(o, today, workdays) for o in rows]}


@obligations.get(
    "/{obligation_id}",
    response=responses({200: ObligationDetailOut}, 404),
    summary="报送任务详情",
    description="报送任务及调用者可见的全部报告版本。",
)
def obligation_detail(request, obligation_id: PathId):
    o = _obligation_or_404(request, obligation_id)
    return obligation_json(o, clock.today(), Workdays())


@obligations.post(
    "/{obligation_id}/draft",
    response=responses({200: ReportOut}, 403, 404, 409),
    summary="起草或保存草稿",
    description="返回该期的草稿；尚无报告时新建草稿，并按“报一次”原则预填："
    "本单位上一期的报告，牵头单位报政府办的报告另附配合单位本期报送的内容。"
    "已退回的报告生成新版本草稿。请求体中给出的字段写入草稿，未给出的保持不变。"
    "只有报送单位的经办人和负责人可以起草。"
    "乐观锁：请求体带上读取时的 lock_version，草稿已被他人修改时返回 409（说明谁于何时修改），"
    "修改不写入，重新读取后再改；不带 lock_version 时不检查，后写入者覆盖。",
)
def draft(request, obligation_id: PathId, body: DraftIn | None = None):
    o = _obligation_or_404(request, obligation_id)
    fields = body.dict(exclude_unset=True) if body is not None else {}
    if fields.get("status", "") is None:
        fields.pop("status")
    expected = fields.pop("lock_version", None)
    with acting(request):
        report = flow.draft_for(request.auth, o)
        if fields:
            report = flow.save_draft(request.auth, report, expected_version=expected, **fields)
    return _fresh_report(request, report.pk)


@obligations.get(
    "/{obligation_id}/inputs",
    response=responses({200: list[InputOut]}, 404),
    summary="配合单位本期报送的内容（供牵头单位汇总）",
    description="牵头单位报政府办的报送任务：本期内各配合单位的月报任务及其最新一版已报送的报告，"
    "按单位和月份排列；配合单位月报本身没有汇总来源，返回空列表。",
)
def inputs(request, obligation_id: PathId):
    o = _obligation_or_404(request, obligation_id)
    pairs = flow.inputs_for(o)
    ids = [r.pk for _, r in pairs if r is not None]
    reports = {
        r.pk: r
        for r in Report.objects.filter(pk__in=ids)
        .select_related(
            "obligation__task",
            "obligation__unit",
            "author",
            "submitted_by",
            "approved_by",
            "reviewed_by",
        )
        .prefetch_related("attachments")
    }
    today, workdays = clock.today(), Workdays()
    out = []
    for obligation, report in pairs:
        obligation.readable = [report] if report is not None else []
        out.append(
            {
                "obligation": obligation_json(obligation, today, workdays),
                "report": report_json(reports[report.pk]) if report is not None else None,
            }
        )
    return out


# --- reports ---------------------------------------------------------------------------------

reports = Router(tags=["进展报送"])


@reports.get(
    "/{report_id}",
    response=responses({200: ReportOut}, 404),
    summary="报告详情",
    description="一版报告的内容、审签与审核记录和附件。他单位的草稿不可见（404）。",
)
def report_detail(request, report_id: PathId):
    return _fresh_report(request, report_id)


@reports.post(
    "/{report_id}/submit",
    response=responses({200: ReportOut}, 403, 404, 409),
    summary="提交报告",
    description="草稿提交后不可再改。配合单位月报提交即送达牵头单位；报政府办的报告提交后待单位负责人审签。"
    "进展情况必填。带 idempotency_key 重试时，已用该编号提交的报告原样返回，不会重复提交。"
    "带 lock_version 时，草稿在此之后被他人修改则返回 409，不提交。",
)
def submit(request, report_id: PathId, body: SubmitIn | None = None):
    report = _report_or_404(request, report_id)
    key = body.idempotency_key if body is not None else None
    expected = body.lock_version if body is not None else None
    with acting(request):
        done = flow.submit(request.auth, report, idempotency_key=key, expected_version=expected)
    return _fresh_report(request, done.pk)


@reports.post(
    "/{report_id}/approve",
    response=responses({200: ReportOut}, 403, 404, 409),
    summary="单位负责人审签（签字）",
    description="记录审签人和时间，报告即送达政府办。只有报送单位的负责人可以审签已提交的报告。",
)
def approve(request, report_id: PathId):
    report = _report_or_404(request, report_id)
    with acting(request):
        flow.approve(request.auth, report)
    return _fresh_report(request, report_id)


@reports.post(
    "/{report_id}/accept",
    response=responses({200: ReportOut}, 403, 404, 409),
    summary="政府办采纳报告",
    description="采纳已审签的报告；报告的推进状态、完成进度和实际完成值写入任务。仅政府办与督查室。",
)
def accept(request, report_id: PathId, body: ReviewIn | None = None):
    report = _report_or_404(request, report_id)
    with acting(request):
        flow.accept(request.auth, report, body.comment if body is not None else "")
    return _fresh_report(request, report_id)


@reports.post(
    "/{report_id}/return",
    response=responses({200: ReportOut}, 403, 404, 409),
    summary="政府办退回报告",
    description="退回已审签的报告，须填写退回意见；报送单位的用户收到通知，修订后重新提交。",
)
def return_report(request, report_id: PathId, body: ReturnIn):
    report = _report_or_404(request, report_id)
    with acting(request):
        flow.return_report(request.auth, report, body.comment)
    return _fresh_report(request, report_id)


@reports.post(
    "/{report_id}/revise",
    response=responses({200: ReportOut}, 403, 404, 409),
    summary="修订（生成新版本草稿）",
    description="由已退回或已提交的报告生成内容相同的新版本草稿；原版本保持不变。",
)
def revise(request, report_id: PathId):
    report = _report_or_404(request, report_id)
    with acting(request):
        new = flow.revise(request.auth, report)
    return _fresh_report(request, new.pk)


@reports.post(
    "/{report_id}/attachments",
    response=responses({201: AttachmentOut}, 403, 404, 409, 413),
    summary="上传佐证材料",
    description="multipart 表单的 file 字段。按文件内容识别类型（与扩展名无关）："
    "图片（PNG、JPEG、GIF、WebP）、PDF、Word、Excel、PowerPoint（含 97-2003 格式）、OFD；"
    "大小上限见错误信息。"
    "只能添加到本单位的草稿。",
)
def attach_to_report(request, report_id: PathId, file: File[UploadedFile]):
    report = _report_or_404(request, report_id)
    return Status(201, attachment_json(upload(request, report, file)))


# --- attachments ---------------------------------------------------------------------------------

attachments = Router(tags=["进展报送"])


@attachments.get(
    "/{attachment_id}",
    response=responses({200: None}, 404),
    url_name="attachment_download",
    summary="下载佐证材料",
    description="附件文件本身；可见其报告或申请的调用者才能下载。",
    openapi_extra={
        "responses": {
            200: {
                "description": "附件文件，按上传时识别的类型发送，一律作为下载（attachment）",
                "content": {
                    media_type: {"schema": {"type": "string", "format": "binary"}}
                    for media_type in downloads.all_content_types()
                },
            }
        }
    },
)
def download(request, attachment_id: PathId):
    from duban.api.followup import visible_requests

    user = request.auth
    found = (
        Attachment.objects.filter(pk=attachment_id)
        .filter(Q(report__in=visible_reports(user)) | Q(request__in=visible_requests(user)))
        .first()
    )
    if found is None:
        raise refuse(404, "找不到该附件，或您无权查看。")
    return downloads.serve(found)

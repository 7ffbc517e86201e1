"""Following a task through the year: receipt, sub-items, extension and closure
requests, leaders' instructions, the timeline, and the caller's notifications.

Tasks are looked up through Task.objects.restrict(caller): a task outside the
caller's scope is not found (404). Who may act is decided by the flow services
(403 for who asks, 409 for the state things are in).
"""

from __future__ import annotations

from django.db.models import QuerySet
from ninja import File, Query, Router, Status, UploadedFile

from duban import clock
from duban.api.auth import acting
from duban.api.errors import refuse, responses
from duban.api.reporting import attachment_json, task_ref, upload, visible_reports
from duban.api.reporting_schemas import (
    AnswerIn,
    AttachmentOut,
    ClosureIn,
    DecideIn,
    EventOut,
    ExtensionIn,
    InstructionIn,
    InstructionOut,
    NotificationFilters,
    NotificationPage,
    ReadIn,
    ReadOut,
    ReceiptOut,
    RequestFilters,
    RequestOut,
    RequestPage,
    SubItemDoneIn,
    SubItemIn,
    SubItemOut,
    SubItemsOut,
)
from duban.api.schemas import PathId
from duban.directory.models import Unit
from duban.ledger.models import Task
from duban.reporting import flow
from duban.reporting.models import Instruction, Notification, Request, SubItem


def visible_tasks(user) -> QuerySet:
    return Task.objects.restrict(user)


def visible_requests(user) -> QuerySet:
    return Request.objects.filter(task__in=visible_tasks(user))


def _task_or_404(request, task_id: int) -> Task:
    task = visible_tasks(request.auth).select_related("plan").filter(pk=task_id).first()
    if task is None:
        raise refuse(404, "找不到该任务，或您无权查看。")
    return task


def _name(user) -> str:
    if user is None:
        return ""
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()


def request_json(q: Request) -> dict:
    return {
        "id": q.pk,
        "kind": q.kind,
        "kind_label": q.get_kind_display(),
        "task": task_ref(q.task),
        "unit": {"id": q.unit_id, "name": q.unit.name},
        "reason": q.reason,
        "new_due": q.new_due,
        "old_due": q.old_due,
        "state": q.state,
        "requested_by": _name(q.requested_by),
        "requested_at": q.requested_at,
        "decided_by": _name(q.decided_by),
        "decided_at": q.decided_at,
        "comment": q.comment,
        "attachments": [attachment_json(a) for a in q.attachments.all()],
    }


def _requests(qs: QuerySet) -> QuerySet:
    return qs.select_related("task", "unit", "requested_by", "decided_by").prefetch_related(
        "attachments"
    )


def _request_out(pk: int) -> dict:
    return request_json(_requests(Request.objects.filter(pk=pk)).get())


def instruction_json(i: Instruction) -> dict:
    return {
        "id": i.pk,
        "task": i.task_id,
        "report": i.report_id,
        "leader": i.leader.name if i.leader else _name(i.author),
        "text": i.text,
        "created_at": i.created_at,
        "answer": i.answer,
        "answered_by": _name(i.answered_by),
        "answered_at": i.answered_at,
    }


def sub_item_json(item: SubItem) -> dict:
    owner = item.owner
    return {
        "id": item.pk,
        "task": item.task_id,
        "title": item.title,
        "owner": {"id": owner.pk, "name": owner.name} if owner else None,
        "due": item.due,
        "milestones": item.milestones,
        "done": item.done,
    }


# --- tasks ---------------------------------------------------------------------------------------

tasks = Router(tags=["任务跟踪"])


@tasks.post(
    "/{task_id}/receipt",
    response=responses({200: ReceiptOut}, 403, 404),
    summary="签收任务",
    description="承办该任务的单位（牵头或配合，含通过“各乡镇人民政府”等统称承办的）签收；重复签收返回原签收记录。",
)
def receipt(request, task_id: PathId):
    task = _task_or_404(request, task_id)
    with acting(request):
        r = flow.acknowledge(request.auth, task)
    return {"task": task.pk, "unit": {"id": r.unit_id, "name": r.unit.name}, "at": r.at}


@tasks.post(
    "/{task_id}/extension",
    response=responses({201: RequestOut}, 403, 404, 409),
    summary="提出延期申请",
    description="牵头单位提出，须写明理由和晚于当前截止日期的新日期；同一任务同时只能有一项待审批的延期申请。",
)
def extension(request, task_id: PathId, body: ExtensionIn):
    task = _task_or_404(request, task_id)
    with acting(request):
        q = flow.request_extension(request.auth, task, body.reason, body.new_due)
    return Status(201, _request_out(q.pk))


@tasks.post(
    "/{task_id}/closure",
    response=responses({201: RequestOut}, 403, 404, 409),
    summary="提出办结申请",
    description="牵头单位提出，写明办结情况；"
    "佐证材料随后以 POST /api/requests/{id}/attachments 上传。",
)
def closure(request, task_id: PathId, body: ClosureIn):
    task = _task_or_404(request, task_id)
    with acting(request):
        q = flow.request_closure(request.auth, task, body.reason)
    return Status(201, _request_out(q.pk))


@tasks.get(
    "/{task_id}/instructions",
    response=responses({200: list[InstructionOut]}, 404),
    summary="任务的领导批示",
    description="批示及牵头单位的落实情况答复，新批示在前。",
)
def list_instructions(request, task_id: PathId):
    task = _task_or_404(request, task_id)
    rows = Instruction.objects.filter(task=task).select_related("leader", "author", "answered_by")
    return [instruction_json(i) for i in rows]


@tasks.post(
    "/{task_id}/instructions",
    response=responses({201: InstructionOut}, 403, 404),
    summary="领导批示",
    description="任务的牵头领导作出批示（可针对某一版报告），牵头单位的用户收到通知。",
)
def add_instruction(request, task_id: PathId, body: InstructionIn):
    task = _task_or_404(request, task_id)
    report = None
    if body.report is not None:
        report = visible_reports(request.auth).filter(pk=body.report).first()
        if report is None:
            raise refuse(404, "找不到批示针对的报告，或您无权查看。")
    with acting(request):
        i = flow.instruct(request.auth, task, body.text, report=report)
    return Status(201, instruction_json(i))


@tasks.get(
    "/{task_id}/sub-items",
    response=responses({200: SubItemsOut}, 404),
    summary="任务的具体工作（分解事项）",
    description="牵头单位分解的具体工作及完成情况汇总（done / total）。",
)
def list_sub_items(request, task_id: PathId):
    task = _task_or_404(request, task_id)
    items = list(task.sub_items.select_related("owner"))
    return {
        "done": sum(i.done for i in items),
        "total": len(items),
        "items": [sub_item_json(i) for i in items],
    }


@tasks.post(
    "/{task_id}/sub-items",
    response=responses({201: SubItemOut}, 403, 404, 409),
    summary="分解具体工作",
    description="牵头单位为任务添加一项具体工作，可指定责任单位、节点安排和完成时限；"
    "已办结或已废止的任务不能再分解（409）。",
)
def add_sub_item(request, task_id: PathId, body: SubItemIn):
    task = _task_or_404(request, task_id)
    owner = None
    if body.owner is not None:
        owner = Unit.objects.filter(pk=body.owner, government_id=task.plan.government_id).first()
        if owner is None:
            raise refuse(422, "责任单位不存在或不属于本政府。")
    with acting(request):
        item = flow.add_sub_item(
            request.auth, task, body.title, owner=owner, due=body.due, milestones=body.milestones
        )
    return Status(201, sub_item_json(item))


@tasks.get(
    "/{task_id}/timeline",
    response=responses({200: list[EventOut]}, 404),
    summary="任务动态",
    description="签收、报告的提交、审签、采纳与退回、延期和办结申请及审批、领导批示及答复，按时间顺序。",
)
def timeline(request, task_id: PathId):
    task = _task_or_404(request, task_id)
    return [e.__dict__ for e in flow.timeline(task)]


# --- sub-items ------------------------------------------------------------------------------------

sub_items = Router(tags=["任务跟踪"])


@sub_items.post(
    "/{item_id}",
    response=responses({200: SubItemOut}, 403, 404, 409),
    summary="更新具体工作的完成情况",
    description="牵头单位勾选或取消“已完成”；已办结或已废止的任务不能再更新（409）。",
)
def set_done(request, item_id: PathId, body: SubItemDoneIn):
    item = (
        SubItem.objects.filter(task__in=visible_tasks(request.auth))
        .select_related("task", "owner")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise refuse(404, "找不到该具体工作，或您无权查看。")
    with acting(request):
        item = flow.set_sub_item_done(request.auth, item, body.done)
    return sub_item_json(item)


# --- requests -------------------------------------------------------------------------------------

requests = Router(tags=["任务跟踪"])


@requests.get(
    "",
    response=responses({200: RequestPage}),
    summary="延期与办结申请",
    description="调用者可见任务的申请，新申请在前；政府办据此审批待审批（pending）的申请。",
)
def list_requests(request, filters: Query[RequestFilters]):
    qs = visible_requests(request.auth)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.task is not None:
        qs = qs.filter(task_id=filters.task)
    count = qs.count()
    rows = _requests(qs)[filters.offset : filters.offset + filters.limit]
    return {"count": count, "items": [request_json(q) for q in rows]}


@requests.post(
    "/{request_id}/decide",
    response=responses({200: RequestOut}, 403, 404, 409),
    summary="审批申请",
    description="政府办或督查室同意（approve: true）或不同意（须填写意见）。"
    "同意延期：任务截止日期改为申请的日期；同意办结：任务办结，未开始的后续报送任务取消。",
)
def decide(request, request_id: PathId, body: DecideIn):
    q = visible_requests(request.auth).filter(pk=request_id).first()
    if q is None:
        raise refuse(404, "找不到该申请，或您无权查看。")
    with acting(request):
        flow.decide(request.auth, q, body.approve, body.comment)
    return _request_out(q.pk)


@requests.post(
    "/{request_id}/attachments",
    response=responses({201: AttachmentOut}, 403, 404, 409, 413),
    summary="上传申请的佐证材料",
    description="提出申请的牵头单位为待审批的申请上传材料（类型和大小要求同报告附件）。",
)
def attach_to_request(request, request_id: PathId, file: File[UploadedFile]):
    q = visible_requests(request.auth).select_related("task").filter(pk=request_id).first()
    if q is None:
        raise refuse(404, "找不到该申请，或您无权查看。")
    return Status(201, attachment_json(upload(request, q, file)))


# --- instructions ---------------------------------------------------------------------------------

instructions = Router(tags=["任务跟踪"])


@instructions.post(
    "/{instruction_id}/answer",
    response=responses({200: InstructionOut}, 403, 404, 409),
    summary="答复领导批示",
    description="牵头单位填写落实情况，批示领导收到通知。已答复的批示不能改答。",
)
def answer(request, instruction_id: PathId, body: AnswerIn):
    i = (
        Instruction.objects.filter(task__in=visible_tasks(request.auth))
        .select_related("task", "leader", "author", "answered_by")
        .filter(pk=instruction_id)
        .first()
    )
    if i is None:
        raise refuse(404, "找不到该批示，或您无权查看。")
    with acting(request):
        i = flow.answer(request.auth, i, body.text)
    return instruction_json(i)


# --- notifications ------------------------------------------------------------------------------

notifications = Router(tags=["通知"])


@notifications.get(
    "",
    response=responses({200: NotificationPage}),
    summary="我的通知",
    description="调用者收到的站内通知（催办、退回、批示、审批结果等），新通知在前。",
)
def list_notifications(request, filters: Query[NotificationFilters]):
    qs = Notification.objects.filter(user=request.auth)
    unread = qs.filter(read_at=None)
    shown = unread if filters.unread else qs
    rows = shown[filters.offset : filters.offset + filters.limit]
    return {
        "count": shown.count(),
        "unread": unread.count(),
        "items": [
            {
                "id": n.pk,
                "text": n.text,
                "url": n.url,
                "created_at": n.created_at,
                "read_at": n.read_at,
            }
            for n in rows
        ],
    }


@notifications.post(
    "/read",
    response=responses({200: ReadOut}),
    summary="将通知标为已读",
    description='请求体 {"ids": [编号…]}；省略 ids 时将全部未读通知标为已读。'
    "只影响调用者自己的通知。",
)
def mark_read(request, body: ReadIn | None = None):
    qs = Notification.objects.filter(user=request.auth, read_at=None)
    if body is not None and body.ids is not None:
        qs = qs.filter(pk__in=body.ids)
    return {"read": qs.update(read_at=clock.now())}

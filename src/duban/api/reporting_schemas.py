"""The JSON shapes of the reporting cycle: obligations, reports, requests,
instructions, the timeline and notifications."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema

from duban.api.schemas import Id, Text

ReportStateName = Literal["draft", "submitted", "approved", "accepted", "returned"]
StatusName = Literal["not_started", "on_track", "behind", "done"]
StandingName = Literal["ahead", "on_time", "due_soon", "behind", "overdue", "closed"]
LongText = Annotated[Text, Field(max_length=20000)]
ShortText = Annotated[Text, Field(max_length=2000)]


class Ref(Schema):
    id: int
    name: str


class TaskRef(Schema):
    id: int
    seq: str
    content: str
    url: str


class ReportBrief(Schema):
    id: int
    version: int
    state: ReportStateName
    status: StatusName
    submitted_at: dt.datetime | None


class ObligationOut(Schema):
    id: int
    task: TaskRef
    unit: Ref
    kind: Literal["support_monthly", "lead_quarterly", "fixed_dates", "adhoc"]
    kind_label: str
    to_office: bool = Field(description="报送政府办（须单位负责人审签）；否则报送牵头单位")
    period: str = Field(description="报送期：2022-03、2022-Q1、2022-06-30")
    period_label: str
    due: dt.date
    report: ReportBrief | None = Field(description="最新一版报告（他单位的草稿不显示）")
    standing: StandingName
    standing_label: str
    light: str = Field(description="灯色：蓝灯、绿灯、黄灯、红灯")


class ObligationPage(Schema):
    count: int
    items: list[ObligationOut]


class ObligationDetailOut(ObligationOut):
    reports: list[ReportBrief] = Field(description="调用者可见的全部版本，按版本顺序")


class ObligationFilters(Schema):
    unit: Id | None = Field(None, description="报送单位编号")
    task: Id | None = Field(None, description="任务编号")
    period: Annotated[Text, Field(max_length=20)] | None = Field(
        None, description="报送期，如 2022-03、2022-Q1"
    )
    state: Literal["none", "draft", "submitted", "approved", "accepted", "returned"] | None = Field(
        None, description="最新一版报告的状态；none 为尚未起草"
    )
    due_before: dt.date | None = Field(None, description="截止日期不晚于该日")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=2**31)


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    sha256: str
    uploaded_at: dt.datetime
    url: str = Field(description="下载地址（需登录或令牌）")


class ReportOut(Schema):
    id: int
    obligation: int
    task: int
    unit: Ref
    period_label: str
    version: int
    state: ReportStateName
    status: StatusName
    progress: str = Field(description="进展情况")
    problems: str = Field(description="存在问题")
    next_steps: str = Field(description="下一步措施")
    percent: int | None = Field(description="完成进度（%）")
    actuals: list[float | None] = Field(
        description="各项量化目标的实际完成值，与任务的 targets 同序"
    )
    targets: list[dict] = Field(description="任务的量化目标")
    based_on: int | None = Field(description="预填或修订所依据的报告编号")
    author: str
    submitted_by: str
    submitted_at: dt.datetime | None
    approved_by: str = Field(description="审签的单位负责人")
    approved_at: dt.datetime | None
    reviewed_by: str
    reviewed_at: dt.datetime | None
    review_comment: str
    attachments: list[AttachmentOut]
    lock_version: int = Field(
        description="草稿的修改版本号：每保存一次草稿加一。保存或提交草稿时带上读取时的值，"
        "草稿已被他人修改时返回 409，不会覆盖他人的修改"
    )


LockVersion = Annotated[int, Field(ge=0, le=2**31)]


class DraftIn(Schema):
    """Fields of the draft to change; fields left out keep their value."""

    status: StatusName | None = None
    progress: LongText | None = None
    problems: LongText | None = None
    next_steps: LongText | None = None
    percent: Annotated[int, Field(ge=0, le=100)] | None = None
    actuals: list[float | None] | None = Field(None, max_length=100)
    lock_version: LockVersion | None = Field(
        None,
        description="读取草稿时得到的 lock_version（乐观锁）。给出时，若草稿此后已被他人保存，"
        "返回 409 及中文说明（谁于何时修改），本次修改不写入；省略时不作检查，后写入者覆盖。"
        "多人可能同时编辑时请务必给出",
    )


class SubmitIn(Schema):
    idempotency_key: Annotated[Text, Field(max_length=64)] | None = Field(
        None, description="客户端生成的提交编号：同一编号重复提交时返回已提交的报告"
    )
    lock_version: LockVersion | None = Field(
        None,
        description="最后读取或保存草稿时得到的 lock_version：给出时，若草稿此后已被他人修改，"
        "返回 409，不提交未经核对的内容；省略时提交当前内容",
    )


class ReviewIn(Schema):
    comment: ShortText = ""


class ReturnIn(Schema):
    comment: Annotated[Text, Field(min_length=1, max_length=2000)]


class InputOut(Schema):
    obligation: ObligationOut
    report: ReportOut | None


class RequestOut(Schema):
    id: int
    kind: Literal["extension", "closure"]
    kind_label: str
    task: TaskRef
    unit: Ref
    reason: str
    new_due: dt.date | None
    old_due: dt.date | None
    state: Literal["pending", "approved", "rejected"]
    requested_by: str
    requested_at: dt.datetime
    decided_by: str
    decided_at: dt.datetime | None
    comment: str
    attachments: list[AttachmentOut]


class RequestPage(Schema):
    count: int
    items: list[RequestOut]


class RequestFilters(Schema):
    state: Literal["pending", "approved", "rejected"] | None = None
    kind: Literal["extension", "closure"] | None = None
    task: Id | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=2**31)


class ExtensionIn(Schema):
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]
    new_due: dt.date = Field(description="申请延期至")


class ClosureIn(Schema):
    reason: Annotated[Text, Field(min_length=1, max_length=2000)] = Field(
        description="办结情况；佐证材料以 POST /api/requests/{id}/attachments 上传"
    )


class DecideIn(Schema):
    approve: bool
    comment: ShortText = ""


class ReceiptOut(Schema):
    task: int
    unit: Ref
    at: dt.datetime


class InstructionIn(Schema):
    text: Annotated[Text, Field(min_length=1, max_length=2000)]
    report: Id | None = Field(None, description="批示针对的报告编号（可省略）")


class AnswerIn(Schema):
    text: Annotated[Text, Field(min_length=1, max_length=2000)]


class InstructionOut(Schema):
    id: int
    task: int
    report: int | None
    leader: str
    text: str
    created_at: dt.datetime
    answer: str
    answered_by: str
    answered_at: dt.datetime | None


class SubItemIn(Schema):
    title: Annotated[Text, Field(min_length=1, max_length=300)]
    owner: Id | None = Field(None, description="责任单位编号")
    due: dt.date | None = None
    milestones: ShortText = ""


class SubItemDoneIn(Schema):
    done: bool


class SubItemOut(Schema):
    id: int
    task: int
    title: str
    owner: Ref | None
    due: dt.date | None
    milestones: str
    done: bool


class SubItemsOut(Schema):
    done: int
    total: int
    items: list[SubItemOut]


class EventOut(Schema):
    at: dt.datetime
    kind: str = Field(
        description="receipt 签收，submitted 提交，approved 审签，accepted 采纳，returned 退回，"
        "requested 申请，decided 审批，instructed 批示，answered 答复"
    )
    actor: str
    text: str
    url: str


class NotificationOut(Schema):
    id: int
    text: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class NotificationPage(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class NotificationFilters(Schema):
    unread: bool = Field(False, description="只列未读")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=2**31)


class ReadIn(Schema):
    ids: list[Id] | None = Field(
        None, max_length=500, description="要标为已读的通知编号；省略时全部标为已读"
    )


class ReadOut(Schema):
    read: int = Field(description="本次标为已读的通知数")

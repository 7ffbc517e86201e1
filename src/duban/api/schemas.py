"""The JSON shapes of the API, in one place so the OpenAPI document reads as the contract.

Names on a task come as {"id", "name", "printed"}: `id` and `name` are the
directory entry the printed name was resolved to (id null while a draft's
name is unresolved, and `name` then the printed text), `printed` is what the
notice itself says (区发改局 for 区发展和改革委员会), so a client can show either.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Path, Schema
from pydantic import StringConstraints

from duban.ledger.choices import TaskState

# Ids are database integers: bounding them keeps an absurd id a 422, not a
# database overflow.
MAX_ID = 2**63 - 1


# Text without NUL characters, which PostgreSQL cannot store or compare: said
# in the schema (a pattern) so clients and generated tests know it up front.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


# Every state a task can be in, read from the model's choices so a new state
# is accepted by the filters and shown in the contract without a second edit.
TaskStateValue = Literal[tuple(TaskState.values)]


GovernmentName = Annotated[Text, Field(max_length=100, description="所属政府名称")]


class TokenIn(Schema):
    username: Annotated[Text, Field(min_length=1, max_length=150)]
    password: Annotated[Text, Field(min_length=1, max_length=4096)]


class TokenOut(Schema):
    token: str


class NameRef(Schema):
    id: int | None = Field(description="单位或领导在目录中的编号；未对应时为 null")
    name: str = Field(description="目录中的名称；未对应时为通知原文")
    printed: str = Field(description="通知原文中的写法")


class TaskOut(Schema):
    id: int
    plan: int
    position: int
    seq: str
    section: list[str]
    list_title: str
    content: str
    deadline: str
    state: TaskStateValue
    lead_leaders: list[NameRef]
    lead_units: list[NameRef]
    support_units: list[NameRef]
    url: str


class SourceLine(Schema):
    line: int
    text: str


class TaskDetailOut(TaskOut):
    plan_title: str
    source: list[SourceLine] = Field(description="任务在通知原文中的行")


class TaskPage(Schema):
    count: int
    items: list[TaskOut]


class TaskFilters(Schema):
    """Filters of a task list; all of them narrow, none widens what the caller may see."""

    unit: Id | None = Field(
        None, description="单位编号：该单位牵头或配合的任务，含其所属统称（如各乡镇人民政府）的任务"
    )
    role: Literal["lead", "support", "any"] = Field(
        "any", description="与 unit 一起使用：lead 牵头，support 配合，any 两者"
    )
    leader: Id | None = Field(None, description="领导编号：该领导牵头的任务")
    status: TaskStateValue | None = Field(
        None, description="任务状态：active 执行中，closed 已办结，abolished 已废止"
    )
    q: Annotated[Text, Field(max_length=100)] | None = Field(
        None, description="工作任务内容包含的文字"
    )
    section: Annotated[Text, Field(max_length=300)] | None = Field(
        None, description="一级标题（完全一致）"
    )
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=2**31)


class UnitTaskFilters(Schema):
    role: Literal["lead", "support", "any"] = "any"
    status: TaskStateValue | None = Field(None, description="任务状态")
    q: Annotated[Text, Field(max_length=100)] | None = None
    plan: Id | None = Field(None, description="方案编号；缺省时为所有执行中的方案")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=2**31)


class UnitSearch(Schema):
    q: Annotated[Text, Field(max_length=100)] | None = Field(
        None, description="全称、简称、别名或拼音首字母（如 fgw）"
    )


class GovernmentRef(Schema):
    id: int
    name: str


class Diagnostic(Schema):
    code: str
    message: str
    line: int | None = None
    seq: str | None = None


class TaskCounts(Schema):
    total: int = Field(description="调用者可见的任务数")
    active: int
    closed: int
    abolished: int


class PlanOut(Schema):
    id: int
    title: str
    doc_number: str
    issuer: str
    issue_date: dt.date | None
    year: int | None
    status: Literal["draft", "active", "merged", "discarded"]
    government: GovernmentRef
    source_name: str
    revises: int | None = Field(description="草稿修订的执行中方案编号")
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    tasks: TaskCounts
    unresolved: int = Field(description="尚未对应到目录的名称数（仅草稿）")
    url: str


class PlanDetailOut(PlanOut):
    diagnostics: list[Diagnostic]


class ImportOut(Schema):
    id: int
    status: str
    revises: int | None
    tasks: int
    diagnostics: list[Diagnostic]
    unresolved: int


class ConfirmIn(Schema):
    create_missing_units: bool = Field(
        False, description="为尚未对应的名称在目录中新建单位或领导后再确认"
    )


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    government: int
    aliases: list[str]
    members: list[int] = Field(description="统称包含的单位编号")
    collectives: list[int] = Field(description="该单位所属的统称编号")

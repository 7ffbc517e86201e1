"""Inspection API: spot checks (随机抽查) with their verification, and findings.

Spot checks are the office's working papers: anyone else is refused (403)
before anything is looked up; a spot check of another government is not found
(404). Findings are read by whoever sees their task (inspection/access.py).
A finding is posted as a multipart form so its evidence files travel with it;
each file is checked by its content like report attachments.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.db import transaction
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from duban.api.auth import acting
from duban.api.errors import refuse, responses
from duban.api.schemas import Id, PathId, Text
from duban.inspection import access, draw, findings
from duban.inspection.models import Finding, SpotCheck
from duban.ledger.choices import Role
from duban.ledger.models import Plan, Task
from duban.reporting.models import Report

KindValue = Literal[tuple(SpotCheck.Kind.values)]
StrataValue = Literal[tuple(SpotCheck.Strata.values)]
VerdictValue = Literal[tuple(Finding.Verdict.values)]


class SpotCheckIn(Schema):
    plan: Id
    title: Annotated[Text, Field(max_length=200)] = ""
    kind: KindValue = "random"
    strata: StrataValue = "none"
    size: int = Field(ge=1, le=1000, description="每层抽取的任务数")
    seed: Annotated[Text, Field(max_length=64)] | None = Field(
        None, description="随机种子；省略时由系统生成"
    )
    planned_for: dt.date | None = None
    notes: Annotated[Text, Field(max_length=5000)] = ""


class DrawnTaskOut(Schema):
    id: int
    seq: str
    content: str
    lead_units: list[str]
    url: str


class SpotCheckOut(Schema):
    id: int
    plan: int
    title: str
    kind: str
    kind_label: str
    strata: str
    size: int
    seed: str
    population: int = Field(description="总体（执行中任务）数")
    drawn: list[int]
    planned_for: dt.date | None
    notes: str
    created_at: dt.datetime


class SpotCheckDetailOut(SpotCheckOut):
    tasks: list[DrawnTaskOut]
    verified: bool = Field(description="按记录的总体和随机种子重新抽取，结果是否与保存的一致")


class EvidenceOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    sha256: str
    url: str


class FindingOut(Schema):
    id: int
    task: int
    spot_check: int | None
    report: int | None
    verdict: str
    verdict_label: str
    text: str
    found_on: dt.date
    inspector: str
    evidence: list[EvidenceOut]


class FindingIn(Schema):
    task: Id
    verdict: VerdictValue
    text: Annotated[Text, Field(min_length=1, max_length=5000)]
    found_on: dt.date
    report: Id | None = Field(None, description="对照的报告；认定报送不实时必填")


class FindingFilters(Schema):
    task: Id | None = Field(None, description="任务编号")


def _office_only(user) -> None:
    if not access.can_manage(user):
        raise refuse(403, "只有政府办（督查室）可以组织督查抽查。")


def _check_or_404(request, check_id: int) -> SpotCheck:
    _office_only(request.auth)
    qs = access.restrict_spot_checks(SpotCheck.objects.all(), request.auth)
    check = qs.filter(pk=check_id).first()
    if check is None:
        raise refuse(404, "找不到该督查抽查，或您无权查看。")
    return check


def spot_check_json(c: SpotCheck) -> dict:
    return {
        "id": c.pk,
        "plan": c.plan_id,
        "title": c.title,
        "kind": c.kind,
        "kind_label": c.get_kind_display(),
        "strata": c.strata,
        "size": c.size,
        "seed": c.seed,
        "population": len(draw.stored_population(c)[0]),
        "drawn": [int(x) for x in c.drawn or []],
        "planned_for": c.planned_for,
        "notes": c.notes,
        "created_at": c.created_at,
    }


def detail_json(c: SpotCheck) -> dict:
    ids = [int(x) for x in c.drawn or []]
    by_id = {t.pk: t for t in Task.objects.filter(pk__in=ids).prefetch_related("assignments__unit")}
    tasks = [
        {
            "id": t.pk,
            "seq": t.seq,
            "content": t.content,
            "lead_units": [a.display_name for a in t.assignments.all() if a.role == Role.LEAD],
            "url": t.get_absolute_url(),
        }
        for t in (by_id.get(pk) for pk in ids)
        if t is not None
    ]
    return {**spot_check_json(c), "tasks": tasks, "verified": draw.verify(c)}


def finding_json(f: Finding) -> dict:
    inspector = f.inspector
    name = ""
    if inspector is not None:
        name = f"{inspector.last_name}{inspector.first_name}".strip() or inspector.get_username()
    return {
        "id": f.pk,
        "task": f.task_id,
        "spot_check": f.spot_check_id,
        "report": f.report_id,
        "verdict": f.verdict,
        "verdict_label": f.get_verdict_display(),
        "text": f.text,
        "found_on": f.found_on,
        "inspector": name,
        "evidence": [
            {
                "id": e.pk,
                "name": e.name,
                "kind": e.kind,
                "size": e.size,
                "sha256": e.sha256,
                "url": f"/inspection/evidence/{e.pk}/",
            }
            for e in f.evidence.all()
        ],
    }


spot_checks = Router(tags=["督查"])


@spot_checks.get(
    "",
    response=responses({200: list[SpotCheckOut]}),
    summary="督查抽查列表",
    description="本政府的督查抽查，新的在前。仅政府办与督查室。",
)
def list_spot_checks(request):
    _office_only(request.auth)
    qs = access.restrict_spot_checks(SpotCheck.objects.all(), request.auth)
    return [spot_check_json(c) for c in qs]


@spot_checks.post(
    "",
    response=responses({201: SpotCheckDetailOut}, 404),
    summary="随机抽取任务（新建督查抽查）",
    description="从方案的执行中任务中随机抽取（可按部分或牵头单位分层，每层抽取 size 项）。"
    "总体、随机种子和抽取结果均被记录，任何人可按同一种子复核。仅政府办与督查室。",
)
def create_spot_check(request, body: SpotCheckIn):
    _office_only(request.auth)
    plan = Plan.objects.restrict(request.auth).filter(pk=body.plan, status="active").first()
    if plan is None:
        raise refuse(404, "找不到该分工方案，或您无权查看。")
    with acting(request):
        check = draw.create_spot_check(
            request.auth,
            plan,
            body.title,
            body.kind,
            body.strata,
            body.size,
            seed=body.seed,
            planned_for=body.planned_for,
            notes=body.notes,
        )
    return Status(201, detail_json(check))


@spot_checks.get(
    "/{check_id}",
    response=responses({200: SpotCheckDetailOut}, 404),
    summary="督查抽查详情（含核验结果）",
    description="抽取的任务、随机种子，以及按记录重新抽取的核验结果 verified。",
)
def spot_check_detail(request, check_id: PathId):
    return detail_json(_check_or_404(request, check_id))


@spot_checks.post(
    "/{check_id}/findings",
    response=responses({201: FindingOut}, 404, 413),
    summary="记录督查情况",
    description="multipart 表单：task、verdict（confirmed 与报送一致 / issue 发现问题 / "
    "inconsistent 报送进展与实际严重不符）、text、found_on、report（对照的报告，认定不实时必填），"
    "files 为佐证材料（可多个，按内容识别类型）。任务须在本次抽取结果中。",
)
def add_finding(
    request,
    check_id: PathId,
    body: Form[FindingIn],
    files: File[list[UploadedFile]] = None,
):
    check = _check_or_404(request, check_id)
    task = Task.objects.filter(pk=body.task, plan_id=check.plan_id).first()
    if task is None:
        raise refuse(404, "该任务不在本次抽查的方案中。")
    report = None
    if body.report is not None:
        report = Report.objects.filter(pk=body.report, obligation__task=task).first()
        if report is None:
            raise refuse(404, "找不到该任务的这份报告。")
    with acting(request), transaction.atomic():
        finding = findings.record_with_evidence(
            request.auth,
            task,
            body.verdict,
            body.text,
            body.found_on,
            files=files or [],
            spot_check=check,
            report=report,
        )
    return Status(201, finding_json(finding))


findings_router = Router(tags=["督查"])


@findings_router.get(
    "",
    response=responses({200: list[FindingOut]}),
    summary="督查发现",
    description="调用者可见任务上的督查发现（单位：本单位牵头或配合的任务；领导：所牵头的任务；"
    "政府办与督查室：本政府全部），可按任务筛选。",
)
def list_findings(request, filters: Query[FindingFilters]):
    qs = access.restrict_findings(
        Finding.objects.select_related("inspector").prefetch_related("evidence"), request.auth
    )
    if filters.task is not None:
        qs = qs.filter(task_id=filters.task)
    return [finding_json(f) for f in qs]


router = Router()
router.add_router("/spot-checks", spot_checks)
router.add_router("/findings", findings_router)

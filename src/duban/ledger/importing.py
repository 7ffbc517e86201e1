"""Importing a notice: the extraction core's Plan becomes a DRAFT plan to review.

The draft holds every task with its printed names, the notice's numbered
lines (for the side-by-side review) and one NameResolution per distinct name,
pre-resolved against the directory. Nothing touches an active plan here; a
notice for a government and year that already has an active plan becomes a
draft revision of it (`revises`), applied only on confirmation.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction

from duban.audit.models import AuditEntry, record
from duban.directory.models import Government
from duban.directory.resolve import PersonResolver, UnitResolver
from duban.errors import UserError
from duban.extract import ExtractError, extract_bytes
from duban.extract import Plan as ExtractedPlan
from duban.ledger.choices import Method, NameKind, PlanStatus, Role
from duban.ledger.models import Assignment, NameResolution, Plan, PlanSource, Task

log = logging.getLogger("duban.ledger")

_OFFICE_SUFFIX = re.compile(r"(人民政府(办公室|办公厅)?|政府办(公室)?|办公室|办公厅)$")
_ROLE_FIELDS = (
    (Role.LEADER, "lead_leaders"),
    (Role.LEAD, "lead_units"),
    (Role.SUPPORT, "support_units"),
)


def import_notice(
    data: bytes, filename: str, government: Government | str | None = None, user=None
) -> Plan:
    """Read `data` and store it as a draft plan; raise UserError if it cannot be read."""
    try:
        extracted = extract_bytes(data)
    except ExtractError as exc:
        log.warning("import of %s failed: %s", filename, exc.reason_en)
        raise UserError(exc.message_zh, exc.reason_en) from exc
    with transaction.atomic():
        gov = _government(government, extracted)
        plan = _create_plan(extracted, gov, filename, user)
        plan.source_file.save(_safe_name(filename), ContentFile(data), save=True)
        _create_tasks(plan, extracted)
        pre_resolve(plan)
        record(
            AuditEntry.Action.IMPORT,
            plan,
            None,
            {"tasks": len(extracted.tasks), "source": filename, "revises": plan.revises_id},
        )
    log.info("imported %s as plan %s with %d tasks", filename, plan.pk, len(extracted.tasks))
    return plan


def government_from_issuer(issuer: str | None) -> str | None:
    """海东市平安区人民政府办公室 → 海东市平安区."""
    if not issuer:
        return None
    name = _OFFICE_SUFFIX.sub("", issuer.strip())
    return name or None


def _government(government, extracted: ExtractedPlan) -> Government:
    if isinstance(government, Government):
        return government
    name = (government or "").strip() or government_from_issuer(extracted.document.issuer)
    if not name:
        raise UserError(
            "无法从通知中识别发文政府，请选择或填写所属政府后重新导入。", "no government"
        )
    gov, _ = Government.objects.get_or_create(name=name)
    return gov


def _create_plan(extracted: ExtractedPlan, gov: Government, filename: str, user) -> Plan:
    doc = extracted.document
    year = doc.year
    active = (
        Plan.objects.filter(government=gov, year=year, status=PlanStatus.ACTIVE).first()
        if year
        else None
    )
    plan = Plan.objects.create(
        government=gov,
        year=year,
        title=(doc.title or "")[:300],
        doc_number=(doc.doc_number or "")[:100],
        issuer=(doc.issuer or "")[:200],
        issue_date=_date(doc.issue_date),
        source_name=filename[:255],
        revises=active,
        created_by=user if getattr(user, "pk", None) else None,
    )
    plan.source = PlanSource.objects.create(
        plan=plan,
        lines=[[n, text] for n, text in extracted.source_lines],
        diagnostics=[d.to_json() for d in extracted.diagnostics],
    )
    return plan


def _create_tasks(plan: Plan, extracted: ExtractedPlan) -> None:
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            position=k,
            list_title=(t.list or "")[:200],
            section=t.section,
            section_title=(t.section[0] if t.section else "")[:300],
            seq=t.seq[:20],
            content=t.content,
            deadline=(t.deadline or "")[:200],
            state=t.status,
            source_first_line=_lines(t.source)[0],
            source_last_line=_lines(t.source)[1],
        )
        for k, t in enumerate(extracted.tasks, start=1)
    )
    Assignment.objects.bulk_create(
        Assignment(task=task, role=role, position=k, name=name[:100])
        for task, t in zip(tasks, extracted.tasks, strict=True)
        for role, attr in _ROLE_FIELDS
        for k, name in enumerate(getattr(t, attr))
    )


def pre_resolve(plan: Plan) -> None:
    """(Re)build the plan's NameResolutions from its assignments and the directory,
    keeping decisions already taken, and point assignments at what is resolved."""
    units, people = UnitResolver(plan.government), PersonResolver(plan.government)
    kept = {(r.kind, r.name): r for r in plan.resolutions.exclude(method=Method.UNRESOLVED)}
    counts = Counter(
        (NameKind.PERSON if role == Role.LEADER else NameKind.UNIT, name)
        for role, name in Assignment.objects.filter(task__plan=plan).values_list("role", "name")
    )
    plan.resolutions.filter(method=Method.UNRESOLVED).delete()
    fresh = []
    for (kind, name), count in counts.items():
        if (kind, name) in kept:
            continue
        found = (people if kind == NameKind.PERSON else units).resolve(name)
        fresh.append(
            NameResolution(
                plan=plan,
                kind=kind,
                name=name,
                method=found.method,
                unit=found.target if kind == NameKind.UNIT else None,
                person=found.target if kind == NameKind.PERSON else None,
                suggestions=[list(s) for s in found.suggestions],
                occurrences=count,
            )
        )
    NameResolution.objects.bulk_create(fresh)
    link_assignments(plan, [r for r in fresh if r.method != Method.UNRESOLVED])


def link_assignments(plan: Plan, resolutions) -> None:
    """Point the plan's assignments of these names at their decided directory entries."""
    for r in resolutions:
        same_name = Assignment.objects.filter(task__plan=plan, name=r.name)
        if r.kind == NameKind.PERSON:
            same_name.filter(role=Role.LEADER).update(person=r.person)
        else:
            same_name.exclude(role=Role.LEADER).update(unit=r.unit)


def _lines(source: dict) -> tuple[int | None, int | None]:
    if "lines" in source and source["lines"]:
        return source["lines"][0], source["lines"][-1]
    line = source.get("line")
    return line, line


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _safe_name(filename: str) -> str:
    """Keep the extension, drop any directory part a client sent."""
    base = re.sub(r"[\\/]", "_", filename).strip(". ") or "notice"
    return base[-100:]

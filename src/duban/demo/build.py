"""Building a demo: directories and users, plans through the real importer,
then a year of reports, inspections and bulletins up to the demo's day.

Directories, plans, spot checks and bulletins go through the same services the
web pages use; the year's reports and users are written in bulk (a province
has a million of them), with the states, times and versions the services would
have left.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import random
import time
import zlib
from dataclasses import dataclass, field
from struct import pack

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from duban import clock
from duban.accounts.choices import Role
from duban.accounts.models import User
from duban.demo import names
from duban.demo.notices import Directory, notice
from duban.demo.scales import SCALES, Scale
from duban.directory.choices import UnitKind
from duban.directory.models import Government, Person, Unit
from duban.inspection import bulletins
from duban.inspection.draw import create_spot_check
from duban.inspection.findings import record_finding
from duban.inspection.models import Finding
from duban.ledger.importing import import_notice
from duban.ledger.models import Task
from duban.ledger.review import confirm
from duban.reporting.choices import ProgressStatus, ReportState, RuleKind
from duban.reporting.models import Attachment, Obligation, Report

log = logging.getLogger(__name__)

PASSWORD = "Duban-demo-2026"
_BATCH = 2000


@dataclass
class Summary:
    """What a demo build made, for the command's output and the benchmarks."""

    governments: int = 0
    units: int = 0
    users: int = 0
    plans: int = 0
    tasks: int = 0
    obligations: int = 0
    reports: int = 0
    attachments: int = 0
    findings: int = 0
    bulletins: int = 0
    import_seconds: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        per_import = sorted(self.import_seconds)
        median = per_import[len(per_import) // 2] if per_import else 0
        return [
            f"政府 {self.governments} 个，单位 {self.units} 个，用户 {self.users} 个",
            f"方案 {self.plans} 个，任务 {self.tasks} 项，报送任务 {self.obligations} 条",
            f"进展报告 {self.reports} 份（含附件 {self.attachments} 个）",
            f"督查记录 {self.findings} 条，通报 {self.bulletins} 期",
            f"每个通知导入并确认用时中位数 {median:.2f} 秒，共用时 {self.seconds:.0f} 秒",
        ]


def build(
    scale: str | Scale, seed: int = 1, year: int = 2026, as_of: dt.date | None = None
) -> Summary:
    """Build a named scale (or any `Scale`) into the configured database, as it
    stands on `as_of` (default 20 November of `year`)."""
    spec = SCALES[scale] if isinstance(scale, str) else scale
    as_of = as_of or dt.date(year, 11, 20)
    rng = random.Random(f"{spec}:{seed}")
    summary = Summary()
    started = time.perf_counter()
    password = make_password(PASSWORD)
    taken: set[str] = set()
    for index, (level, parent) in enumerate(_governments(spec)):
        gov_name = _government_name(rng, taken, level, parent)
        _build_government(index + 1, gov_name, level, spec, year, as_of, rng, password, summary)
        log.info("demo government %d: %s", index + 1, gov_name)
    if connection.vendor == "postgresql":
        # Bulk-loaded tables have no statistics yet: without them the planner
        # takes a province's tables for empty ones and picks nested scans.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    summary.seconds = time.perf_counter() - started
    return summary


def _governments(spec: Scale) -> list[tuple[str, int | None]]:
    """(level, index of the city it belongs to) for every government of the scale."""
    if not spec.cities:
        return [("县", None)] * spec.counties
    top = "省" if spec.cities > 1 else "市"
    result = [(top, None)] + [("市", 0)] * (spec.cities - 1)
    cities = max(1, spec.cities - 1)
    result += [("县" if k % 3 else "区", 1 + k % cities) for k in range(spec.counties)]
    return result


def _government_name(rng, taken, level, parent) -> str:
    return names.place(rng, taken) + level


def _build_government(number, gov_name, level, spec, year, as_of, rng, password, summary) -> None:
    with transaction.atomic():
        gov = Government.objects.create(name=gov_name, short_name=gov_name[:-1])
        directory = _directory(gov, level, rng)
        units = list(Unit.objects.filter(government=gov).order_by("pk"))
        leaders = list(Person.objects.filter(government=gov).order_by("pk"))
        summary.users += _users(f"g{number}", gov, units, leaders, spec, password)
    summary.governments += 1
    text = notice(directory, year, spec.tasks, rng, spec.support)
    start = time.perf_counter()
    with clock.frozen_at(dt.date(year, 2, 28)):
        draft = import_notice(text.encode(), f"{gov_name}{year}年任务分工方案.txt", gov)
        plan = confirm(draft, create_missing=True)
    summary.import_seconds.append(time.perf_counter() - start)
    summary.plans += 1
    summary.tasks += plan.tasks.count()
    summary.units += Unit.objects.filter(government=gov).count()
    with clock.frozen_at(as_of), transaction.atomic():
        reports, attachments = _year_of_reports(plan, as_of, spec, rng)
        summary.reports += reports
        summary.attachments += attachments
        summary.obligations += Obligation.objects.filter(task__plan=plan).count()
        _progress(plan, rng)
        office = User.objects.filter(government=gov, role=Role.OFFICE_ADMIN).first()
        summary.findings += _inspection(office, plan, as_of, rng)
        summary.bulletins += _bulletins(office, plan, as_of)


def _directory(gov: Government, level: str, rng) -> Directory:
    """Units with short names, townships or subdistricts, and the government's leaders."""
    places: set[str] = set()
    for name, short in names.DEPARTMENTS:
        Unit.objects.create(
            government=gov, name=f"{gov.name}{name}", short_name=short and level + short
        )
    local = []
    for _ in range(12):
        place = names.place(rng, places)
        if level == "县":
            unit_name, kind = f"{place}{rng.choice('镇乡')}人民政府", UnitKind.TOWNSHIP
        elif level == "区":
            unit_name, kind = f"{place}街道办事处", UnitKind.SUBDISTRICT
        else:
            unit_name, kind = f"{place}经济开发区管委会", UnitKind.PARK
        Unit.objects.create(government=gov, name=unit_name, kind=kind)
        local.append(unit_name)
    people: set[str] = set()
    leaders = []
    for post in (p.replace("县", level) for p in names.LEADER_POSTS):
        person = Person.objects.create(government=gov, name=names.person(rng, people), post=post)
        leaders.append(person.name)
    return Directory(
        government=gov.name,
        level=level,
        leaders=leaders,
        departments=list(names.DEPARTMENTS),
        townships=local if level == "县" else [],
    )


def _users(prefix: str, gov, units, leaders, spec: Scale, password: str) -> int:
    """Office administrators and inspectors, one account per leader, and each unit's
    staff (the first a unit head), all with the demo password. Names follow the
    government's and the unit's place in the build (g3-u07-2), so a seed always
    gives the same accounts."""
    users = [
        User(username=f"{prefix}-office{k}", role=Role.OFFICE_ADMIN, government=gov) for k in (1, 2)
    ]
    users += [
        User(username=f"{prefix}-inspector{k}", role=Role.INSPECTOR, government=gov) for k in (1, 2)
    ]
    users += [
        User(username=f"{prefix}-leader{k}", role=Role.LEADER, government=gov, person=p)
        for k, p in enumerate(leaders, 1)
    ]
    for u, unit in enumerate(units, 1):
        for k in range(spec.unit_users):
            role = Role.UNIT_HEAD if k == 0 else Role.UNIT_USER
            username = f"{prefix}-u{u:02d}-{k}"
            users.append(User(username=username, role=role, government=gov, unit=unit))
    for user in users:
        user.password = password
    User.objects.bulk_create(users, batch_size=_BATCH)
    return len(users)


def _year_of_reports(plan, as_of: dt.date, spec: Scale, rng) -> tuple[int, int]:
    """Reports for every obligation due by `as_of`: most on time, some late, a few
    missing; lead units' reports approved and accepted, some returned once first."""
    staff: dict[int, list[int]] = {}
    for user_id, unit_id, role in User.objects.filter(unit__government=plan.government).values_list(
        "pk", "unit_id", "role"
    ):
        staff.setdefault(unit_id, [0, 0])[0 if role == Role.UNIT_HEAD else 1] = user_id
    office = (
        User.objects.filter(government=plan.government, role=Role.OFFICE_ADMIN)
        .values_list("pk", flat=True)
        .first()
    )
    due = Obligation.objects.filter(task__plan=plan, due__lte=as_of).order_by("pk")
    rows = due.values_list("pk", "unit_id", "due", "period_label", "rule__kind", "task__content")
    reports: list[Report] = []
    for pk, unit_id, day, label, kind, content in rows.iterator(chunk_size=_BATCH):
        luck = rng.random()
        if luck < 0.04:
            continue
        late = luck < 0.12
        submitted = _at(day + dt.timedelta(days=rng.randint(1, 10) if late else -rng.randint(0, 6)))
        head, clerk = staff.get(unit_id, [None, None])
        percent = min(100, day.month * 8 + rng.randint(-10, 10))
        status = ProgressStatus.BEHIND if rng.random() < 0.1 else ProgressStatus.ON_TRACK
        base = dict(
            obligation_id=pk,
            status=status,
            progress=f"{label}，{content[:24]}，已完成年度任务的{percent}%。",
            problems="要素保障仍有不足。" if status == ProgressStatus.BEHIND else "",
            next_steps="按月调度，倒排工期，确保按期完成。",
            percent=percent,
            author_id=clerk,
            submitted_by_id=clerk,
            submitted_at=submitted,
        )
        if kind == RuleKind.SUPPORT_MONTHLY:
            reports.append(Report(version=1, state=ReportState.SUBMITTED, **base))
            continue
        signed = dict(approved_by_id=head, approved_at=submitted + dt.timedelta(hours=2))
        if rng.random() < 0.08:
            reports.append(
                Report(
                    version=1,
                    state=ReportState.RETURNED,
                    reviewed_by_id=office,
                    reviewed_at=submitted + dt.timedelta(days=1),
                    review_comment="请补充具体数据和佐证材料。",
                    **signed,
                    **base,
                )
            )
            base["submitted_at"] = submitted + dt.timedelta(days=2)
            signed = dict(approved_by_id=head, approved_at=base["submitted_at"])
            version = 2
        else:
            version = 1
        reports.append(
            Report(
                version=version,
                state=ReportState.ACCEPTED,
                reviewed_by_id=office,
                reviewed_at=base["submitted_at"] + dt.timedelta(days=1),
                **signed,
                **base,
            )
        )
    Report.objects.bulk_create(reports, batch_size=_BATCH)
    return len(reports), _attachments(reports, spec, rng)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _attachments(reports: list[Report], spec: Scale, rng) -> int:
    """A small photo (a real PNG) on one report in `spec.attachment_every`."""
    chosen = [r for r in reports if rng.randrange(spec.attachment_every) == 0]
    rows = []
    for report in chosen:
        content = _png(rng.randrange(1 << 24))
        path = default_storage.save(f"evidence/demo/{report.pk}.png", ContentFile(content))
        rows.append(
            Attachment(
                report_id=report.pk,
                name="现场照片.png",
                kind="png",
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_by_id=report.submitted_by_id,
                file=path,
            )
        )
    Attachment.objects.bulk_create(rows, batch_size=_BATCH)
    return len(rows)


def _png(colour: int) -> bytes:
    """A 4×4 PNG of one colour: a valid image that costs nothing to store."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))

    pixel = colour.to_bytes(3, "big")
    raw = b"".join(b"\x00" + pixel * 4 for _ in range(4))
    header = pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _progress(plan, rng) -> None:
    """Each task's latest progress, as accepting its reports would have left it."""
    tasks = list(plan.tasks.all())
    for task in tasks:
        task.progress_status = rng.choices(
            [ProgressStatus.ON_TRACK, ProgressStatus.BEHIND, ProgressStatus.DONE, ""],
            weights=[60, 12, 15, 13],
        )[0]
        task.percent = 100 if task.progress_status == ProgressStatus.DONE else rng.randint(0, 95)
    Task.objects.bulk_update(tasks, ["progress_status", "percent"], batch_size=_BATCH)


def _inspection(office, plan, as_of: dt.date, rng) -> int:
    """A random spot check of five tasks, each with a finding; a few inconsistent."""
    check = create_spot_check(
        office, plan, "", "random", "none", 5, seed=str(rng.randrange(1 << 32))
    )
    verdicts = [v for v, _ in Finding.Verdict.choices]
    for task in Task.objects.filter(pk__in=check.drawn).order_by("pk"):
        verdict = rng.choice(verdicts)
        report = Report.objects.filter(obligation__task=task).order_by("-submitted_at").first()
        if verdict == Finding.Verdict.INCONSISTENT and report is None:
            verdict = Finding.Verdict.ISSUE
        text = "现场查看项目进度，核对台账资料。"
        record_finding(office, task, verdict, text, as_of, check, report=report)
    return len(check.drawn)


def _bulletins(office, plan, as_of: dt.date) -> int:
    """The third quarter's bulletin, issued."""
    bulletin = bulletins.create_draft(office, plan, f"{as_of.year}-Q3")
    bulletins.issue(office, bulletin, bulletins.next_number(plan))
    return 1

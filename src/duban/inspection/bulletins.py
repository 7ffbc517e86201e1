"""通报: composed from the reporting data of a period, edited, then issued.

A bulletin names units: who reported on time, late or not at all, which tasks
are behind, which reports the office returned and what inspections found, and
the red and black lists (红黑榜). `compose` gathers those figures (kept in the
bulletin's `data`, so an issued bulletin shows what it was based on),
`draft_text` writes them in the usual 通报 style, the office edits the text,
and `issue` numbers (文号) and freezes it: an issued bulletin is archived and
never changes again.

On time means delivered by the due date: a support unit's monthly report when
submitted, a report to the office when its unit head signed (approved) it.
Not at all means undelivered and past due as of today (duban.clock).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from duban import clock
from duban.audit.models import record
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.choices import Role, TaskState
from duban.ledger.models import Assignment, Plan
from duban.reporting.choices import ReportState, RuleKind, Standing
from duban.reporting.models import Obligation, Report
from duban.reporting.standing import task_standing
from duban.reporting.workdays import Workdays

from . import access
from .models import AssessmentScheme, Bulletin, Finding

QUARTERS = "一二三四"
CN_DIGITS = "〇一二三四五六七八九"


# --- periods ------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    code: str
    start: dt.date
    end: dt.date
    label: str


def parse_period(text: str) -> Period:
    """ "2022-Q1" (a quarter), "2022-03" (a month) or "2022" (a year)."""
    code = (text or "").strip().upper()
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", code):
        year, q = int(m[1]), int(m[2])
        last = q * 3
        end = dt.date(year, last, calendar.monthrange(year, last)[1])
        return Period(code, dt.date(year, last - 2, 1), end, f"{year}年第{QUARTERS[q - 1]}季度")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", code):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            end = dt.date(year, month, calendar.monthrange(year, month)[1])
            return Period(f"{year}-{month:02d}", dt.date(year, month, 1), end, f"{year}年{month}月")
    if re.fullmatch(r"\d{4}", code) and int(code) >= 1900:
        year = int(code)
        return Period(code, dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年")
    raise UserError(
        f"通报期“{text}”无法识别，请写作 2022-Q1（季度）、2022-03（月份）或 2022（年度）。",
        f"bad period {text!r}",
    )


def chinese_date(day: dt.date) -> str:
    """成文日期 in Chinese numerals as GB/T 9704 writes it: 二〇二二年四月八日."""
    year = "".join(CN_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{_cn_number(day.month)}月{_cn_number(day.day)}日"


def _cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


# --- the figures --------------------------------------------------------------


@dataclass
class UnitLine:
    unit_id: int
    unit: str
    due: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0  # not yet due or not yet delivered but not late
    returned: int = 0
    issues: int = 0
    inconsistent: int = 0
    led_tasks: int = 0
    done_tasks: int = 0

    @property
    def on_time_rate(self) -> float:
        counted = self.on_time + self.late + self.missing
        return self.on_time / counted if counted else 1.0

    @property
    def completion_rate(self) -> float:
        return self.done_tasks / self.led_tasks if self.led_tasks else 0.0


@dataclass
class BulletinData:
    plan_id: int
    period: str
    label: str
    start: str
    end: str
    today: str
    units: list[dict] = field(default_factory=list)
    behind: list[dict] = field(default_factory=list)  # tasks behind schedule
    returned: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    red: list[str] = field(default_factory=list)
    black: list[dict] = field(default_factory=list)  # {unit, reasons}

    def totals(self) -> dict:
        keys = ("due", "on_time", "late", "missing", "pending")
        return {k: sum(u[k] for u in self.units) for k in keys}


class UnitRef(NamedTuple):
    pk: int
    name: str


class TaskRef(NamedTuple):
    seq: str
    content: str


class Owed(NamedTuple):
    """One obligation as bulletins and scores count it: plain values, not models,
    since a province's plan has tens of thousands of them."""

    pk: int
    unit: UnitRef
    task: TaskRef
    period_label: str
    kind: str
    due: dt.date
    outcome: str  # on_time / late / missing / pending

    @property
    def unit_id(self) -> int:
        return self.unit.pk

    def kind_label(self) -> str:
        return RuleKind(self.kind).label


def owed(plan: Plan, start: dt.date, end: dt.date, today: dt.date) -> list[Owed]:
    """The plan's obligations of active rules due in [start, end] with their
    outcomes, in one query. Delivered means the report reached its recipient: a
    support unit's once submitted, a lead unit's once signed; the first time it
    was is computed by the database."""
    rows = (
        Obligation.objects.filter(
            task__plan=plan, rule__active=True, due__gte=start, due__lte=end
        )
        .annotate(
            submitted=Min(TruncDate("reports__submitted_at")),
            signed=Min(TruncDate("reports__approved_at")),
        )
        .order_by("due", "pk")
        .values_list(
            "pk", "unit_id", "unit__name", "task__seq", "task__content", "period_label",
            "rule__kind", "due", "submitted", "signed",
        )
    )  # fmt: skip
    return [
        Owed(pk, UnitRef(unit, name), TaskRef(seq, content), label, kind, due,
             _outcome(submitted if kind == RuleKind.SUPPORT_MONTHLY else signed, due, today))
        for pk, unit, name, seq, content, label, kind, due, submitted, signed in rows
    ]  # fmt: skip


def _outcome(delivered: dt.date | None, due: dt.date, today: dt.date) -> str:
    """`delivered` is the local date (TruncDate uses the current time zone)."""
    if delivered is not None:
        return "on_time" if delivered <= due else "late"
    return "missing" if today > due else "pending"


def scheme_for(government) -> AssessmentScheme:
    scheme, _ = AssessmentScheme.objects.get_or_create(government=government)
    return scheme


def compose(plan: Plan, period: str) -> BulletinData:
    p = parse_period(period)
    today = clock.today()
    lines: dict[int, UnitLine] = {}

    def line(unit) -> UnitLine:
        if unit.pk not in lines:
            lines[unit.pk] = UnitLine(unit.pk, unit.name)
        return lines[unit.pk]

    for o in owed(plan, p.start, p.end, today):
        u = line(o.unit)
        u.due += 1
        setattr(u, o.outcome, getattr(u, o.outcome) + 1)

    workdays = Workdays()
    behind = []
    tasks = list(
        plan.tasks.exclude(state=TaskState.ABOLISHED).prefetch_related("assignments__unit")
    )
    for task in tasks:
        leads = [a.unit for a in task.assignments.all() if a.role == Role.LEAD and a.unit]
        standing = task_standing(task, today, workdays)
        for unit in leads:
            u = line(unit)
            u.led_tasks += 1
            if standing in (Standing.CLOSED, Standing.AHEAD) or task.progress_status == "done":
                u.done_tasks += 1
        if standing in (Standing.BEHIND, Standing.OVERDUE):
            behind.append(
                {
                    "task_id": task.pk,
                    "seq": task.seq or "",
                    "content": task.content,
                    "units": [u.name for u in leads],
                    "standing": Standing(standing).label,
                }
            )

    returned = []
    for r in _returned_reports(plan, p):
        line(r.obligation.unit).returned += 1
        returned.append(
            {
                "report_id": r.pk,
                "unit": r.obligation.unit.name,
                "task_seq": r.obligation.task.seq or "",
                "period": r.obligation.period_label,
                "comment": r.review_comment,
            }
        )

    findings = []
    for f in _findings(plan, p):
        units = finding_units(f)
        for unit in units:
            u = line(unit)
            if f.verdict == Finding.Verdict.ISSUE:
                u.issues += 1
            elif f.verdict == Finding.Verdict.INCONSISTENT:
                u.inconsistent += 1
        findings.append(
            {
                "finding_id": f.pk,
                "verdict": f.verdict,
                "verdict_label": f.get_verdict_display(),
                "units": [u.name for u in units],
                "task_seq": f.task.seq or "",
                "text": f.text,
                "found_on": f.found_on.isoformat(),
            }
        )

    ordered = sorted(lines.values(), key=lambda u: u.unit)
    red, black = red_black(ordered, scheme_for(plan.government))
    return BulletinData(
        plan_id=plan.pk,
        period=p.code,
        label=p.label,
        start=p.start.isoformat(),
        end=p.end.isoformat(),
        today=today.isoformat(),
        units=[{**asdict(u), "on_time_rate": round(u.on_time_rate, 4)} for u in ordered],
        behind=behind,
        returned=returned,
        findings=findings,
        red=red,
        black=black,
    )


def _returned_reports(plan: Plan, p: Period):
    return (
        Report.objects.filter(
            obligation__task__plan=plan,
            state=ReportState.RETURNED,
            reviewed_at__date__gte=p.start,
            reviewed_at__date__lte=p.end,
        )
        .select_related("obligation__unit", "obligation__task")
        .order_by("reviewed_at", "pk")
    )


def _findings(plan: Plan, p: Period):
    return (
        Finding.objects.filter(task__plan=plan, found_on__gte=p.start, found_on__lte=p.end)
        .select_related("task", "report__obligation__unit")
        .order_by("found_on", "pk")
    )


def finding_units(finding: Finding) -> list:
    """Whom a finding concerns: the unit of the report it judges, else the task's lead units."""
    if finding.report_id:
        return [finding.report.obligation.unit]
    leads = Assignment.objects.filter(task=finding.task_id, role=Role.LEAD, unit__isnull=False)
    return sorted((a.unit for a in leads.select_related("unit")), key=lambda u: u.name)


def red_black(lines: list[UnitLine], scheme: AssessmentScheme) -> tuple[list[str], list[dict]]:
    """黑榜: units with reports not delivered or reports found untrue, most first.
    红榜: of the others that owed reports, the best on-time rate, then completion."""
    black_units = [u for u in lines if u.missing or u.inconsistent]
    black_units.sort(key=lambda u: (-(u.missing + u.inconsistent), u.unit))
    black = []
    for u in black_units[: scheme.black_list_size]:
        reasons = []
        if u.missing:
            reasons.append(f"{u.missing}项报送逾期未报")
        if u.inconsistent:
            reasons.append(f"{u.inconsistent}次报送进展与实际严重不符")
        black.append({"unit": u.unit, "reasons": reasons})
    listed = {u.unit_id for u in black_units}
    candidates = [u for u in lines if u.unit_id not in listed and (u.due - u.pending) > 0]
    candidates.sort(key=lambda u: (-u.on_time_rate, -u.completion_rate, u.unit))
    return [u.unit for u in candidates[: scheme.red_list_size]], black


# --- the text -----------------------------------------------------------------


def draft_text(data: BulletinData, plan: Plan | None = None) -> tuple[str, str]:
    plan = plan or Plan.objects.get(pk=data.plan_id)
    year = plan.year or data.period[:4]
    title = f"关于{data.label}{year}年政府工作报告重点任务推进情况的通报"
    if data.label.startswith(str(year)):
        title = f"关于{data.label}政府工作报告重点任务推进情况的通报"
    t = data.totals()
    counted = t["on_time"] + t["late"] + t["missing"]
    rate = f"{t['on_time'] / counted:.1%}" if counted else "—"
    on_time = [u["unit"] for u in data.units if u["on_time"] and not (u["late"] or u["missing"])]
    late = [f"{u['unit']}（{u['late']}项）" for u in data.units if u["late"]]
    missing = [f"{u['unit']}（{u['missing']}项）" for u in data.units if u["missing"]]
    parts = [
        "各乡镇人民政府，区政府各部门：" if "区" in plan.government.name else "各有关单位：",
        f"根据《{plan.title or '政府工作报告任务分工方案'}》有关要求，督查室对{data.label}"
        "政府工作报告重点任务推进和进展报送情况进行了督查，现将有关情况通报如下。",
        "一、总体情况",
        f"{data.label}，各单位应报送进展报告{t['due']}项，按时报送{t['on_time']}项，"
        f"逾期报送{t['late']}项，逾期未报{t['missing']}项，按时报送率{rate}。"
        f"方案共有工作滞后任务{len(data.behind)}项，报告被退回{len(data.returned)}份，"
        f"督查发现问题{sum(1 for f in data.findings if f['verdict'] != 'confirmed')}条。",
        "二、按时报送情况",
        "（一）按时报送的单位：" + ("、".join(on_time) or "无") + "。",
        "（二）逾期报送的单位：" + ("、".join(late) or "无") + "。",
        "（三）逾期未报的单位：" + ("、".join(missing) or "无") + "。",
    ]
    if data.returned:
        parts.append(
            "（四）报告被退回的单位："
            + "、".join(f"{r['unit']}（{r['period']}）" for r in data.returned)
            + "。"
        )
    parts.append("三、工作滞后任务")
    if data.behind:
        for k, b in enumerate(data.behind, 1):
            parts.append(
                f"{k}. {b['content']}（牵头单位：{'、'.join(b['units']) or '未定'}；"
                f"状态：{b['standing']}）"
            )
    else:
        parts.append("本期没有工作滞后的任务。")
    parts.append("四、督查发现问题")
    problems = [f for f in data.findings if f["verdict"] != "confirmed"]
    if problems:
        for k, f in enumerate(problems, 1):
            parts.append(
                f"{k}. {'、'.join(f['units']) or '有关单位'}：{f['text']}（{f['verdict_label']}）"
            )
    else:
        parts.append("本期督查未发现问题。")
    parts.append("五、红黑榜")
    parts.append("红榜单位：" + ("、".join(data.red) or "无") + "。")
    parts.append(
        "黑榜单位："
        + ("；".join(f"{b['unit']}（{'、'.join(b['reasons'])}）" for b in data.black) or "无")
        + "。"
    )
    parts += [
        "六、下一步要求",
        "（一）压实工作责任。各单位要对照任务分工，倒排工期、挂图作战，确保各项任务按时保质完成。",
        "（二）严格报送纪律。各单位要按规定时限如实报送进展情况，对逾期未报、报送不实的，"
        "将在下期通报中继续点名。",
        "（三）抓好问题整改。被通报的单位要认真分析原因，于10个工作日内将整改情况报督查室。",
    ]
    return title, "\n".join(parts)


# --- drafts and issuing -------------------------------------------------------


def can_manage(user, government_id: int) -> bool:
    """Office administrators and inspectors of the government compose and issue bulletins."""
    return access.can_manage(user, government_id)


def _require_manage(user, plan: Plan) -> None:
    if not can_manage(user, plan.government_id):
        raise Forbidden("只有政府办（督查室）可以编发通报。", "not office of the plan")


@transaction.atomic
def create_draft(user, plan: Plan, period: str) -> Bulletin:
    _require_manage(user, plan)
    data = compose(plan, period)
    title, body = draft_text(data, plan)
    return Bulletin.objects.create(
        plan=plan, period=data.period, title=title, body=body, data=asdict(data), created_by=user
    )


MAX_BODY = 50000


def save_text(user, bulletin: Bulletin, title: str, body: str) -> Bulletin:
    _require_manage(user, bulletin.plan)
    _require_draft(bulletin)
    title, body = (title or "").strip(), (body or "").replace("\x00", "").strip()
    if not title or not body:
        raise UserError("通报标题和正文都不能为空。", "empty title or body")
    if len(title) > 300 or len(body) > MAX_BODY:
        raise UserError(f"标题不能超过300字，正文不能超过{MAX_BODY}字。", "too long")
    bulletin.title, bulletin.body = title, body
    bulletin.save()
    return bulletin


def _require_draft(bulletin: Bulletin) -> None:
    if bulletin.state != Bulletin.State.DRAFT:
        raise Conflict("该通报已印发，不能再修改。", f"bulletin {bulletin.pk} issued")


def prefix(plan: Plan) -> str:
    """The office's number prefix: settings.DUBAN_BULLETIN_PREFIX, else taken from
    the plan's own number (平政办〔2022〕1号 → 平政督), else 督查."""
    configured = getattr(settings, "DUBAN_BULLETIN_PREFIX", "")
    if configured:
        return configured
    m = re.match(r"(\S+?)[〔\[（(]", plan.doc_number or "")
    if m and len(m[1]) >= 2:
        return m[1][:-1] + "督"
    return "督查"


def next_number(plan: Plan) -> str:
    """The next 文号 of the plan's year: one more than the highest issued so far."""
    year = plan.year or clock.today().year
    head = f"{prefix(plan)}〔{year}〕"
    used = Bulletin.objects.filter(
        plan__government_id=plan.government_id, number__startswith=head
    ).values_list("number", flat=True)
    seqs = [int(m[1]) for n in used if (m := re.fullmatch(re.escape(head) + r"(\d+)号", n))]
    return f"{head}{max(seqs, default=0) + 1}号"


@transaction.atomic
def issue(user, bulletin: Bulletin, number: str) -> Bulletin:
    bulletin = (
        Bulletin.objects.select_for_update(of=("self",)).select_related("plan").get(pk=bulletin.pk)
    )
    _require_manage(user, bulletin.plan)
    _require_draft(bulletin)
    number = (number or "").strip()
    if not number:
        raise UserError("请填写文号，如 平政督〔2022〕3号。", "empty number")
    if len(number) > 100:
        raise UserError("文号不能超过100字。", "number too long")
    taken = Bulletin.objects.filter(
        plan__government_id=bulletin.plan.government_id, number=number
    ).exclude(pk=bulletin.pk)
    if taken.exists():
        raise Conflict(f"文号“{number}”已被使用，请换一个。", "number taken")
    bulletin.number = number
    bulletin.state = Bulletin.State.ISSUED
    bulletin.issued_by = user
    bulletin.issued_at = clock.now()
    bulletin.save()
    record("issue", bulletin, after={"number": number})
    return bulletin


def issued_on(bulletin: Bulletin) -> dt.date:
    if bulletin.issued_at:
        return timezone.localtime(bulletin.issued_at).date()
    return clock.today()


def visible_bulletins(user):
    """Office of the government: drafts and archive; anyone else of the government:
    issued bulletins of its active plans."""
    qs = Bulletin.objects.select_related("plan__government")
    plans = Plan.objects.restrict(user)
    qs = qs.filter(plan__in=plans)
    if not getattr(user, "is_office", False):
        qs = qs.filter(state=Bulletin.State.ISSUED)
    return qs

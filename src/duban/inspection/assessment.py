"""年终考核: a score per unit from the government's AssessmentScheme, with the
lines behind every point (得分反查).

For the plan's year, as of the year's end or today when earlier:

- 按时报送 = on_time_weight × (reports delivered by their due date ÷ reports
  owed and due so far); a unit that owed none gets the full weight.
- 牵头任务完成 = completion_weight × the mean value of the tasks the unit leads
  directly, each task weighing the same: 1 when closed (已办结) or reported done
  (已完成), 0.5 when under way and on schedule, 0 when behind or overdue.
  A unit that leads no task gets the full weight.
- 督查情况 = max(finding_weight − issue_penalty × findings of problems, 0).
- 扣分: − inconsistent_penalty per finding "报送进展与实际严重不符",
  − return_penalty per report the office returned in the year.

The total may go below zero on purpose: untrue reports are the worst offence.
Units are every unit that owed reports or led a task; the ranking sorts by score,
ties by name (in Python, as databases collate Chinese differently).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from duban import clock
from duban.ledger.choices import Role, TaskState
from duban.ledger.models import Plan
from duban.reporting.choices import ProgressStatus, Standing
from duban.reporting.standing import task_standing
from duban.reporting.workdays import Workdays

from .bulletins import (
    Period,
    _findings,
    _returned_reports,
    finding_units,
    parse_period,
    scheme_for,
)
from .bulletins import (
    owed as owed_outcomes,
)
from .models import Finding

OUTCOME_LABEL = {"on_time": "按时报送", "late": "逾期报送", "missing": "逾期未报"}


@dataclass
class Line:
    """One fact behind a score: what it is (kind + id, for a link) and its effect."""

    component: str  # on_time, completion, finding, inconsistent, returned
    kind: str  # obligation, task, finding, report
    ref_id: int
    text: str
    effect: str
    points: float | None = None


@dataclass
class UnitScore:
    unit_id: int
    unit: str
    on_time: float = 0.0
    completion: float = 0.0
    finding: float = 0.0
    penalty: float = 0.0
    total: float = 0.0
    rank: int = 0
    on_time_rate: float = 1.0
    completion_rate: float = 1.0
    lines: list[Line] = field(default_factory=list)


def task_value(task, today: dt.date, workdays: Workdays) -> tuple[float, str]:
    if task.state == TaskState.CLOSED or task.progress_status == ProgressStatus.DONE:
        return 1.0, "已办结或已完成，计1"
    standing = task_standing(task, today, workdays)
    if standing in (Standing.BEHIND, Standing.OVERDUE):
        return 0.0, f"{Standing(standing).label}，计0"
    return 0.5, "正常推进，计0.5"


def scores(plan: Plan, year: int | None = None) -> list[UnitScore]:
    year = year or plan.year or clock.today().year
    period = parse_period(str(year))
    today = min(clock.today(), period.end)
    scheme = scheme_for(plan.government)
    units: dict[int, UnitScore] = {}
    owed: dict[int, list[int]] = {}  # unit → [on time, counted]
    led: dict[int, list[float]] = {}

    def score(unit) -> UnitScore:
        if unit.pk not in units:
            units[unit.pk] = UnitScore(unit.pk, unit.name)
            owed[unit.pk] = [0, 0]
            led[unit.pk] = []
        return units[unit.pk]

    for o in owed_outcomes(plan, period.start, period.end, today):
        s = score(o.unit)
        outcome = o.outcome
        if outcome == "pending":
            continue
        owed[o.unit_id][1] += 1
        owed[o.unit_id][0] += outcome == "on_time"
        text = f"{_seq(o.task)}{o.period_label}{o.kind_label()}（截止{o.due:%Y-%m-%d}）"
        s.lines.append(Line("on_time", "obligation", o.pk, text, OUTCOME_LABEL[outcome]))

    workdays = Workdays()
    tasks = plan.tasks.exclude(state=TaskState.ABOLISHED).prefetch_related("assignments__unit")
    for task in tasks.order_by("position"):
        for a in task.assignments.all():
            if a.role != Role.LEAD or a.unit is None:
                continue
            s = score(a.unit)
            value, effect = task_value(task, today, workdays)
            led[a.unit_id].append(value)
            s.lines.append(Line("completion", "task", task.pk, _task_text(task), effect, value))

    issues: dict[int, int] = {}
    for f in _findings(plan, period):
        if f.verdict == Finding.Verdict.CONFIRMED:
            continue
        for unit in finding_units(f):
            s = score(unit)
            if f.verdict == Finding.Verdict.ISSUE:
                issues[unit.pk] = issues.get(unit.pk, 0) + 1
                s.lines.append(
                    Line(
                        "finding",
                        "finding",
                        f.pk,
                        _finding_text(f),
                        "发现问题",
                        -scheme.issue_penalty,
                    )
                )
            else:
                s.penalty += scheme.inconsistent_penalty
                s.lines.append(
                    Line(
                        "inconsistent",
                        "finding",
                        f.pk,
                        _finding_text(f),
                        "报送进展与实际严重不符",
                        -scheme.inconsistent_penalty,
                    )
                )
    for r in _returned_reports(plan, period):
        s = score(r.obligation.unit)
        s.penalty += scheme.return_penalty
        text = f"{_seq(r.obligation.task)}{r.obligation.period_label}报告（第{r.version}版）"
        s.lines.append(Line("returned", "report", r.pk, text, "被退回", -scheme.return_penalty))

    for s in units.values():
        on_time, counted = owed[s.unit_id]
        s.on_time_rate = on_time / counted if counted else 1.0
        s.completion_rate = sum(led[s.unit_id]) / len(led[s.unit_id]) if led[s.unit_id] else 1.0
        s.on_time = round(scheme.on_time_weight * s.on_time_rate, 2)
        s.completion = round(scheme.completion_weight * s.completion_rate, 2)
        s.finding = round(
            max(scheme.finding_weight - scheme.issue_penalty * issues.get(s.unit_id, 0), 0), 2
        )
        s.penalty = round(s.penalty, 2)
        s.total = round(s.on_time + s.completion + s.finding - s.penalty, 2)
    ranked = sorted(units.values(), key=lambda s: (-s.total, s.unit))
    for k, s in enumerate(ranked, 1):
        s.rank = k
    return ranked


def red_black_for(plan: Plan, period: str):
    """The red and black lists of any period (a month, a quarter, a year)."""
    from .bulletins import compose

    data = compose(plan, period)
    return data.red, data.black


def _seq(task) -> str:
    return f"第{task.seq}项任务 " if task.seq else ""


def _task_text(task) -> str:
    content = task.content if len(task.content) <= 40 else task.content[:40] + "…"
    return f"{_seq(task)}{content}"


def _finding_text(f: Finding) -> str:
    return f"{f.found_on:%Y-%m-%d} {_seq(f.task)}{f.text[:60]}"


__all__ = ["Period", "UnitScore", "scores", "red_black_for"]

"""The numbers behind a plan's dashboard and a leader's cockpit, as plain data.

Why a fixed number of queries: a plan has a few hundred tasks and thousands of
obligations; the tasks come in two queries (with their names), the holiday
table in one, the on-time trend in one aggregate query, whatever the rows.
Lights are the ledger's own (reporting/standing.py), so the dashboard never
disagrees with the task pages. Chinese names are ordered here, in Python,
because SQLite and PostgreSQL collate them differently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from duban.ledger.choices import Role, TaskState
from duban.ledger.models import Assignment, Plan, Task
from duban.reporting.choices import ReportState, RuleKind, Standing
from duban.reporting.forms import metric_label, number
from duban.reporting.models import Obligation, Report
from duban.reporting.standing import task_standing
from duban.reporting.workdays import Workdays

# The five columns of every status chart, in the order of the lights.
BUCKETS = [
    ("done", "已办结/提前"),
    ("on_time", "正常"),
    ("due_soon", "临期"),
    ("behind", "滞后"),
    ("overdue", "逾期"),
]
BUCKET_OF = {
    Standing.CLOSED: "done",
    Standing.AHEAD: "done",
    Standing.ON_TIME: "on_time",
    Standing.DUE_SOON: "due_soon",
    Standing.BEHIND: "behind",
    Standing.OVERDUE: "overdue",
}
TOP_UNITS = 20
OTHERS = "其他"
UNNAMED_SECTION = "（无标题）"
UNASSIGNED = "（未明确）"


@dataclass
class Group:
    """Tasks of one section, unit or leader counted by light."""

    name: str
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def row(self) -> dict:
        total = self.total
        done = self.counts["done"]
        return {
            "name": self.name,
            "counts": [self.counts[key] for key, _ in BUCKETS],
            "total": total,
            "done_share": round(100 * done / total) if total else 0,
        }


def plan_figures(plan: Plan, tasks: QuerySet, today: dt.date, workdays: Workdays) -> dict:
    """Everything the dashboard shows for `tasks` (already restricted to the
    reader) of `plan`: overall counts, status by section / lead unit / leader,
    the on-time trend, the overdue and behind lists and targets against actuals."""
    tasks = tasks.filter(plan=plan).exclude(state=TaskState.ABOLISHED)
    rows = _tasks_with_lights(tasks, today, workdays)
    overall = Counter(task.bucket for task in rows)
    sections = _group(rows, lambda t: [t.section_title or UNNAMED_SECTION], keep_order=True)
    units = _top(_group(rows, lambda t: t.lead_names or [UNASSIGNED]), TOP_UNITS)
    leaders = _group(rows, lambda t: t.leader_names or [UNASSIGNED])
    targets = target_rows(rows)
    return {
        "total": len(rows),
        "overall": [{"key": key, "label": label, "count": overall[key]} for key, label in BUCKETS],
        "done_share": round(100 * overall["done"] / len(rows)) if rows else 0,
        "by_section": stacked(sections),
        "by_unit": stacked(units),
        "by_leader": stacked(leaders),
        "trend": on_time_trend(tasks, today),
        "overdue": [t for t in rows if t.standing == Standing.OVERDUE],
        "behind": [t for t in rows if t.standing == Standing.BEHIND],
        "targets": targets,
        "targets_chart": {
            "kind": "bar",
            "unit": "%",
            "categories": [r["short"] for r in targets if r["achieved"] is not None],
            "values": [r["achieved"] for r in targets if r["achieved"] is not None],
        },
    }


def _tasks_with_lights(tasks: QuerySet, today: dt.date, workdays: Workdays) -> list[Task]:
    names = Assignment.objects.select_related("unit", "person")
    rows = list(
        tasks.prefetch_related(Prefetch("assignments", queryset=names)).order_by("position")
    )
    for task in rows:
        assignments = list(task.assignments.all())
        task.lead_names = _unique(a.display_name for a in assignments if a.role == Role.LEAD)
        task.leader_names = _unique(a.display_name for a in assignments if a.role == Role.LEADER)
        task.standing = task_standing(task, today, workdays)
        task.bucket = BUCKET_OF[task.standing]
        task.standing_label = Standing(task.standing).label
    return rows


def _unique(names) -> list[str]:
    return list(dict.fromkeys(names))


def _group(rows: list[Task], keys, keep_order: bool = False) -> list[Group]:
    """Count each task once under each of its keys (a task led by two units
    counts for both). Sections keep the plan's order; names go by the number of
    tasks, then by name."""
    groups: dict[str, Group] = {}
    for task in rows:
        for key in keys(task):
            groups.setdefault(key, Group(key)).counts[task.bucket] += 1
    result = list(groups.values())
    if not keep_order:
        result.sort(key=lambda g: (-g.total, g.name))
    return result


def _top(groups: list[Group], size: int) -> list[Group]:
    if len(groups) <= size:
        return groups
    rest = Group(OTHERS)
    for group in groups[size:]:
        rest.counts.update(group.counts)
    return [*groups[:size], rest]


def stacked(groups: list[Group]) -> dict:
    """A stacked bar chart's data and the same numbers as table rows."""
    return {
        "kind": "stacked",
        "categories": [g.name for g in groups],
        "series": [
            {"key": key, "name": label, "data": [g.counts[key] for g in groups]}
            for key, label in BUCKETS
        ],
        "rows": [g.row() for g in groups],
    }


def on_time_trend(tasks: QuerySet, today: dt.date) -> dict:
    """Per month of due dates so far: how many obligations fell due and how many
    were fulfilled by their due date (standing.fulfilled, dated by the report's
    submission for a support unit's input and by the head's signature for a
    report to the office). One aggregate query."""
    monthly = Q(rule__kind=RuleKind.SUPPORT_MONTHLY)
    submitted = Report.objects.filter(
        obligation=OuterRef("pk"), submitted_at__date__lte=OuterRef("due")
    ).exclude(state=ReportState.DRAFT)
    signed = Report.objects.filter(
        obligation=OuterRef("pk"),
        state__in=(ReportState.APPROVED, ReportState.ACCEPTED),
        approved_at__date__lte=OuterRef("due"),
    )
    in_time = (monthly & Exists(submitted)) | (~monthly & Exists(signed))
    months = (
        Obligation.objects.filter(
            rule__active=True, task__in=tasks.order_by().values("pk"), due__lte=today
        )
        .annotate(month=TruncMonth("due"))
        .order_by()
        .values("month")
        .annotate(total=Count("pk"), in_time=Count("pk", filter=in_time))
        .order_by("month")
    )
    rows = [
        {
            "month": f"{m['month'].year}年{m['month'].month}月",
            "total": m["total"],
            "in_time": m["in_time"],
            "share": round(100 * m["in_time"] / m["total"]) if m["total"] else 0,
        }
        for m in months
    ]
    return {
        "kind": "line",
        "unit": "%",
        "categories": [r["month"] for r in rows],
        "values": [r["share"] for r in rows],
        "rows": rows,
    }


def target_rows(rows: list[Task]) -> list[dict]:
    """Every numeric target beside its latest accepted actual; for a level
    target ("at least 3 kindergartens") the share achieved."""
    result = []
    for task in rows:
        actuals = list(task.actuals or [])
        for i, target in enumerate(task.targets or []):
            value = target.get("value")
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            actual = actuals[i] if i < len(actuals) else None
            achieved = None
            if target.get("kind") == "level" and value and actual is not None:
                achieved = round(100 * actual / value)
            metric = metric_label(target)
            head = task.seq or str(task.position)
            result.append(
                {
                    "task": task,
                    "metric": metric,
                    "short": f"{head}. {metric[:16]}",
                    "target": f"{number(value)} {target.get('unit') or ''}".strip(),
                    "actual": ""
                    if actual is None
                    else f"{number(actual)} {target.get('unit') or ''}".strip(),
                    "achieved": achieved,
                }
            )
    return result


def chart_data(figures: dict) -> dict:
    """Only what the browser draws (no model objects), for json_script."""
    charts = {name: figures[name] for name in ("by_section", "by_unit", "by_leader", "trend")}
    charts["targets"] = figures["targets_chart"]
    return {
        name: {key: value for key, value in chart.items() if key != "rows"}
        for name, chart in charts.items()
    }

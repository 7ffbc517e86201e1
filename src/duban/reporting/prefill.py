"""Report once (基层减负): a new report starts from what was already reported.

- any report starts from the unit's previous report on the same task under
  the same rule (last month's, last quarter's);
- a lead unit's report to the office also brings in what its support units
  delivered for the period, part by part, as "【三合镇】1月：…；2月：…", so the
  lead unit edits a consolidation instead of retyping its inputs.
`based_on` records the report it started from (the unit's own previous one,
else the latest input).
"""

from __future__ import annotations

from django.db.models import Prefetch

from duban.reporting.choices import ReportState, RuleKind
from duban.reporting.models import Obligation, Report

PARTS = ("progress", "problems", "next_steps")


def prefill(report: Report) -> None:
    obligation = report.obligation
    previous = previous_report(obligation)
    if previous is not None:
        for field in Report.CONTENT_FIELDS:
            setattr(report, field, getattr(previous, field))
        report.actuals = list(previous.actuals or [])
        report.based_on = previous
    if not obligation.rule.to_office:
        return
    delivered = [(o, r) for o, r in inputs_for(obligation) if r is not None]
    if not delivered:
        return
    for part in PARTS:
        lines = consolidate(delivered, part)
        if lines:
            own = (getattr(report, part) or "").strip()
            setattr(report, part, "\n".join([own, *lines] if own else lines))
    if report.based_on is None:
        report.based_on = max(
            (r for _, r in delivered), key=lambda r: r.submitted_at or r.created_at
        )


def previous_report(obligation: Obligation) -> Report | None:
    """The latest version of the unit's most recent earlier report under the same rule."""
    return (
        Report.objects.filter(
            obligation__rule_id=obligation.rule_id,
            obligation__task_id=obligation.task_id,
            obligation__unit_id=obligation.unit_id,
            obligation__period_end__lt=obligation.period_end,
        )
        .order_by("-obligation__period_end", "-version")
        .first()
    )


def inputs_for(obligation: Obligation) -> list[tuple[Obligation, Report | None]]:
    """The support units' monthly obligations inside a lead obligation's period,
    each with its latest delivered (non-draft) report, by unit then month."""
    if obligation.rule.kind == RuleKind.SUPPORT_MONTHLY:
        return []
    delivered = Report.objects.exclude(state=ReportState.DRAFT).order_by("version")
    months = (
        Obligation.objects.filter(
            rule__plan_id=obligation.rule.plan_id,
            rule__kind=RuleKind.SUPPORT_MONTHLY,
            task_id=obligation.task_id,
            period_start__gte=obligation.period_start,
            period_end__lte=obligation.period_end,
        )
        .select_related("unit", "rule")
        .prefetch_related(Prefetch("reports", queryset=delivered, to_attr="delivered"))
        .order_by("unit__name", "period_start", "pk")
    )
    return [(o, o.delivered[-1] if o.delivered else None) for o in months]


def consolidate(delivered: list[tuple[Obligation, Report]], part: str) -> list[str]:
    """One line per support unit for one part: "【单位】1月：…；2月：…", repeats dropped."""
    by_unit: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for obligation, report in delivered:
        text = " ".join((getattr(report, part) or "").split())
        if not text:
            continue
        name = obligation.unit.short_name or obligation.unit.name
        entries = by_unit.setdefault(obligation.unit_id, (name, []))[1]
        if entries and entries[-1][1] == text:
            continue
        entries.append((f"{obligation.period_start.month}月", text))
    lines = []
    for name, entries in by_unit.values():
        if len(entries) == 1:
            lines.append(f"【{name}】{entries[0][1]}")
        else:
            lines.append(f"【{name}】" + "；".join(f"{m}：{t}" for m, t in entries))
    return lines

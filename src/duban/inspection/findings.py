"""Findings (督查发现): what inspectors saw on a task, with evidence.

A finding that the reported progress does not match reality (报送进展与实际严重
不符) must name the report it contradicts, and tells the task's lead units at
once: it counts against them in bulletins and the assessment. Evidence files go
through the same content check as report attachments (reporting/uploads.py),
so a renamed program is refused here too.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from duban.audit.models import record
from duban.errors import Forbidden, UserError
from duban.inspection import access
from duban.inspection.models import Evidence, Finding, SpotCheck
from duban.reporting import notify, uploads
from duban.reporting.choices import ReportState
from duban.reporting.models import Report


def record_finding(
    user,
    task,
    verdict: str,
    text: str,
    found_on,
    spot_check: SpotCheck | None = None,
    report: Report | None = None,
) -> Finding:
    """Record one finding; an inconsistent one notifies the lead units' users."""
    if not access.can_manage(user, task.plan.government_id):
        raise Forbidden("只有政府办（督查室）可以记录督查情况。", "finding by non-office")
    if verdict not in Finding.Verdict.values:
        raise UserError("请选择督查结论。", f"bad verdict {verdict!r}")
    if not (text or "").strip():
        raise UserError("请填写督查情况。", "empty finding text")
    if spot_check is not None and task.pk not in [int(x) for x in spot_check.drawn or []]:
        raise UserError("该任务不在本次抽查的抽取结果中。", "task not drawn")
    if report is not None:
        if report.obligation.task_id != task.pk:
            raise UserError("所选报告不属于该任务。", "report of another task")
        if report.state == ReportState.DRAFT:
            raise UserError("草稿尚未报送，不能作为督查对照的报告。", "draft report")
    if verdict == Finding.Verdict.INCONSISTENT and report is None:
        raise UserError(
            "认定“报送进展与实际严重不符”时，须选择与实际不符的那份报告。",
            "inconsistent without report",
        )
    with transaction.atomic():
        finding = Finding.objects.create(
            spot_check=spot_check,
            task=task,
            report=report,
            verdict=verdict,
            text=text.strip(),
            inspector=user,
            found_on=found_on,
        )
    if verdict == Finding.Verdict.INCONSISTENT:
        _notify_inconsistent(finding)
    return finding


def _notify_inconsistent(finding: Finding) -> None:
    report = finding.report
    unit_ids = [report.obligation.unit_id, *notify.lead_unit_ids(finding.task)]
    text = (
        f"督查发现：任务“{finding.task}”{report.obligation.period_label}的报送进展"
        "与实际严重不符，请核实整改。"
    )
    notify.send(
        notify.unit_users(dict.fromkeys(unit_ids)),
        text,
        key=f"finding-inconsistent-{finding.pk}",
        url=notify.task_url(finding.task),
    )


def add_evidence(user, finding: Finding, uploaded) -> Evidence:
    """A photo or file for a finding, accepted by its content (uploads.check)."""
    if not access.can_manage(user, finding.task.plan.government_id):
        raise Forbidden("只有政府办（督查室）可以上传督查佐证。", "evidence by non-office")
    checked = uploads.check(uploaded)
    evidence = Evidence(
        finding=finding,
        name=checked.name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
    )
    evidence.file.save(checked.name, ContentFile(checked.content), save=False)
    evidence.save()
    record(
        "evidence_added",
        evidence,
        after={"finding": finding.pk, "name": checked.name, "sha256": checked.sha256},
        repr_=checked.name,
    )
    return evidence


def record_with_evidence(user, task, verdict, text, found_on, files=(), **links) -> Finding:
    """A finding and its files together: a refused file refuses the whole finding."""
    with transaction.atomic():
        finding = record_finding(user, task, verdict, text, found_on, **links)
        for uploaded in files:
            add_evidence(user, finding, uploaded)
    return finding

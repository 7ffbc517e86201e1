"""Findings: who may record them, the report an inconsistent one must name,
the notification it sends, and evidence checked by its content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.audit.models import AuditEntry
from duban.errors import Forbidden, UserError
from duban.inspection import draw, findings
from duban.inspection.models import Evidence, Finding
from duban.reporting import flow
from duban.reporting.models import Notification
from web.reporting.flowkit import obligation, png_bytes

DAY = dt.date(2022, 4, 10)


def submitted_q1(world):
    user = world.users["fgw"]
    report = flow.save_draft(
        user, flow.draft_for(user, obligation(world, "fgw", 0, "2022-Q1")), progress="已完成评估"
    )
    return flow.submit(user, report)


def test_a_confirmed_finding_is_recorded_and_audited(world):
    finding = findings.record_finding(
        world.users["inspector"], world.tasks[0], "confirmed", "现场核实属实", DAY
    )
    assert finding.inspector == world.users["inspector"]
    assert AuditEntry.objects.filter(model="inspection.finding", object_id=str(finding.pk)).exists()


def test_an_inconsistent_finding_requires_the_report_it_contradicts(world):
    with pytest.raises(UserError, match="须选择"):
        findings.record_finding(
            world.users["inspector"], world.tasks[0], "inconsistent", "与实际不符", DAY
        )
    assert not Finding.objects.exists()


def test_an_inconsistent_finding_notifies_the_units_users(world):
    report = submitted_q1(world)
    findings.record_finding(
        world.users["inspector"], world.tasks[0], "inconsistent", "评估尚未开展", DAY,
        report=report,
    )  # fmt: skip
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert {"fgw", "fgw_head"} <= notified
    assert "jyj" not in notified
    assert "不符" in Notification.objects.filter(user=world.users["fgw"]).get().text


def test_a_report_of_another_task_or_a_draft_is_refused(world):
    report = submitted_q1(world)
    with pytest.raises(UserError, match="不属于"):
        findings.record_finding(
            world.users["admin"], world.tasks[1], "inconsistent", "x", DAY, report=report
        )
    user = world.users["fgw"]
    draft = flow.draft_for(user, obligation(world, "fgw", 0, "2022-Q2"))
    with pytest.raises(UserError, match="草稿"):
        findings.record_finding(
            world.users["admin"], world.tasks[0], "inconsistent", "x", DAY, report=draft
        )


@pytest.mark.parametrize("persona", ["fgw", "fgw_head", "leader", "other_admin"])
def test_only_the_office_records_findings(world, persona):
    with pytest.raises(Forbidden):
        findings.record_finding(world.users[persona], world.tasks[0], "issue", "x", DAY)


def test_a_finding_of_a_spot_check_must_be_on_a_drawn_task(world):
    check = draw.create_spot_check(
        world.users["inspector"], world.plan, "抽查", "random", "none", 1, seed="a"
    )
    other = next(t for t in world.tasks if t.pk not in check.drawn)
    with pytest.raises(UserError, match="不在"):
        findings.record_finding(
            world.users["inspector"], other, "issue", "x", DAY, spot_check=check
        )


def test_evidence_is_checked_by_content(world):
    photo = SimpleUploadedFile("现场照片.png", png_bytes())
    finding = findings.record_with_evidence(
        world.users["inspector"], world.tasks[0], "issue", "进度滞后", DAY, files=[photo]
    )
    evidence = finding.evidence.get()
    assert evidence.kind == "png" and evidence.name == "现场照片.png"
    program = SimpleUploadedFile("照片.png", b"MZ\x90\x00 not a picture")
    with pytest.raises(UserError, match="内容不是允许的类型"):
        findings.record_with_evidence(
            world.users["inspector"], world.tasks[0], "issue", "进度滞后", DAY, files=[program]
        )
    # The refused file refuses the whole finding.
    assert Finding.objects.count() == 1 and Evidence.objects.count() == 1

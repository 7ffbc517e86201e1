"""Who came in and what they took out (OWASP ASVS V7.1, V8.3): logins, failed
logins and logouts, and every file handed out — ledger and plan exports,
bulletins, evidence, attachments, on the pages and through the API — are in
the audit log, and the log page filters them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from duban import clock
from duban.audit.models import AuditEntry
from duban.inspection import bulletins
from duban.inspection.findings import record_with_evidence
from web.personas import PASSWORD
from web.reporting.flowkit import png_bytes

LOGIN = reverse("accounts:login")


def exports():
    return AuditEntry.objects.filter(action="export").order_by("id")


def test_a_login_a_failed_login_and_a_logout_are_each_recorded_with_the_address(world):
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post(LOGIN, {"username": "fgw", "password": "Wrong-password-1"})
    client.post(LOGIN, {"username": "fgw", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    entries = AuditEntry.objects.filter(action__startswith="log").order_by("id")
    assert [(e.action, e.object_repr, e.ip) for e in entries] == [
        ("login_failed", "fgw", "10.1.2.3"),
        ("login", "fgw", "10.1.2.3"),
        ("logout", "fgw", "10.1.2.3"),
    ]
    assert entries[0].actor is None and entries[1].actor == world.users["fgw"]


def test_a_token_taken_through_the_api_is_a_login_and_a_wrong_password_a_failure(world):
    client = Client()
    url = "/api/auth/token"
    client.post(url, {"username": "czj", "password": "Wrong-password-1"}, "application/json")
    ok = client.post(url, {"username": "czj", "password": PASSWORD}, "application/json")
    assert ok.status_code == 200
    entries = AuditEntry.objects.filter(action__startswith="log").order_by("id")
    assert [(e.action, e.object_repr, e.via) for e in entries] == [
        ("login_failed", "czj", "api"),
        ("login", "czj", "api"),
    ]


@pytest.mark.parametrize("kind, name", [("ledger", "2022台账.xlsx"), ("plan", "2022分工方案.docx")])
def test_a_plan_export_is_recorded_with_who_what_and_the_file(world, login, kind, name):
    response = login("inspector").get(reverse("reporting:export", args=[world.plan.pk, kind]))
    assert response.status_code == 200
    [entry] = exports()
    assert (entry.actor, entry.via, entry.model, entry.object_id, entry.object_repr) == (
        world.users["inspector"],
        "web",
        "ledger.plan",
        str(world.plan.pk),
        name,
    )
    assert entry.after == {"file": name, "path": f"/reporting/plans/{world.plan.pk}/export/{kind}/"}


def test_a_refused_export_records_nothing(world, login):
    response = login("other_admin").get(reverse("reporting:export", args=[world.plan.pk, "ledger"]))
    assert response.status_code == 404
    response = login("fgw").get(reverse("reporting:export", args=[world.plan.pk, "ledger"]))
    assert response.status_code == 403
    assert not exports().exists()


def test_an_attachment_downloaded_on_the_page_and_through_the_api_is_recorded(
    world, login, attachment
):
    url = reverse("reporting:attachment", args=[attachment.pk])
    assert login("town").get(url).status_code == 200
    api = Client(headers={"Authorization": f"Bearer {world.token('town')}"})
    assert api.get(f"/api/attachments/{attachment.pk}").status_code == 200
    web, by_api = exports()
    for entry in (web, by_api):
        assert (entry.actor, entry.model, entry.object_id, entry.object_repr) == (
            world.users["town"],
            "reporting.attachment",
            str(attachment.pk),
            "现场照片.png",
        )
    assert (web.via, by_api.via) == ("web", "api")


def test_a_bulletin_and_evidence_downloads_are_recorded(world, login):
    from web.inspection import bulletin_scenario as scenario

    scenario.build(world)
    with clock.frozen_at(scenario.TODAY):
        admin = world.users["admin"]
        issued = bulletins.issue(
            admin, bulletins.create_draft(admin, world.plan, "2022-Q1"), "平政督〔2022〕3号"
        )
        finding = record_with_evidence(
            world.users["inspector"], world.tasks[0], "issue", "进度滞后", dt.date(2022, 4, 9),
            files=[SimpleUploadedFile("现场.png", png_bytes())],
        )  # fmt: skip
    client = login("fgw")
    assert client.get(reverse("bulletins:docx", args=[issued.pk])).status_code == 200
    evidence_url = reverse("inspection:evidence", args=[finding.evidence.get().pk])
    assert client.get(evidence_url).status_code == 200
    bulletin, evidence = exports()
    assert (bulletin.model, bulletin.object_id) == ("inspection.bulletin", str(issued.pk))
    assert bulletin.object_repr.endswith(".docx") and bulletin.actor == world.users["fgw"]
    assert (evidence.model, evidence.object_repr) == ("inspection.evidence", "现场.png")


def test_the_log_page_filters_downloads_and_session_ends(world, login):
    client = login("admin")
    client.get(reverse("reporting:export", args=[world.plan.pk, "ledger"]))
    page = client.get(reverse("audit:log"), {"action": "export"}).content.decode()
    assert '<option value="export" selected>导出下载</option>' in page
    assert '<option value="logout_all">退出所有设备</option>' in page
    assert "2022台账.xlsx" in page and "共 1 条记录" in page
    assert "文件</span>：2022台账.xlsx" in page

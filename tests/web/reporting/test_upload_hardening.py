"""Hostile uploads are refused in Chinese and leave nothing behind; stored files
cannot escape their folder nor be reached except through a checked download,
and every download is sent so that it can never act as a page of this site.

The malicious files are built for real (tests/builders/archives.py): a zip
bomb whose document part is 50 MB of zeros, floods of members, members named
../../evil.sh, and a "Word file" that is really a web page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from builders import archives
from duban import clock
from duban.inspection import draw, findings
from duban.ledger.models import Plan
from duban.reporting import flow
from duban.reporting.models import Attachment
from duban.web import settings as configured
from web.reporting.flowkit import As, docx_bytes, png_bytes

SANDBOX = "default-src 'none'; sandbox"


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def stored_files(settings) -> list[Path]:
    """Evidence files on disk (the world's own notice is kept under notices/)."""
    found = []
    for folder in ("evidence", "inspection"):
        root = Path(settings.MEDIA_ROOT) / folder
        found += [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    return found


def page_upload(client, report, name: str, content: bytes) -> str:
    response = client.post(
        reverse("reporting:upload", args=[report.pk]),
        {"files": [SimpleUploadedFile(name, content)]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    return response.content.decode()


HOSTILE = [
    ("bomb", "进展报告.docx", lambda: archives.bomb(megabytes=50), "压缩炸弹"),
    ("flood", "进展报告.docx", lambda: archives.flood(10_001), "条目过多"),
    ("climb", "进展报告.docx", lambda: archives.with_member("../../evil.sh"), "疑似恶意文件"),
    ("absolute", "进展报告.xlsx", lambda: archives.with_member("/etc/cron.d/x"), "疑似恶意文件"),
    (
        "html",
        "进展报告.docx",
        lambda: b"<html><body><script>alert(document.cookie)</script></body></html>",
        "内容不是允许的类型",
    ),
]


@pytest.mark.parametrize(("case", "name", "make", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_on_the_report_page_in_chinese_and_nothing_is_stored(
    login, draft, settings, case, name, make, reason
):
    html = page_upload(login("town"), draft, name, make())
    assert f"文件“{name}”" in html and reason in html
    assert not draft.attachments.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(("case", "name", "make", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_refused_by_the_api_with_422_and_nothing_is_stored(
    world, draft, settings, case, name, make, reason
):
    status, body = As(world, "town").upload(f"/api/reports/{draft.pk}/attachments", name, make())
    assert status == 422
    assert f"文件“{name}”" in body["detail"] and reason in body["detail"]
    assert not Attachment.objects.exists()
    assert stored_files(settings) == []


def test_zip_members_together_past_ten_times_the_upload_limit_are_refused(login, draft, settings):
    settings.DUBAN_MAX_ATTACHMENT_MB = 1
    data = archives.spread_bomb(members=3, megabytes_each=4)
    assert len(data) < 1024 * 1024
    html = page_upload(login("town"), draft, "汇总.docx", data)
    assert "文件“汇总.docx”无法上传" in html and "压缩炸弹" in html
    assert not draft.attachments.exists()


def test_a_real_office_file_still_passes_the_archive_rules(login, draft):
    html = page_upload(login("town"), draft, "进展.docx", docx_bytes())
    assert "已上传 1 个附件" in html
    assert draft.attachments.get().kind == "docx"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../../etc/passwd.png", "passwd.png"),
        ("..\\..\\windows\\win.ini.png", "win.ini.png"),
        ("C:\\Users\\x\\照片.png", "照片.png"),
        ("/var/www/static/shell.png", "shell.png"),
        (".htaccess.png", "htaccess.png"),
        ("a\x00b\r\n.png", "ab.png"),
    ],
)
def test_a_stored_file_keeps_only_its_own_name_and_stays_under_the_upload_folder(
    draft, world, settings, sent, kept
):
    attachment = flow.add_attachment(
        world.users["town"], draft, SimpleUploadedFile(sent, png_bytes())
    )
    assert attachment.name == kept
    root = Path(settings.MEDIA_ROOT).resolve()
    assert Path(attachment.file.path).resolve().is_relative_to(root)
    assert stored_files(settings) == [Path(attachment.file.path)]


def test_uploads_live_in_the_data_folder_and_are_never_served_as_static_files(client, draft, world):
    assert configured.MEDIA_ROOT.is_relative_to(configured.DATA_DIR)
    assert not configured.MEDIA_ROOT.is_relative_to(configured.STATIC_ROOT)
    attachment = flow.add_attachment(
        world.users["town"], draft, SimpleUploadedFile("现场.png", png_bytes())
    )
    relative = attachment.file.name
    for prefix in ("/static/", "/media/", "/uploads/", "/static/../uploads/"):
        assert client.get(prefix + relative).status_code == 404, prefix


def assert_safe_download(response, content: bytes, name: str, content_type: str) -> None:
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(name, safe='')}" in disposition
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == SANDBOX
    assert "no-store" in response["Cache-Control"]


def test_downloads_on_the_page_and_by_the_api_are_sandboxed_attachments_of_their_real_type(
    login, api, world, draft
):
    content = png_bytes()
    name = "现场 照片(1).html"
    attachment = flow.add_attachment(world.users["town"], draft, SimpleUploadedFile(name, content))
    flow.submit(world.users["town"], draft)
    page = login("admin").get(reverse("reporting:attachment", args=[attachment.pk]))
    assert_safe_download(page, content, name, "image/png")
    assert 'filename="attachment.html"' in page["Content-Disposition"]
    by_api = api("admin").get(f"/api/attachments/{attachment.pk}")
    assert_safe_download(by_api, content, name, "image/png")


def test_a_plain_ascii_name_is_also_given_as_the_fallback_filename(login, world, draft):
    content = docx_bytes()
    attachment = flow.add_attachment(
        world.users["town"], draft, SimpleUploadedFile("minutes.docx", content)
    )
    response = login("town").get(reverse("reporting:attachment", args=[attachment.pk]))
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert_safe_download(response, content, "minutes.docx", word)
    assert 'filename="minutes.docx"' in response["Content-Disposition"]


def test_inspection_evidence_is_downloaded_the_same_safe_way(login, world):
    inspector = world.users["inspector"]
    check = draw.create_spot_check(inspector, world.plan, "抽查", "random", "none", 1, seed="s")
    task = world.plan.tasks.get(pk=int(check.drawn[0]))
    content = png_bytes()
    finding = findings.record_with_evidence(
        inspector, task, "issue", "进度滞后", dt.date(2022, 3, 20),
        files=[SimpleUploadedFile("现场.png", content)], spot_check=check,
    )  # fmt: skip
    evidence = finding.evidence.get()
    response = login("inspector").get(reverse("inspection:evidence", args=[evidence.pk]))
    assert_safe_download(response, content, "现场.png", "image/png")


def test_inspection_evidence_refuses_a_zip_bomb_and_records_no_finding(world):
    from duban.errors import UserError
    from duban.inspection.models import Finding

    inspector = world.users["inspector"]
    check = draw.create_spot_check(inspector, world.plan, "抽查", "random", "none", 1, seed="s")
    task = world.plan.tasks.get(pk=int(check.drawn[0]))
    bomb = SimpleUploadedFile("现场记录.docx", archives.bomb(megabytes=50))
    with pytest.raises(UserError) as caught:
        findings.record_with_evidence(
            inspector, task, "issue", "进度滞后", dt.date(2022, 3, 20),
            files=[bomb], spot_check=check,
        )  # fmt: skip
    assert "压缩炸弹" in caught.value.message_zh
    assert not Finding.objects.exists()


def test_importing_a_zip_bomb_notice_is_refused_in_chinese_on_the_page(login):
    client = login("admin")
    bomb = SimpleUploadedFile("分工方案.docx", archives.bomb(megabytes=50))
    plans = Plan.objects.count()
    response = client.post(reverse("ledger:import"), {"file": bomb})
    assert response.status_code == 200
    assert "疑似压缩炸弹" in response.content.decode()
    assert Plan.objects.count() == plans


def test_importing_a_zip_bomb_notice_by_the_api_is_a_documented_422(api):
    bomb = SimpleUploadedFile("分工方案.docx", archives.bomb(megabytes=50))
    plans = Plan.objects.count()
    response = api("admin").post("/api/plans/import", {"file": bomb})
    assert response.status_code == 422
    assert "疑似压缩炸弹" in response.json()["detail"]
    assert Plan.objects.count() == plans


def test_importing_a_notice_with_a_climbing_member_is_refused(api):
    data = archives.with_member_in(docx_bytes("1. 推进改革。"), "../../../tmp/evil")
    response = api("admin").post(
        "/api/plans/import", {"file": SimpleUploadedFile("分工方案.docx", data)}
    )
    assert response.status_code == 422
    assert "疑似恶意文件" in response.json()["detail"]

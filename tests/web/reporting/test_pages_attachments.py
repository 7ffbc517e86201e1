"""Evidence files on the report page: several at once, refused by content with
the reason in Chinese, and downloaded only by those who may read the report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from duban import clock
from duban.reporting import flow
from duban.reporting.models import Attachment
from web.reporting.flowkit import pdf_bytes, png_bytes

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def march_20():
    with clock.frozen_at(dt.date(2022, 3, 20)):
        yield


def upload(client, report, *files, **headers):
    return client.post(reverse("reporting:upload", args=[report.pk]), {"files": list(files)},
                       **headers)  # fmt: skip


def test_several_real_files_are_uploaded_at_once_and_listed(login, draft):
    photo_bytes = png_bytes()
    photo = SimpleUploadedFile("现场照片.png", photo_bytes)
    minutes = SimpleUploadedFile("会议纪要.pdf", pdf_bytes())
    response = upload(login("town"), draft, photo, minutes, **HTMX)
    assert response.status_code == 200
    stored = list(draft.attachments.order_by("name"))
    assert [(a.name, a.kind) for a in stored] == [("会议纪要.pdf", "pdf"), ("现场照片.png", "png")]
    html = response.content.decode()
    assert "已上传 2 个附件。" in html
    for a in stored:
        assert reverse("reporting:attachment", args=[a.pk]) in html
    assert stored[1].file.open("rb").read() == photo_bytes


def test_a_file_that_is_not_what_its_name_says_is_refused_in_chinese(login, draft):
    fake = SimpleUploadedFile("照片.png", b"<html><script>alert(1)</script></html>")
    good = SimpleUploadedFile("照片2.png", png_bytes())
    response = upload(login("town"), draft, fake, good, **HTMX)
    html = response.content.decode()
    assert "文件“照片.png”的内容不是允许的类型，无法上传" in html
    assert [a.name for a in draft.attachments.all()] == ["照片2.png"]


def test_without_javascript_the_upload_returns_to_the_page_with_messages(login, draft):
    fake = SimpleUploadedFile("说明.pdf", b"MZ\x90\x00 not a pdf")
    response = upload(login("town"), draft, fake)
    assert response.status_code == 302 and response.url.endswith("#attachments")
    page = login("town").get(response.url).content.decode()
    assert "文件“说明.pdf”的内容不是允许的类型" in page
    assert not draft.attachments.exists()


def test_an_upload_without_files_says_so(login, draft):
    response = login("town").post(reverse("reporting:upload", args=[draft.pk]), {}, **HTMX)
    assert "请选择要上传的文件。" in response.content.decode()


def test_a_submitted_report_takes_no_more_files(login, world, draft):
    flow.submit(world.users["town"], draft)
    response = upload(login("town"), draft, SimpleUploadedFile("补充.png", png_bytes()), **HTMX)
    assert "已提交的报告不能再添加附件" in response.content.decode()
    assert not draft.attachments.exists()


def test_only_the_reporting_unit_uploads(login, draft):
    photo = SimpleUploadedFile("现场照片.png", png_bytes())
    assert upload(login("fgw"), draft, photo).status_code == 404
    assert upload(login("admin"), draft, photo).status_code == 404
    assert not draft.attachments.exists()


def test_a_download_is_an_attachment_with_nosniff_for_whoever_may_read_the_report(
    login, world, draft
):
    content = png_bytes()
    attachment = flow.add_attachment(
        world.users["town"], draft, SimpleUploadedFile("现场照片.png", content)
    )
    flow.submit(world.users["town"], draft)
    url = reverse("reporting:attachment", args=[attachment.pk])
    for persona in ("town", "fgw", "fgw_head", "admin", "inspector", "leader"):
        response = login(persona).get(url)
        assert response.status_code == 200, persona
        assert b"".join(response.streaming_content) == content
        assert response["Content-Disposition"].startswith("attachment;")
        assert (
            "filename*=utf-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png"
            in response["Content-Disposition"]
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "image/png"
    for persona in ("czj", "jyj", "other_admin"):
        assert login(persona).get(url).status_code == 404, persona


def test_a_drafts_files_are_for_its_unit_only(login, world, draft):
    attachment = flow.add_attachment(
        world.users["town"], draft, SimpleUploadedFile("草稿照片.png", png_bytes())
    )
    url = reverse("reporting:attachment", args=[attachment.pk])
    assert login("town").get(url).status_code == 200
    for persona in ("fgw", "admin", "leader"):
        assert login(persona).get(url).status_code == 404, persona


def test_a_missing_attachment_is_not_found(login, world):
    assert not Attachment.objects.exists()
    assert login("admin").get(reverse("reporting:attachment", args=[1])).status_code == 404


def test_file_names_are_escaped_in_the_list(login, world, draft):
    flow.add_attachment(world.users["town"], draft, SimpleUploadedFile("a&b'c.png", png_bytes()))
    page = (
        login("town")
        .get(reverse("reporting:obligation", args=[draft.obligation_id]))
        .content.decode()
    )
    assert "a&amp;b&#x27;c.png" in page
    assert "a&b'c.png" not in page

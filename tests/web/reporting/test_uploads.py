"""Evidence files: accepted by their content, refused with the file named and the reason."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from duban.errors import Conflict, Forbidden, UserError
from duban.reporting import flow, uploads
from duban.reporting.models import Attachment
from web.reporting.flowkit import (
    docx_bytes,
    jpeg_bytes,
    monthly,
    pdf_bytes,
    png_bytes,
    xls_bytes,
    xlsx_bytes,
)


def pptx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    return buffer.getvalue()


def ofd_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
        archive.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return buffer.getvalue()


def gif_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("P", (2, 2)).save(buffer, format="GIF")
    return buffer.getvalue()


def webp_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="WEBP")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (png_bytes, "png"),
        (jpeg_bytes, "jpeg"),
        (gif_bytes, "gif"),
        (webp_bytes, "webp"),
        (pdf_bytes, "pdf"),
        (docx_bytes, "docx"),
        (xlsx_bytes, "xlsx"),
        (pptx_bytes, "pptx"),
        (xls_bytes, "ole"),
        (ofd_bytes, "ofd"),
    ],
)
def test_each_accepted_kind_is_recognised_by_its_content(make, kind):
    assert uploads.sniff(make()) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("报告.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("报告.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("照片.png", b"#!/bin/sh\nrm -rf /\n"),
        ("表格.xlsx", b""),
    ],
    ids=["exe named pdf", "html named pdf", "script named png", "empty"],
)
def test_a_file_disguised_by_its_name_is_refused_naming_the_file(name, content):
    with pytest.raises(UserError) as refused:
        uploads.check(SimpleUploadedFile(name, content))
    assert f"文件“{name}”" in refused.value.message_zh


def test_a_plain_zip_is_not_an_office_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/readme.txt", "不是文档")
    with pytest.raises(UserError, match="内容不是允许的类型"):
        uploads.check(SimpleUploadedFile("报告.docx", buffer.getvalue()))


def test_a_file_over_the_limit_is_refused_with_its_size(settings):
    settings.DUBAN_MAX_ATTACHMENT_MB = 1
    big = pdf_bytes() + b"\n%" + b"0" * (1024 * 1024)
    with pytest.raises(UserError) as refused:
        uploads.check(SimpleUploadedFile("扫描件.pdf", big))
    assert "文件“扫描件.pdf”大小为 1.0 MB，超过上限 1 MB" in refused.value.message_zh


def test_the_limit_defaults_to_twenty_megabytes(settings):
    if hasattr(settings, "DUBAN_MAX_ATTACHMENT_MB"):
        del settings.DUBAN_MAX_ATTACHMENT_MB
    assert uploads.max_bytes() == 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\张三\\现场照片.png", "现场照片.png"),
        ("报告\x00.pdf", "报告.pdf"),
        ("...", "附件"),
        ("a" * 200 + ".pdf", "a" * 110 + ".pdf"),
    ],
)
def test_a_stored_name_keeps_only_the_files_own_name(given, kept):
    assert uploads.clean_name(given) == kept


def test_evidence_is_stored_under_the_media_root_with_its_hash(world, settings):
    report = flow.draft_for(world.users["town"], monthly(world, "town", 0, 1))
    content = docx_bytes("一月进展")
    attachment = flow.add_attachment(
        world.users["town"], report, SimpleUploadedFile("../一月进展.docx", content)
    )
    attachment.refresh_from_db()
    assert (attachment.name, attachment.kind, attachment.size) == (
        "一月进展.docx",
        "docx",
        len(content),
    )
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT) / "evidence")
    assert stored.read_bytes() == content


def test_evidence_goes_only_on_the_units_own_draft(world):
    report = flow.draft_for(world.users["town"], monthly(world, "town", 0, 1))
    with pytest.raises(Forbidden, match="只有本单位的经办人或负责人可以上传报告附件"):
        flow.add_attachment(world.users["fgw"], report, SimpleUploadedFile("a.png", png_bytes()))
    flow.save_draft(world.users["town"], report, progress="已完成")
    flow.submit(world.users["town"], report)
    with pytest.raises(Conflict, match="已提交的报告不能再添加附件"):
        flow.add_attachment(world.users["town"], report, SimpleUploadedFile("a.png", png_bytes()))
    assert not Attachment.objects.exists()


def test_a_refused_file_leaves_nothing_behind(world, settings):
    report = flow.draft_for(world.users["town"], monthly(world, "town", 0, 1))
    with pytest.raises(UserError):
        flow.add_attachment(
            world.users["town"], report, SimpleUploadedFile("报告.pdf", b"<html></html>")
        )
    assert not Attachment.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "evidence").exists()

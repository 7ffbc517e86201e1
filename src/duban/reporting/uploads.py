"""Evidence files: accepted by what they are, never by what they are called.

A file's type is read from its first bytes (and, for the zip-based Office and
OFD formats, from the entries inside), so a program or a web page renamed to
"照片.pdf" is refused. The size limit is settings.DUBAN_MAX_ATTACHMENT_MB.
The stored name keeps only the file's own name: no folders, no control
characters, so it can never point outside the upload folder. A zip-based file
is refused before anyone opens it when it is a zip bomb or carries members
that climb out of their folder (extract/readers/archive.py, the same rules
the notice import applies): the office suite of whoever downloads it later
would otherwise do the unpacking.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings

from duban.errors import UserError
from duban.extract.errors import ExtractError
from duban.extract.readers.archive import checked_members

DEFAULT_MAX_MB = 20
UNPACKED_FACTOR = 10

KIND_LABELS = {
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "webp": "WebP 图片",
    "pdf": "PDF 文档",
    "docx": "Word 文档",
    "xlsx": "Excel 表格",
    "pptx": "PowerPoint 演示文稿",
    "ole": "Office 97-2003 文档",
    "ofd": "OFD 版式文档",
}
ALLOWED = "图片（PNG、JPEG、GIF、WebP）、PDF、Word、Excel、PowerPoint（含 97-2003 格式）或 OFD"

_ZIP_MARKERS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
    ("OFD.xml", "ofd"),
)


@dataclass(frozen=True)
class Checked:
    name: str
    kind: str
    size: int
    sha256: str
    content: bytes


def max_bytes() -> int:
    return int(getattr(settings, "DUBAN_MAX_ATTACHMENT_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def sniff(content: bytes) -> str | None:
    """The kind of file `content` is, or None when it is none of the accepted kinds."""
    head = content[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if content[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    return None


def _zip_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    for marker, kind in _ZIP_MARKERS:
        if marker in names:
            return kind
    return None


def clean_name(name: str) -> str:
    """The file's own name: no folders, no control or reserved characters, not too long."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip().lstrip(".")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:110] + dot + ext[:9]) if dot and len(ext) <= 9 else name[:120]
    return name or "附件"


def check(uploaded) -> Checked:
    """Read and check an uploaded file; a refusal names the file and says why."""
    name = clean_name(getattr(uploaded, "name", "") or "")
    limit = max_bytes()
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise UserError(_too_big(name, size, limit), f"attachment {name!r} too big: {size}")
    content = _read(uploaded, limit)
    if len(content) > limit:
        raise UserError(_too_big(name, len(content), limit), f"attachment {name!r} too big")
    if not content:
        raise UserError(f"文件“{name}”是空文件，请重新选择。", f"attachment {name!r} empty")
    if content.startswith(b"PK\x03\x04"):
        _refuse_hostile_zip(name, content, limit)
    kind = sniff(content)
    if kind is None:
        raise UserError(
            f"文件“{name}”的内容不是允许的类型，无法上传（按文件内容识别，与扩展名无关）。"
            f"允许的类型：{ALLOWED}。",
            f"attachment {name!r} of unknown type",
        )
    return Checked(name, kind, len(content), hashlib.sha256(content).hexdigest(), content)


def _refuse_hostile_zip(name: str, content: bytes, limit: int) -> None:
    """A zip may unpack to at most ten times the upload limit, by the archive rules."""
    try:
        checked_members(content, max_unpacked=UNPACKED_FACTOR * limit)
    except ExtractError as exc:
        raise UserError(
            f"文件“{name}”无法上传：{exc.message_zh}。", f"attachment {name!r}: {exc.reason_en}"
        ) from exc


def _read(uploaded, limit: int) -> bytes:
    if hasattr(uploaded, "chunks"):
        parts, total = [], 0
        for chunk in uploaded.chunks():
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                break
        return b"".join(parts)
    return uploaded.read(limit + 1)


def _too_big(name: str, size: int, limit: int) -> str:
    return (
        f"文件“{name}”大小为 {size / 1024 / 1024:.1f} MB，超过上限 {limit // 1024 // 1024} MB，"
        "无法上传。请压缩后重试。"
    )

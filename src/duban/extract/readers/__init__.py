"""Readers: one module per format, each turning bytes into the same block stream.

`read_blocks` decides the format from the content (magic bytes, zip members,
OLE streams, markup), never from the file name, so a notice saved with the
wrong extension still reads.
"""

from __future__ import annotations

from duban.extract.blocks import Block
from duban.extract.errors import ExtractError
from duban.extract.readers.archive import checked_members
from duban.extract.readers.docx import read_docx
from duban.extract.readers.encoding import decode
from duban.extract.readers.html import looks_like_html, read_html
from duban.extract.readers.legacy import read_legacy
from duban.extract.readers.ofd import read_ofd
from duban.extract.readers.pdf import read_pdf
from duban.extract.readers.sheets import read_xls, read_xlsx
from duban.extract.readers.text import parse_lines

_UNSUPPORTED = {
    "zip": "压缩包",
    "ole": "Office 旧格式",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """The format of a notice from its first bytes and, for containers, their members."""
    if data.startswith(b"PK\x03\x04"):
        names = _zip_members(data)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "OFD.xml" in names or any(n.lower().endswith("ofd.xml") for n in names):
            return "ofd"
        return "zip"
    if data.lstrip().startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        return _ole_kind(data)
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    return "text"


def _zip_members(data: bytes) -> set[str]:
    """Names in a zip container, after checking it is whole and not hostile."""
    return {info.filename for info in checked_members(data)}


def _ole_kind(data: bytes) -> str:
    """An OLE compound file's kind by its stream names (UTF-16 in the directory)."""
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return "ole"


def read_blocks(data: bytes) -> list[Block]:
    kind = sniff(data)
    if kind == "text":
        text = decode(data)
        if looks_like_html(text):
            return read_html(text)
        return parse_lines(text.split("\n"))
    if kind == "docx":
        return read_docx(data)
    if kind == "pdf":
        return read_pdf(data)
    if kind == "ofd":
        return read_ofd(data)
    if kind == "xlsx":
        return read_xlsx(data)
    if kind == "xls":
        return read_xls(data)
    if kind in ("doc", "rtf"):
        return read_legacy(data, ".rtf" if kind == "rtf" else ".doc")
    raise ExtractError(
        f"暂不支持读取{_UNSUPPORTED[kind]}文件，请另存为 Word 或文本后再导入",
        f"unsupported format: {kind}",
    )

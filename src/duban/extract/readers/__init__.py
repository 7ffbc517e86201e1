"""Readers: one module per format, each turning bytes into the same block stream.

`read_blocks` decides the format from the content (magic bytes, zip members),
never from the file name alone, so a notice saved with the wrong extension
still reads.
"""

from __future__ import annotations

import io
import zipfile

from duban.extract.blocks import Block
from duban.extract.errors import ExtractError
from duban.extract.readers.docx import read_docx
from duban.extract.readers.text import read_text

_UNSUPPORTED = {
    "xlsx": "Excel（.xlsx）",
    "ofd": "OFD",
    "pdf": "PDF",
    "ole": "旧版 Office（.doc/.xls/.wps）",
    "rtf": "RTF",
    "zip": "压缩包",
}


def sniff(data: bytes) -> str:
    """The format of a notice from its first bytes and, for zip files, its members."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "OFD.xml" in names or any(n.lower().endswith("ofd.xml") for n in names):
            return "ofd"
        return "zip"
    if data.lstrip().startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    return "text"


def read_blocks(data: bytes) -> list[Block]:
    kind = sniff(data)
    if kind == "text":
        return read_text(data)
    if kind == "docx":
        return read_docx(data)
    raise ExtractError(
        f"暂不支持读取{_UNSUPPORTED[kind]}文件，请另存为文本后再导入", f"unsupported format: {kind}"
    )

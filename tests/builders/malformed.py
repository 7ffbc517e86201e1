"""Broken and hostile files: what users upload by mistake, and what attackers upload."""

from __future__ import annotations

import io
import zipfile

from builders.docx import DocxNotice


def truncated_docx() -> bytes:
    data = DocxNotice().paragraph("1.推进改革。").paragraph("牵头单位：县发改局").build()
    return data[: len(data) // 2]


def docx_missing_part() -> bytes:
    """A .docx whose package lost its content-types part."""
    source = zipfile.ZipFile(io.BytesIO(DocxNotice().paragraph("1.推进改革。").build()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "[Content_Types].xml":
                target.writestr(info, source.read(info))
    return out.getvalue()


def zip_bomb() -> bytes:
    """A .docx-looking zip whose document part unpacks to 300 MB of zeros."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        target.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        block = b"\0" * (1 << 20)
        for _ in range(300):
            member.write(block)
    return out.getvalue()


def xlsx_with_empty_rows(rows: int = 1_000_000) -> bytes:
    """A real .xlsx: a header, one task, then `rows` empty rows (cells with empty text)."""
    sheet = io.BytesIO()
    header = "".join(
        _text_cell(f"{c}1", t) for c, t in zip("ABC", ("序号", "工作任务", "牵头单位"), strict=True)
    )
    task = '<c r="A2"><v>1</v></c>' + _text_cell("B2", "推进改革。") + _text_cell("C2", "县发改局")
    sheet.write(
        (
            '<?xml version="1.0" encoding="UTF-8"?><worksheet '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            f'<row r="1">{header}</row><row r="2">{task}</row>'
        ).encode()
    )
    sheet.write(
        b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t></t></is></c></row>' % (r, r)
            for r in range(3, rows + 3)
        )
    )
    sheet.write(b"</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", _CONTENT_TYPES)
        target.writestr("_rels/.rels", _ROOT_RELS)
        target.writestr("xl/workbook.xml", _WORKBOOK)
        target.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        target.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return out.getvalue()


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="任务" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)

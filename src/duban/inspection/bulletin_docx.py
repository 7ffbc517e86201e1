"""The bulletin as a Word file following GB/T 9704 (党政机关公文格式), and as PDF.

版头: the issuing office (…人民政府办公室督查室) with 通报 in red 方正小标宋简体,
then a red line; the 发文字号 centred under it; the title in 方正小标宋简体
二号; the body in 仿宋_GB2312 三号 with 一、 headings in 黑体 and （一）
headings in 楷体_GB2312; the office and the date (in Chinese numerals) at the
right. Page and type come from duban.exports.docx_style.

PDF goes through LibreOffice when it is installed (`soffice --headless`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from duban.errors import UserError
from duban.exports.docx_style import (
    BODY,
    DOC_NUMBER,
    HEADING1,
    HEADING2,
    TITLE,
    XIAOBIAOSONG,
    OfficialDocument,
    dress,
)

from .bulletins import chinese_date, issued_on
from .models import Bulletin

RED = RGBColor(0xFF, 0x00, 0x00)
MASTHEAD_SIZE = 36.0  # GB/T 9704 leaves the size to the office; 小初 is usual for bulletins
PDF_TIMEOUT = 60


def office_name(bulletin: Bulletin) -> str:
    return f"{bulletin.plan.government.name}人民政府办公室督查室"


def to_docx(bulletin: Bulletin) -> bytes:
    doc = OfficialDocument()
    _masthead(doc, office_name(bulletin))
    doc.paragraph(DOC_NUMBER, bulletin.number or "（文号待定）")
    _red_line(doc)
    doc.blank()
    doc.paragraph(TITLE, bulletin.title)
    for text in bulletin.body.splitlines():
        text = text.strip()
        if not text:
            continue
        doc.paragraph(_look(text), text)
    doc.sign_off(office_name(bulletin), chinese_date(issued_on(bulletin)))
    return doc.to_bytes()


def _look(text: str):
    if re.match(r"^[一二三四五六七八九十]+、", text):
        return HEADING1
    if re.match(r"^（[一二三四五六七八九十]+）", text):
        return HEADING2
    return BODY


def _masthead(doc: OfficialDocument, office: str) -> None:
    """发文机关标志: the office's name and 通报, red, centred."""
    para = doc.document.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.space_after = Pt(12)
    run = para.add_run(f"{office}通报")
    dress(run, XIAOBIAOSONG, MASTHEAD_SIZE)
    run.font.color.rgb = RED


def _red_line(doc: OfficialDocument) -> None:
    """The red separator under the 发文字号: a bottom border of the number's paragraph."""
    para = doc.document.paragraphs[-1]
    ppr = para._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "4"), ("color", "FF0000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    ppr.append(border)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(bulletin: Bulletin) -> bytes:
    binary = soffice()
    if binary is None:
        raise UserError(
            "服务器未安装 LibreOffice，无法生成 PDF。请安装 LibreOffice（如 "
            "apt-get install libreoffice-writer）后重试，或下载 Word 版。",
            "soffice missing",
        )
    with tempfile.TemporaryDirectory(prefix="duban-bulletin-") as folder:
        source = Path(folder) / "bulletin.docx"
        source.write_bytes(to_docx(bulletin))
        try:
            subprocess.run(
                [binary, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                 "--convert-to", "pdf", "--outdir", folder, str(source)],
                check=True, capture_output=True, timeout=PDF_TIMEOUT,
            )  # fmt: skip
        except (subprocess.SubprocessError, OSError) as exc:
            raise UserError("PDF 转换失败，请稍后重试或下载 Word 版。", str(exc)) from None
        target = source.with_suffix(".pdf")
        if not target.exists():
            raise UserError("PDF 转换失败，请稍后重试或下载 Word 版。", "no pdf written")
        return target.read_bytes()


def file_name(bulletin: Bulletin, suffix: str) -> str:
    name = re.sub(r'[\\/:*?"<>|\s]+', "", bulletin.title)[:60] or "通报"
    return f"{name}.{suffix}"

"""GB/T 9704 (党政机关公文格式) page and type for the Word outputs.

Every Word file duban writes (the plan, the quarterly summary, later the
bulletin) must look like the office's own paper: A4, the standard margins,
方正小标宋简体 titles, 仿宋_GB2312 三号 body, 黑体 / 楷体_GB2312 headings.
Fonts are referred to by name only (never bundled): Chinese office machines
have them, and Word falls back to a similar face where they are missing.

Chinese fonts must be set in `w:rFonts/@w:eastAsia`: python-docx's `font.name`
only sets the Latin faces, and Word would draw the Chinese characters in the
theme's East-Asian font instead.
"""

from __future__ import annotations

import io
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

# Font names as Chinese offices install them (GB/T 9704 §7.3 names the faces).
XIAOBIAOSONG = "方正小标宋简体"  # titles
FANGSONG = "仿宋_GB2312"  # body
HEITI = "黑体"  # first-level headings, 附件 mark
KAITI = "楷体_GB2312"  # second-level headings
SONGTI = "宋体"  # page numbers

# Chinese type sizes in points.
ERHAO = 22.0  # 二号: title
SANHAO = 16.0  # 三号: body and headings
SIHAO = 14.0  # 四号: page numbers
XIAOSI = 12.0  # 小四: table cells

# GB/T 9704 §5.2.1: top 37 mm, bottom 35 mm, left (binding side) 28 mm, right 26 mm.
MARGINS_CM = {"top": 3.7, "bottom": 3.5, "left": 2.8, "right": 2.6}
# GB/T 9704 asks for 22 lines of 28 characters in the 225 mm type area; offices
# set the body's line spacing to a fixed 28 pt for it, as done here.
LINE_PITCH = 28.0


@dataclass(frozen=True)
class Look:
    """A paragraph style: what GB/T 9704 prescribes for one kind of line."""

    name: str  # the Word style name, shown to the office in Word's style list
    sid: str  # the Word style id (ASCII, as Word's own ids are)
    font: str = FANGSONG
    size: float = SANHAO
    bold: bool = False
    align: str = "justify"  # left, center, right, justify
    first_indent: float = 0.0  # in characters (two for body text)
    outline: int | None = None  # Word outline level, so the navigation pane shows headings
    space_before: float = 0.0  # in lines
    space_after: float = 0.0


TITLE = Look("公文标题", "DubanTitle", XIAOBIAOSONG, ERHAO, align="center", space_after=1)
DOC_NUMBER = Look("发文字号", "DubanDocNumber", align="center", space_after=1)
ADDRESSEE = Look("主送机关", "DubanAddressee", align="left")
BODY = Look("公文正文", "DubanBody", first_indent=2)
HEADING1 = Look("一级标题", "DubanHeading1", HEITI, first_indent=2, outline=0)
HEADING2 = Look("二级标题", "DubanHeading2", KAITI, first_indent=2, outline=1)
HEADING3 = Look("三级标题", "DubanHeading3", bold=True, first_indent=2, outline=2)
ATTACHMENT_NOTE = Look("附件说明", "DubanAttachmentNote", first_indent=2)
ATTACHMENT_MARK = Look("附件标识", "DubanAttachmentMark", HEITI, align="left")
SIGNATURE = Look("发文机关署名", "DubanSignature", align="right")
DATE = Look("成文日期", "DubanDate", align="right")
HEADINGS = (HEADING1, HEADING2, HEADING3)


def set_fonts(element, font: str, size: float | None = None, bold: bool | None = None) -> None:
    """Give a run or style all four font slots (Latin, complex, East-Asian) and a size.

    `element` is anything with a python-docx `font` (Run, Style): the East-Asian
    slot has no python-docx property, so it is written into w:rFonts directly.
    """
    element.font.name = font
    if size is not None:
        element.font.size = Pt(size)
    if bold is not None:
        element.font.bold = bold
    rpr = element.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


class OfficialDocument:
    """An A4 document with GB/T 9704 margins, body type and page numbers, and
    one Word paragraph style per `Look` (created on first use, then cached:
    python-docx finds a style by name by walking every style, per paragraph)."""

    def __init__(self) -> None:
        self.document = Document()
        section = self.document.sections[0]
        _page(section, landscape=False)
        section.header_distance = Cm(1.5)
        section.footer_distance = Cm(2.8)  # the page number sits 7 mm below the type area
        normal = self.document.styles["Normal"]
        set_fonts(normal, FANGSONG, SANHAO)
        _line_pitch(normal.paragraph_format)
        _page_numbers(section)
        self.landscape = False
        self._styles: set[str] = set()  # ids of the styles added so far

    def turn(self, landscape: bool) -> None:
        """Go on, on a new page, in landscape (a wide table) or back in portrait.
        A rotated page keeps the binding margin on the same edge of the sheet."""
        if landscape != self.landscape:
            _page(self.document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
            self.landscape = landscape

    @property
    def type_width_cm(self) -> float:
        if self.landscape:
            return 29.7 - MARGINS_CM["top"] - MARGINS_CM["bottom"]
        return 21.0 - MARGINS_CM["left"] - MARGINS_CM["right"]

    def style_id(self, look: Look) -> str:
        if look.sid not in self._styles:
            self.document.styles.element.append(_style_element(look))
            self._styles.add(look.sid)
        return look.sid

    def paragraph(self, look: Look, text: str = "", *, breaks: list[str] | None = None):
        """A paragraph of `look`; its runs carry the fonts too, so a viewer that
        ignores style fonts (some WPS versions) still shows the right faces.
        `breaks` adds further lines after soft line breaks, in the same paragraph."""
        para = self.document.add_paragraph()
        para._p.style = self.style_id(look)
        lines = [text, *(breaks or [])]
        for k, line in enumerate(lines):
            run = para.add_run(line)
            dress(run, look.font, look.size, look.bold)
            if k + 1 < len(lines):
                run.add_break()
        return para

    def labelled(self, look: Look, label: str, text: str):
        """A paragraph opening with a bold label: 进展情况：…, 存在问题：…"""
        para = self.paragraph(look, label)
        para.runs[0].font.bold = True
        dress(para.add_run(text), look.font, look.size, look.bold)
        return para

    def blank(self) -> None:
        """An empty body line (空一行), as GB/T 9704 puts between blocks."""
        self.document.add_paragraph()._p.style = self.style_id(BODY)

    def sign_off(self, issuer: str | None, date: str | None) -> None:
        """发文机关署名 and 成文日期 (GB/T 9704 §7.3.5.2, without a seal): one line
        below the text, the office two characters in from the right, the date
        on the next line with its first character two to the right of the
        office's first character."""
        if not (issuer or date):
            return
        self.blank()
        office = _width(issuer or "")
        dated = _width(date or "")
        office_indent = 2 + max(dated - office, 0) if issuer else 0
        if issuer:
            self.paragraph(SIGNATURE, issuer).paragraph_format.right_indent = Pt(
                SANHAO * office_indent
            )
        if date:
            indent = max(office_indent + office - 2 - dated, 0) if issuer else 4
            self.paragraph(DATE, date).paragraph_format.right_indent = Pt(SANHAO * indent)

    def table(self, header: list[str], widths_cm: list[float]) -> TableWriter:
        """A ruled table with a bold header row repeated on every page; a width of
        0 takes what the others leave of the type area."""
        rest = max(self.type_width_cm - sum(widths_cm), 2.0)
        table = self.document.add_table(rows=0, cols=len(header))
        table.style = self.document.styles["Table Grid"]
        table.autofit = False
        writer = TableWriter(table, [Cm(w or rest) for w in widths_cm])
        for column, width in zip(table.columns, writer.widths, strict=True):
            column.width = width
        row = writer.add_row()
        for cell, word in zip(row.cells, header, strict=True):
            writer.text(cell, word, bold=True, center=True, font=HEITI)
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        return writer

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


@dataclass
class TableWriter:
    """A table being written: rows get the column widths (Word reads each
    cell's own width) and cell text in 小四, single-spaced (the body's fixed
    28 pt pitch would make every row tall)."""

    table: object  # docx.table.Table
    widths: list

    def add_row(self):
        row = self.table.add_row()
        for cell, width in zip(row.cells, self.widths, strict=True):
            cell.width = width
        return row

    def text(self, cell, text: str, *, bold=False, center=False, font=FANGSONG) -> None:
        para = cell.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        para.paragraph_format.line_spacing = 1.0
        para.paragraph_format.first_line_indent = Pt(0)
        dress(para.add_run(text), font, XIAOSI, bold)


def _width(text: str) -> float:
    """Printed width in Chinese characters: digits and Latin letters are half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _page(section, *, landscape: bool) -> None:
    """A4 with the GB/T 9704 margins; turned, the margins turn with the sheet."""
    sides = ("top", "bottom", "left", "right")
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        turned = ("right", "left", "top", "bottom")  # the top edge becomes the left
        for side, source in zip(turned, sides, strict=True):
            setattr(section, f"{side}_margin", Cm(MARGINS_CM[source]))
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in sides:
            setattr(section, f"{side}_margin", Cm(MARGINS_CM[side]))


_JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _style_element(look: Look):
    """The w:style of a Look, written as XML: python-docx's add_style looks the
    name up among all styles first, which costs more than the whole paragraph."""
    ppr = [
        f'<w:spacing w:before="{_twips(LINE_PITCH * look.space_before)}" '
        f'w:after="{_twips(LINE_PITCH * look.space_after)}" '
        f'w:line="{_twips(LINE_PITCH)}" w:lineRule="exact"/>'
    ]
    if look.first_indent:
        ppr.append(f'<w:ind w:firstLine="{_twips(look.size * look.first_indent)}"/>')
    ppr.append(f'<w:jc w:val="{_JC[look.align]}"/>')
    if look.outline is not None:
        ppr.append(f'<w:outlineLvl w:val="{look.outline}"/>')
    return parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{look.sid}">'
        f'<w:name w:val="{look.name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{''.join(ppr)}</w:pPr>{_rpr_xml(look.font, look.size, look.bold)}</w:style>"
    )


def dress(run, font: str, size: float, bold: bool = False) -> None:
    """Give a new run its fonts (all four slots, East-Asian included), size and weight."""
    run._r.insert(0, deepcopy(_rpr(font, size, bold)))


@lru_cache(maxsize=64)
def _rpr(font: str, size: float, bold: bool):
    return parse_xml(_rpr_xml(font, size, bold))


def _rpr_xml(font: str, size: float, bold: bool) -> str:
    slots = " ".join(f'w:{slot}="{font}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
    half_points = round(size * 2)
    return (
        f"<w:rPr {nsdecls('w')}><w:rFonts {slots}/>{'<w:b/><w:bCs/>' if bold else ''}"
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )


def _twips(points: float) -> int:
    return round(points * 20)


def _line_pitch(fmt) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH)


def _page_numbers(section) -> None:
    """Page numbers "— 1 —" centred in the footer, 宋体 四号 (GB/T 9704 §7.5)."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("text", "— "), ("field", "PAGE"), ("text", " —")):
        if kind == "text":
            run = footer.add_run(text)
        else:
            run = footer.add_run()
            for fld_type, instr in (("begin", None), (None, text), ("end", None)):
                if instr:
                    node = OxmlElement("w:instrText")
                    node.set(qn("xml:space"), "preserve")
                    node.text = f" {instr} "
                else:
                    node = OxmlElement("w:fldChar")
                    node.set(qn("w:fldCharType"), fld_type)
                run._r.append(node)
        set_fonts(run, SONGTI, SIHAO)

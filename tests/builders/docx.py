"""Real .docx notices built with python-docx, including what plain text cannot carry:
Word automatic numbering, vertically merged cells and text boxes."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# Level formats of a numbering definition: (numFmt, lvlText) per level.
OFFICIAL_LEVELS = (
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
)


@dataclass
class DocxNotice:
    """Paragraphs and tables in order; ("numbered", level, text) paragraphs use
    Word numbering instead of printed ordinals."""

    parts: list = field(default_factory=list)

    def paragraph(self, text: str) -> DocxNotice:
        self.parts.append(("p", text))
        return self

    def numbered(self, level: int, text: str) -> DocxNotice:
        self.parts.append(("num", level, text))
        return self

    def table(self, rows: list[list[str | None]], merges=()) -> DocxNotice:
        """rows of cell texts; merges: ((row, col), (row2, col2)) ranges to merge."""
        self.parts.append(("table", rows, merges))
        return self

    def text_box(self, text: str) -> DocxNotice:
        self.parts.append(("box", text))
        return self

    def build(self) -> bytes:
        document = Document()
        num_id = _add_numbering(document)
        for part in self.parts:
            if part[0] == "p":
                document.add_paragraph(part[1])
            elif part[0] == "num":
                paragraph = document.add_paragraph(part[2])
                ppr = paragraph._p.get_or_add_pPr()
                ppr.append(
                    parse_xml(
                        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{part[1]}"/>'
                        f'<w:numId w:val="{num_id}"/></w:numPr>'
                    )
                )
            elif part[0] == "box":
                _add_text_box(document, part[1])
            else:
                _add_table(document, part[1], part[2])
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _add_numbering(document) -> str:
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(OFFICIAL_LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return "90"


def _add_table(document, rows, merges) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                table.cell(r, c).text = text
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))


def _add_text_box(document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    run._r.append(
        parse_xml(
            f'<w:pict {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
            f"<v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
            f"</w:txbxContent></v:textbox></v:shape></w:pict>"
        )
    )

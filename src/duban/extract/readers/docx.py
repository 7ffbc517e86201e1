"""Word .docx notices: body paragraphs and tables in document order.

What a .docx knows that its text does not, and this reader keeps:
- automatic numbering (w:numPr → numbering.xml) is rendered into the text,
  because many notices carry their 1. 2. 3. and （一） only as list numbering;
- a vertically merged cell (w:vMerge continue) is marked `merged=True`, so the
  table recogniser knows rather than guesses; a horizontal span (w:gridSpan)
  becomes the spanning cell followed by empty cells, as in a flattened table;
- text in text boxes is read; headers and footers are not (they are not body).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml.ns import qn

from duban.extract.blocks import Block, Cell, Paragraph, Row, Table
from duban.extract.errors import ExtractError
from duban.extract.readers.numbering import Numbering

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(data: bytes) -> list[Block]:
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise ExtractError("Word 文件已损坏，无法打开", f"broken docx: {exc}") from exc
    numbering = Numbering.from_document(document)
    reader = _BodyReader(numbering, _style_numbering(document))
    reader.read(document.element.body)
    return reader.blocks


def _style_numbering(document) -> dict[str, tuple[str, int]]:
    """Paragraph styles that carry numbering themselves (style → numId, ilvl)."""
    out: dict[str, tuple[str, int]] = {}
    for style in document.styles.element.findall(qn("w:style")):
        num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is not None:
            level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
            out[style.get(qn("w:styleId"))] = (num_id.get(qn("w:val")), level)
    return out


class _BodyReader:
    def __init__(self, numbering: Numbering, style_numbering: dict[str, tuple[str, int]]):
        self.numbering = numbering
        self.style_numbering = style_numbering
        self.blocks: list[Block] = []
        self.paragraphs = 0

    def read(self, body) -> None:
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(child)
            elif child.tag == qn("w:tbl"):
                self._table(child)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.read(content)

    def _paragraph(self, p) -> None:
        self.paragraphs += 1
        for line in self._numbered_text(p).split("\n"):
            if line.strip():
                self.blocks.append(Paragraph(line.strip(), self.paragraphs))
        for box in p.iter(qn("w:txbxContent")):
            if any(a.tag == _FALLBACK for a in box.iterancestors()):
                continue  # the same text box again, for old Word versions
            for inner in box.iter(qn("w:p")):
                self.paragraphs += 1
                inner_text = _text(inner)
                if inner_text.strip():
                    self.blocks.append(Paragraph(inner_text.strip(), self.paragraphs))

    def _numbered_text(self, p) -> str:
        text = _text(p)
        num = self._num_pr(p)
        if num and text.strip():
            prefix = self.numbering.render(*num)
            if prefix:
                return prefix + text.lstrip()
        return text

    def _num_pr(self, p) -> tuple[str, int] | None:
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return None
        num_pr = ppr.find(qn("w:numPr"))
        if num_pr is not None:
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            if num_id is None:
                return None
            return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            return self.style_numbering.get(style.get(qn("w:val")))
        return None

    def _table(self, tbl) -> None:
        table = Table(
            line=self.paragraphs + 1, index=sum(isinstance(b, Table) for b in self.blocks)
        )
        for tr in tbl.iterchildren(qn("w:tr")):
            cells: list[Cell] = []
            for tc in tr.iterchildren(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span, merged = 1, None
                if tcpr is not None:
                    grid = tcpr.find(qn("w:gridSpan"))
                    if grid is not None:
                        span = int(grid.get(qn("w:val")))
                    vmerge = tcpr.find(qn("w:vMerge"))
                    if vmerge is not None:
                        merged = vmerge.get(qn("w:val")) in (None, "continue")
                texts = [self._numbered_text(p).strip() for p in tc.iter(qn("w:p"))]
                text = "\n".join(t for t in texts if t)
                cells.append(Cell("" if merged else text, merged if merged else False))
                cells.extend(Cell("", False) for _ in range(span - 1))
            self.paragraphs += 1
            table.rows.append(Row(cells, self.paragraphs))
        if table.rows:
            self.blocks.append(table)


_SPACE = re.compile(r"[ \t]+")  # line breaks (w:br) are kept as "\n"


def _text(p) -> str:
    """A paragraph's text: runs and tabs, not the text boxes anchored in it."""
    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if _in_text_box(node, p):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == qn("w:tab") else "\n")
    return _SPACE.sub(" ", "".join(parts))


def _in_text_box(node, p) -> bool:
    for ancestor in node.iterancestors():
        if ancestor is p:
            return False
        if ancestor.tag == qn("w:txbxContent"):
            return True
    return False

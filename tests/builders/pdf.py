"""Real PDF notices drawn with reportlab, as a printer would lay them out: lines of
text, ruled tables (grid lines drawn, merged cells drawn as one box) that flow
onto the next page with their header row repeated, page numbers and a running
header; and a scanned page that is only an image.

Text uses reportlab's built-in CID font STSong-Light, so no font file is needed
and the text layer maps back to Unicode.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
SIZE = 12
LINE = 24  # paragraph line pitch
ROW_LINE = 16  # pitch of the lines inside a table cell
PAD = 5
MARGIN = 72
WIDTH = 595  # A4

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@dataclass
class PdfNotice:
    """Paragraph lines and tables in order. `page_height` shortens the page so a
    small table spans pages; `header` is printed atop every page but the first
    (which carries the letterhead); each page gets its number ("— 1 —") at the
    foot; `password` locks the file."""

    page_height: float = 842
    header: str = ""
    password: str = ""
    parts: list = field(default_factory=list)

    def paragraph(self, text: str, bold: bool = False) -> PdfNotice:
        """bold: printed twice, a hair apart, as some editors fake bold type."""
        self.parts.append(("p", text, bold))
        return self

    def table(self, rows: list[list[str | None]], merges=()) -> PdfNotice:
        """rows of cell texts ("\\n" breaks a line in a cell); merges:
        ((row, col), (row2, col2)) ranges printed as one box with the first text."""
        self.parts.append(("table", rows, merges))
        return self

    def build(self) -> bytes:
        out = io.BytesIO()
        lock = StandardEncryption(self.password) if self.password else None
        _Layout(Canvas(out, pagesize=(WIDTH, self.page_height), encrypt=lock), self).draw()
        return out.getvalue()


class _Layout:
    """A cursor running down the page, starting a new page when a line or a
    table row would cross the bottom margin."""

    def __init__(self, canvas: Canvas, notice: PdfNotice):
        self.canvas = canvas
        self.notice = notice
        self.page = 0
        self._new_page()

    def draw(self) -> None:
        for part in self.notice.parts:
            if part[0] == "p":
                if self.y - LINE < MARGIN:
                    self._next_page()
                self.y -= LINE
                self.canvas.drawString(MARGIN, self.y, part[1])
                if part[2]:
                    self.canvas.drawString(MARGIN + 0.3, self.y, part[1])
            else:
                self._table(part[1], part[2])
        self._finish_page()
        self.canvas.save()

    def _new_page(self) -> None:
        self.page += 1
        self.canvas.setFont(FONT, SIZE)
        self.y = self.notice.page_height - MARGIN
        if self.notice.header and self.page > 1:
            self.canvas.drawCentredString(WIDTH / 2, self.y + LINE, self.notice.header)

    def _finish_page(self) -> None:
        self.canvas.drawCentredString(WIDTH / 2, MARGIN / 2, f"— {self.page} —")

    def _next_page(self) -> None:
        self._finish_page()
        self.canvas.showPage()
        self._new_page()

    def _table(self, rows: list[list[str | None]], merges) -> None:
        widths = _column_widths(rows)
        heights = [_row_height(row) for row in rows]
        covered, spans = _merge_map(merges)
        self.y -= PAD
        for r, row in enumerate(rows):
            span_height = heights[r]
            for (r1, _), (r2, _) in (spans[(r, c)] for c in range(len(row)) if (r, c) in spans):
                span_height = max(span_height, sum(heights[r1 : r2 + 1]))
            if r > 0 and self.y - span_height < MARGIN:
                self._next_page()
                self._row(rows[0], 0, widths, heights, {}, {})  # the header again
            self._row(row, r, widths, heights, covered, spans)

    def _row(self, row, r, widths, heights, covered, spans) -> None:
        x = MARGIN
        for c, text in enumerate(row):
            if (r, c) not in covered:
                (r1, c1), (r2, c2) = spans.get((r, c), ((r, c), (r, c)))
                w = sum(widths[c1 : c2 + 1])
                h = sum(heights[r1 : r2 + 1])
                self.canvas.rect(x, self.y - h, w, h)
                for k, line in enumerate((text or "").split("\n")):
                    self.canvas.drawString(x + PAD, self.y - PAD - SIZE - k * ROW_LINE, line)
            x += widths[c]
        self.y -= heights[r]


def _column_widths(rows: list[list[str | None]]) -> list[float]:
    width = max(len(r) for r in rows)
    longest = [
        max(len(line) for row in rows if c < len(row) for line in (row[c] or "").split("\n"))
        for c in range(width)
    ]
    return [n * SIZE + 2 * PAD for n in longest]


def _row_height(row: list[str | None]) -> float:
    lines = max(len((text or "").split("\n")) for text in row)
    return SIZE + 2 * PAD + (lines - 1) * ROW_LINE


def _merge_map(merges) -> tuple[set, dict]:
    """Cells hidden under a merge, and each merge's top-left cell → its range."""
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple] = {}
    for (r1, c1), (r2, c2) in merges:
        spans[(r1, c1)] = ((r1, c1), (r2, c2))
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        covered.discard((r1, c1))
    return covered, spans


def scanned_pdf() -> bytes:
    """A page that is only a picture of a page: no text layer at all."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(WIDTH, 842))
    picture = Image.new("L", (210, 297), 255)
    picture.paste(0, (20, 20, 190, 40))  # a dark band where a title would be
    canvas.drawImage(ImageReader(picture), 0, 0, WIDTH, 842)
    canvas.showPage()
    canvas.save()
    return out.getvalue()

"""A text notice rendered back into the office files it was flattened from.

The text samples are what Word, Excel, a web page or a PDF became once copied
into plain text: tables turned into markdown rows or TAB-led cells, merged
cells into empty ones. This module goes the other way. From the notice's block
stream (`parse_lines`) and its text plan (`extract_bytes`) it builds a real
.docx, .xlsx, .html and .pdf whose reading should give the same plan:

- paragraphs stay paragraphs (PDF: one printed line each, on a page wide
  enough to hold the longest one);
- table fragments that repeat their header (page breaks in the text) become
  one table with the header once; a fragment with another header starts a
  new table;
- an empty cell the text reading filled from the row above (its
  "filled_from_merge" diagnostics name the row's line and the role), and an
  empty category cell under a filled one, become a real vertical merge, as in
  the document the text was flattened from; other empty cells stay empty;
- a header cell left empty after a filled one, and a heading row with one
  text, become horizontal spans;
- in .xlsx, the paragraphs before a table are its sheet's title rows (one
  merged cell per row) and each table separated by paragraphs (附件2 …) gets
  its own sheet; a notice without tables becomes the ledger a lead unit keeps
  of it, built from the text plan: 序号, 工作任务, 牵头领导, 牵头单位, 责任单位,
  完成时限, with a row for each section heading.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field

import openpyxl
from docx import Document
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from duban.extract import Plan, extract_bytes
from duban.extract.blocks import Block, Cell, Paragraph, Row, Table
from duban.extract.builder import section_title
from duban.extract.chinese import squeeze
from duban.extract.readers.encoding import decode
from duban.extract.readers.text import parse_lines
from duban.extract.recognisers.tables import header_roles
from duban.extract.vocabulary import (
    CATEGORY,
    CONTENT,
    DEADLINE,
    LEAD,
    LEADER,
    RESPONSIBLE,
    SUPPORT,
)

FORMATS = ("docx", "xlsx", "html", "pdf")

# The role names the table recogniser prints in its "filled_from_merge" messages.
_ROLE_BY_NAME = {
    "牵头领导": LEADER,
    "牵头单位": LEAD,
    "责任单位": RESPONSIBLE,
    "配合单位": SUPPORT,
    "完成时限": DEADLINE,
}
_FILLED = re.compile(r"“([^”]+)”为空")
_SEQ = re.compile(r"^\d{1,4}$")


@dataclass
class Grid:
    """One table as the original document had it: rows of cell texts (padded to
    one width), each row's kind and the column roles in force, and its merges."""

    rows: list[list[str]]
    kinds: list[str]  # "header", "heading" or "data"
    roles: list[list[str | None]]
    merged: set[tuple[int, int]] = field(default_factory=set)  # continues the cell above
    spans: dict[tuple[int, int], int] = field(default_factory=dict)  # columns spanned

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def down(self, r: int, c: int) -> int:
        """The last row of the vertical merge that starts at (r, c)."""
        end = r
        while (end + 1, c) in self.merged:
            end += 1
        return end

    def vertical_ranges(self) -> list[tuple[int, int, int]]:
        """(first row, last row, column) of each vertical merge."""
        return [
            (r, self.down(r, c), c)
            for r in range(len(self.rows))
            for c in range(self.width)
            if (r, c) not in self.merged and (r + 1, c) in self.merged
        ]

    def covered(self) -> set[tuple[int, int]]:
        """Cells hidden under another cell: vertically merged or spanned over."""
        out = set(self.merged)
        for (r, c), n in self.spans.items():
            out |= {(r, k) for k in range(c + 1, c + n)}
        return out

    def role(self, r: int, c: int) -> str | None:
        roles = self.roles[r]
        return roles[c] if c < len(roles) else None


Part = str | Grid  # a paragraph's text, or a table


@dataclass
class Twin:
    """A text notice, its reading and its layout as the original document."""

    data: bytes
    blocks: list[Block]
    plan: Plan
    parts: list[Part]


def twin(data: bytes) -> Twin:
    """The text notice `data` (as stored, any encoding the reader takes)."""
    blocks = parse_lines(decode(data).split("\n"))
    plan = extract_bytes(data)
    fills: dict[int, set[str]] = {}
    for d in plan.diagnostics:
        m = _FILLED.search(d.message)
        if d.code == "filled_from_merge" and m and d.line is not None:
            fills.setdefault(d.line, set()).add(_ROLE_BY_NAME[m.group(1)])
    return Twin(data, blocks, plan, _parts(blocks, fills))


def render(notice: Twin, fmt: str) -> bytes:
    return {"docx": to_docx, "xlsx": to_xlsx, "html": to_html, "pdf": to_pdf}[fmt](notice)


# -- layout -------------------------------------------------------------------


def _header_key(table: Table) -> tuple[str, ...] | None:
    if not table.rows or header_roles(table.rows[0]) is None:
        return None
    return tuple(squeeze(c.text) for c in table.rows[0].cells)


def _parts(blocks: list[Block], fills: dict[int, set[str]]) -> list[Part]:
    """Paragraph texts and grids; consecutive fragments with the same header are
    one table whose header printed again at each page break is dropped."""
    parts: list = []
    last_key: tuple[str, ...] | None = None
    for block in blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
            last_key = None
            continue
        key = _header_key(block)
        if key is not None and key == last_key and isinstance(parts[-1], list):
            parts[-1].extend(block.rows[1:])
        else:
            parts.append(list(block.rows))
        last_key = key
    return [_grid(p, fills) if isinstance(p, list) else p for p in parts]


def _is_heading(cells: list[str]) -> bool:
    """One text, not a number, in the first cell: a row naming a group of tasks."""
    filled = [c for c in cells if squeeze(c)]
    return len(filled) == 1 and bool(squeeze(cells[0])) and not squeeze(cells[0]).isdigit()


def _grid(rows: list[Row], fills: dict[int, set[str]]) -> Grid:
    width = max(len(row.cells) for row in rows)
    texts = [[c.text for c in row.cells] + [""] * (width - len(row.cells)) for row in rows]
    grid = Grid(texts, [], [])
    roles: list[str | None] = []
    for k, row in enumerate(rows):
        found = header_roles(row)
        if found:
            if k and grid.kinds[-1] == "header":  # a second header row refines the first
                found = [f or (roles[i] if i < len(roles) else None) for i, f in enumerate(found)]
            roles = found
            grid.kinds.append("header")
        elif _is_heading(texts[k]):
            grid.kinds.append("heading")
        else:
            grid.kinds.append("data")
        grid.roles.append(roles)
    for r, row in enumerate(rows):
        kind = grid.kinds[r]
        if kind == "heading":
            grid.spans[(r, 0)] = width
        elif kind == "header":
            _header_spans(grid, r)
        elif row.line in fills:
            for c in range(width):
                if grid.role(r, c) in fills[row.line] and not squeeze(texts[r][c]):
                    grid.merged.add((r, c))
    for r in range(1, len(rows)):
        for c in range(width):
            if (
                grid.kinds[r] == grid.kinds[r - 1] == "data"
                and grid.role(r, c) == CATEGORY
                and not squeeze(texts[r][c])
                and (squeeze(texts[r - 1][c]) or (r - 1, c) in grid.merged)
            ):
                grid.merged.add((r, c))
    # A merge continues a data cell right above it, or it is no merge.
    for r, c in sorted(grid.merged):
        above = (r - 1, c)
        if not (
            r > 0
            and grid.kinds[r - 1] == "data"
            and (squeeze(texts[r - 1][c]) or above in grid.merged)
        ):
            grid.merged.discard((r, c))
    return grid


def _header_spans(grid: Grid, r: int) -> None:
    """An empty header cell after a filled one: the filled one spans it."""
    start = None
    for c, text in enumerate(grid.rows[r]):
        if squeeze(text):
            start = c
        elif start is not None:
            grid.spans[(r, start)] = c - start + 1


# -- .docx ----------------------------------------------------------------------


def to_docx(notice: Twin) -> bytes:
    document = Document()
    previous: Part | None = None
    for part in notice.parts:
        if isinstance(part, str):
            document.add_paragraph(part)
        else:
            if isinstance(previous, Grid):
                document.add_paragraph()
            _docx_table(document, part)
        previous = part
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, grid: Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = "Table Grid"
    cells = [row.cells for row in table.rows]
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            lines = [line for line in text.split("\n") if line.strip()]
            if not lines or (r, c) in grid.merged:
                continue
            cell = cells[r][c]
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for (r, c), n in grid.spans.items():
        cells[r][c].merge(cells[r][c + n - 1])
    for r1, r2, c in grid.vertical_ranges():
        cells[r1][c].merge(cells[r2][c])


# -- .html ----------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body>
<div class="nav">首页 | 政务公开 | 政府文件</div>
<div class="article-content">
{body}
</div>
<div class="footer">版权所有 政府门户网站</div>
</body></html>
"""


def to_html(notice: Twin) -> bytes:
    body: list[str] = []
    for part in notice.parts:
        if isinstance(part, str):
            body.append(f"<p>{html.escape(part)}</p>")
        else:
            body.append(_html_table(part))
    title = html.escape(notice.plan.document.title or "")
    return _PAGE.format(title=title, body="\n".join(body)).encode("utf-8")


def _html_table(grid: Grid) -> str:
    covered = grid.covered()
    lines = ['<table border="1" cellspacing="0">']
    for r, row in enumerate(grid.rows):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            attrs = ""
            if (r, c) in grid.spans:
                attrs += f' colspan="{grid.spans[(r, c)]}"'
            if (r + 1, c) in grid.merged:
                attrs += f' rowspan="{grid.down(r, c) - r + 1}"'
            tag = "th" if grid.kinds[r] == "header" else "td"
            inner = "<br>".join(html.escape(line) for line in text.split("\n") if line.strip())
            cells.append(f"<{tag}{attrs}>{inner}</{tag}>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    lines.append("</table>")
    return "\n".join(lines)


# -- .xlsx ----------------------------------------------------------------------

LEDGER_HEADER = ("序号", "工作任务", "牵头领导", "牵头单位", "责任单位", "完成时限")


@dataclass
class _Sheet:
    name: str
    titles: list[str]
    grids: list[Grid]


def to_xlsx(notice: Twin) -> bytes:
    sheets = _sheets(notice.parts)
    if not sheets:
        sheets = _ledger(notice)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.name), sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheets(parts: list[Part]) -> list[_Sheet]:
    """One sheet per run of tables, its title rows the paragraphs before it;
    paragraphs after the last table (抄送, 印发) are not part of a ledger."""
    sheets: list[_Sheet] = []
    pending: list[str] = []
    for part in parts:
        if isinstance(part, str):
            pending.append(part)
        elif sheets and not pending:
            sheets[-1].grids.append(part)
        else:
            sheets.append(_Sheet(_sheet_name(pending, len(sheets) + 1), pending, [part]))
            pending = []
    return sheets


def _sheet_name(titles: list[str], n: int) -> str:
    marks = [squeeze(t) for t in titles if re.fullmatch(r"附件\d*", squeeze(t))]
    return marks[-1] if marks else f"Sheet{n}"


def _ledger(notice: Twin) -> list[_Sheet]:
    """The ledger of a notice whose tasks are running text: one sheet per task
    list, section headings as rows spanning the table."""
    plan = notice.plan
    lists: list[str | None] = []
    for task in plan.tasks:
        if task.list not in lists:
            lists.append(task.list)
    sheets = []
    for n, name in enumerate(lists, 1):
        tasks = [t for t in plan.tasks if t.list == name]
        rows = [list(LEDGER_HEADER)]
        kinds = ["header"]
        path: list[str] = []
        for task in tasks:
            keep = 0
            while keep < min(len(path), len(task.section)) and path[keep] == task.section[keep]:
                keep += 1
            for heading in task.section[keep:]:
                rows.append([heading] + [""] * (len(LEDGER_HEADER) - 1))
                kinds.append("heading")
            path = list(task.section)
            content = task.content + ("（废止）" if task.status == "abolished" else "")
            rows.append(
                [
                    task.seq,
                    content,
                    "、".join(task.lead_leaders),
                    "、".join(task.lead_units),
                    "、".join(task.support_units),
                    task.deadline or "",
                ]
            )
            kinds.append("data")
        grid = Grid(rows, kinds, [header_roles(_header_row(LEDGER_HEADER))] * len(rows))
        grid.spans = {(r, 0): len(LEDGER_HEADER) for r, k in enumerate(kinds) if k == "heading"}
        titles = _ledger_titles(notice) if n == 1 else []
        if name and len(lists) > 1:
            titles = [*titles, name]
        sheets.append(_Sheet(f"Sheet{n}", titles, [grid]))
    return sheets


def _header_row(texts) -> Row:
    return Row([Cell(t) for t in texts], 0)


def _ledger_titles(notice: Twin) -> list[str]:
    """The notice's paragraphs before its first task and that task's headings."""
    first = notice.plan.tasks[0]
    lines = first.source.get("lines") or [first.source.get("line") or 0]
    cut = lines[0]
    headings = {squeeze(h) for h in first.section}
    for block in notice.blocks:
        if (
            isinstance(block, Paragraph)
            and block.line < cut
            and section_title(block.text) in headings
        ):
            cut = block.line
            break
    return [b.text for b in notice.blocks if isinstance(b, Paragraph) and b.line < cut]


def _write_sheet(ws, sheet: _Sheet) -> None:
    width = max(g.width for g in sheet.grids)
    wrap = Alignment(wrap_text=True, vertical="center")
    r0 = 1
    for title in sheet.titles:
        ws.cell(r0, 1, title)
        if width > 1:
            ws.merge_cells(start_row=r0, start_column=1, end_row=r0, end_column=width)
        r0 += 1
    for grid in sheet.grids:
        for r, row in enumerate(grid.rows):
            for c, text in enumerate(row):
                if not text.strip() or (r, c) in grid.merged:
                    continue
                value = text.strip()
                cell = ws.cell(r0 + r, c + 1, int(value) if _SEQ.match(value) else value)
                cell.alignment = wrap
        for (r, c), n in grid.spans.items():
            ws.merge_cells(start_row=r0 + r, start_column=c + 1, end_row=r0 + r, end_column=c + n)
        for r1, r2, c in grid.vertical_ranges():
            ws.merge_cells(start_row=r0 + r1, start_column=c + 1, end_row=r0 + r2, end_column=c + 1)
        r0 += len(grid.rows)
    for c in range(width):
        ws.column_dimensions[get_column_letter(c + 1)].width = 14
    if sheet.grids[0].width > 1:
        ws.column_dimensions["B"].width = 60


# -- .pdf -----------------------------------------------------------------------

FONT = "STSong-Light"
SIZE = 9  # small type, so the longest paragraph still prints as one line
LINE = 18  # paragraph line pitch
ROW_LINE = 12  # pitch of the lines inside a table cell
PAD = 4
MARGIN = 40
TABLE_GAP = 12
# Characters per printed line in a cell, by column role. Task text, categories
# and deadlines break anywhere (the reader squeezes them); unit lists only
# where a space separates two units; leader lists only after 、 or ，.
_WRAP_ANY = {CONTENT: 36, CATEGORY: 10, DEADLINE: 12}
_WRAP_SPACES = {LEAD: 28, RESPONSIBLE: 28, SUPPORT: 28}
_WRAP_AFTER_COMMA = {LEADER: 12}

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _printable(text: str) -> str:
    """STSong-Light's encoding has no U+00B7 (reportlab silently drops it); GB
    fonts print the middle dot as U+30FB, whose glyph reads back as U+00B7."""
    return text.replace("\u00b7", "\u30fb")


def _text_width(text: str) -> float:
    return pdfmetrics.stringWidth(text, FONT, SIZE)


def to_pdf(notice: Twin) -> bytes:
    tables = [_PdfTable(p) for p in notice.parts if isinstance(p, Grid)]
    paragraphs = [p for p in notice.parts if isinstance(p, str)]
    width = max(
        [595.0]
        + [2 * MARGIN + _text_width(p) + SIZE for p in paragraphs]
        + [2 * MARGIN + t.width for t in tables]
    )
    height = max([842.0] + [2 * MARGIN + t.tallest + TABLE_GAP for t in tables])
    out = io.BytesIO()
    pages = _PdfPages(Canvas(out, pagesize=(width, height)), width, height)
    tables_iter = iter(tables)
    for part in notice.parts:
        if isinstance(part, str):
            pages.line(part)
        else:
            pages.table(next(tables_iter))
    pages.finish()
    return out.getvalue()


class _PdfTable:
    """A grid measured for printing: each cell's lines, column widths, row
    heights, and the runs of rows a page break must not split (a merge)."""

    def __init__(self, grid: Grid):
        self.grid = grid
        covered = grid.covered()
        self.lines = [
            [
                [] if (r, c) in covered else _cell_lines(text, grid.role(r, c))
                for c, text in enumerate(row)
            ]
            for r, row in enumerate(grid.rows)
        ]
        self.widths = [2 * SIZE + 2 * PAD] * grid.width
        for r, row in enumerate(self.lines):
            for c, lines in enumerate(row):
                if grid.spans.get((r, c), 1) == 1 and lines:
                    need = max(_text_width(line) for line in lines) + 2 * PAD + 1
                    self.widths[c] = max(self.widths[c], need)
        for (r, c), n in grid.spans.items():
            need = max((_text_width(line) for line in self.lines[r][c]), default=0) + 2 * PAD + 1
            short = need - sum(self.widths[c : c + n])
            if short > 0:
                self.widths[c + n - 1] += short
        self.heights = [
            2 * PAD + max(1, *(len(lines) for lines in row)) * ROW_LINE for row in self.lines
        ]
        self.header = 0
        while self.header < len(grid.kinds) and grid.kinds[self.header] == "header":
            self.header += 1
        self.blocks = self._blocks()

    @property
    def width(self) -> float:
        return sum(self.widths)

    @property
    def tallest(self) -> float:
        head = sum(self.heights[: self.header])
        return head + max((self._height(a, b) for a, b in self.blocks), default=0)

    def _height(self, first: int, last: int) -> float:
        return sum(self.heights[first : last + 1])

    def _blocks(self) -> list[tuple[int, int]]:
        """Runs of body rows joined by vertical merges."""
        ends = {r: r for r in range(self.header, len(self.heights))}
        for r1, r2, _ in self.grid.vertical_ranges():
            ends[r1] = max(ends[r1], r2)
        blocks: list[tuple[int, int]] = []
        r = self.header
        while r < len(self.heights):
            end = ends[r]
            k = r
            while k <= end:
                end = max(end, ends[k])
                k += 1
            blocks.append((r, end))
            r = end + 1
        return blocks


def _cell_lines(text: str, role: str | None) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if role in _WRAP_ANY:
        return [part for line in lines for part in _wrap_anywhere(line, _WRAP_ANY[role])]
    if role in _WRAP_SPACES:
        return [part for line in lines for part in _wrap_at(line, _WRAP_SPACES[role], " ")]
    if role in _WRAP_AFTER_COMMA:
        return [part for line in lines for part in _wrap_at(line, _WRAP_AFTER_COMMA[role], "、，")]
    return lines


def _wrap_anywhere(line: str, n: int) -> list[str]:
    """Lines of n characters, never breaking inside a short bracket like （废止）."""
    out = []
    while len(line) > n:
        cut = n
        opened = max(line.rfind(b, 0, cut) for b in "（(【[")
        if opened > n // 2 and not any(ch in "）)】]" for ch in line[opened:cut]):
            cut = opened
        out.append(line[:cut])
        line = line[cut:]
    return [*out, line] if line else out


def _wrap_at(line: str, n: int, breaks: str) -> list[str]:
    """Greedy lines of about n characters, broken only at `breaks` (a space is
    dropped at the break, a comma kept at the line's end)."""
    out: list[str] = []
    current = ""
    for piece in re.findall(rf"[^{breaks}]+[{breaks}]?|[{breaks}]", line):
        if current and len(current) + len(piece.rstrip()) > n:
            out.append(current.rstrip())
            current = ""
        current += piece
    if current.strip():
        out.append(current.rstrip())
    return out


class _PdfPages:
    """A cursor running down the page; tables flow onto the next page with
    their header rows printed again, and never split a merged cell."""

    def __init__(self, canvas: Canvas, width: float, height: float):
        self.canvas = canvas
        self.width = width
        self.height = height
        self.page = 0
        self._new_page()

    def _new_page(self) -> None:
        self.page += 1
        self.canvas.setFont(FONT, SIZE)
        self.y = self.height - MARGIN

    def _next_page(self) -> None:
        self.canvas.drawCentredString(self.width / 2, MARGIN / 2, f"— {self.page} —")
        self.canvas.showPage()
        self._new_page()

    def finish(self) -> None:
        self.canvas.drawCentredString(self.width / 2, MARGIN / 2, f"— {self.page} —")
        self.canvas.save()

    def line(self, text: str) -> None:
        if self.y - LINE < MARGIN:
            self._next_page()
        self.y -= LINE
        self.canvas.drawString(MARGIN, self.y, _printable(text))

    def table(self, table: _PdfTable) -> None:
        self.y -= TABLE_GAP
        head = table._height(0, table.header - 1) if table.header else 0
        for n, (first, last) in enumerate(table.blocks):
            if self.y - table._height(first, last) - (head if n == 0 else 0) < MARGIN:
                self._next_page()
                self._rows(table, 0, table.header - 1)
            elif n == 0:
                self._rows(table, 0, table.header - 1)
            self._rows(table, first, last)
        if not table.blocks:
            self._rows(table, 0, table.header - 1)
        self.y -= TABLE_GAP

    def _rows(self, table: _PdfTable, first: int, last: int) -> None:
        grid = table.grid
        covered = grid.covered()
        for r in range(first, last + 1):
            x = MARGIN
            for c in range(grid.width):
                if (r, c) not in covered:
                    w = sum(table.widths[c : c + grid.spans.get((r, c), 1)])
                    h = table._height(r, grid.down(r, c))
                    self.canvas.rect(x, self.y - h, w, h)
                    for k, text in enumerate(table.lines[r][c]):
                        self.canvas.drawString(
                            x + PAD, self.y - PAD - SIZE - k * ROW_LINE, _printable(text)
                        )
                x += table.widths[c]
            self.y -= table.heights[r]

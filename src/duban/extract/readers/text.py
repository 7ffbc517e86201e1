"""Plain-text notices: running lines, markdown pipe tables, grid tables
(grid.py), tables laid out with spaces (columns.py), and Word tables
flattened to TAB-led cell lines.

A flattened Word table puts every cell on a line that starts with a TAB; a
cell of several paragraphs continues on lines without a TAB. The header is the
run of cells before the first cell that is a bare number (the first 序号), and
its width says how many cells make a row.
"""

from __future__ import annotations

import csv
import re

from duban.extract.blocks import Block, Cell, Paragraph, Row, Table
from duban.extract.readers import columns, grid
from duban.extract.readers.marks import PAGE_MARK

_PIPE_ROW = re.compile(r"^\s*\|.*\|")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_BR = re.compile(r"<br\s*/?>", re.I)
_SEQ_CELL = re.compile(r"^\s*\d{1,4}\s*$")
_STRUCTURE = re.compile(
    r"^\s*(附\s*件\s*\d*|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|抄\s*送)"
)


def parse_lines(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    ahead = _Lookahead(lines)
    i = 0
    while i < len(lines):
        table, after = _table_at(lines, i, ahead)
        if table is not None:
            table.index = sum(isinstance(b, Table) for b in blocks)
            blocks.append(table)
            i = after
            continue
        line = lines[i]
        if line.strip() and not PAGE_MARK.match(line):
            blocks.append(Paragraph(line.strip(), i + 1))
        i += 1
    return blocks


def _table_at(lines: list[str], i: int, ahead: _Lookahead) -> tuple[Table | None, int]:
    """The table that starts at line `i` in any of the text forms, and the
    index after it; (None, i) when the line is running text."""
    line = lines[i]
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if grid.is_border(line) and following.lstrip().startswith("|"):
        return grid.grid_table(lines, i)
    if _PIPE_ROW.match(line):
        return _pipe_table(lines, i)
    if _is_tsv_row(line) and _is_tsv_row(following):
        return _tsv_table(lines, i)
    if line.startswith("\t") and line.strip():
        return _tab_table(lines, i, ahead)
    if columns.header_words(line):
        return columns.columns_table(lines, i)
    return None, i


def _is_tsv_row(line: str) -> bool:
    """A row copied from a spreadsheet: cells separated by TABs on one line."""
    return (
        line.strip() != "" and line.rstrip("\n").count("\t") >= 2 and not line.startswith("\t\t\t")
    )


def _tsv_table(lines: list[str], i: int) -> tuple[Table, int]:
    """Rows copied from a spreadsheet; a cell of several lines comes quoted
    ("…\n…"), as Excel copies it, and goes on over the following lines."""
    table = Table(line=i + 1)
    start = i
    while i < len(lines) and (
        _is_tsv_row(lines[i]) or "\n".join(lines[start:i]).count('"') % 2 == 1
    ):
        i += 1
    for row in csv.reader(lines[start:i], delimiter="\t"):
        table.rows.append(Row([Cell(c.strip()) for c in row], start + 1 + len(table.rows)))
    return table, i


def _pipe_cells(line: str) -> list[Cell]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [Cell(_BR.sub("\n", part).strip()) for part in body.split("|")]


def _pipe_table(lines: list[str], i: int) -> tuple[Table, int]:
    """A markdown table: rows until the first line that is not a table row.
    A row broken over several lines (no closing pipe) is joined first."""
    table = Table(line=i + 1)
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        start = i
        text = lines[i].rstrip()
        while not text.endswith("|") and i + 1 < len(lines) and lines[i + 1].strip():
            if lines[i + 1].lstrip().startswith("|"):
                break
            i += 1
            text += lines[i].strip()
        i += 1
        if _PIPE_RULE.match(text):
            continue
        table.rows.append(Row(_pipe_cells(text), start + 1))
    return table, i


class _Lookahead:
    """For each line, where the next TAB line and the next structural line
    (附件, a heading, 抄送) start: one backward pass, so deciding whether a line
    continues a cell costs nothing however long the file."""

    def __init__(self, lines: list[str]):
        n = len(lines)
        self.next_tab = [n] * (n + 1)
        self.next_structure = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            line = lines[k]
            self.next_tab[k] = k if line.startswith("\t") else self.next_tab[k + 1]
            structural = not line.startswith("\t") and line.strip() and _STRUCTURE.match(line)
            self.next_structure[k] = k if structural else self.next_structure[k + 1]


def _tab_table(lines: list[str], i: int, ahead: _Lookahead) -> tuple[Table | None, int]:
    """A Word table flattened to TAB-led cells; None when the TAB lines do not
    form a table with a header and numbered rows."""
    cells: list[tuple[int, list[str]]] = []  # (line number, paragraphs)
    j = i
    width = 0
    while j < len(lines):
        line = lines[j]
        if line.startswith("\t"):
            if width == 0 and cells and (_SEQ_CELL.match(line) or _STRUCTURE.match(line[1:])):
                width = len(cells)  # the header ends at the first number or heading row
            cells.append((j + 1, [line[1:].strip()]))
            j += 1
            continue
        if not line.strip() or PAGE_MARK.match(line):
            j += 1
            continue
        if not _continues_cell(j, cells, width, ahead):
            break
        cells[-1][1].append(line.strip())
        j += 1
    if width < 2:
        return None, i
    return _rows_from_cells(cells, width, i + 1), j


def _continues_cell(j: int, cells: list, width: int, ahead: _Lookahead) -> bool:
    """Is the TAB-less line j a further paragraph of the last cell?

    Inside the header, always. Later, only when it does not start a new part
    of the notice (附件2, a heading, 抄送) and the next TAB line comes before
    any such line.
    """
    if not cells:
        return False
    if width == 0:
        return True
    return ahead.next_structure[j] > j and ahead.next_tab[j] < ahead.next_structure[j]


def _rows_from_cells(cells: list[tuple[int, list[str]]], width: int, line: int) -> Table:
    """Cut the cell run into rows of `width` cells; a row starts at a bare number.
    Cells between two numbered rows that do not fill a row (a heading row
    merged across the table) make a short row of their own."""
    table = Table(line=line)
    table.rows.append(Row([Cell("\n".join(p)) for _, p in cells[:width]], cells[0][0]))
    k = width
    while k < len(cells):
        end = k + 1
        while end < len(cells) and end - k < width and not _starts_row(cells, end, k):
            end += 1
        chunk = cells[k:end]
        texts = ["\n".join(p) for _, p in chunk]
        if len(table.rows) > 1 and len(chunk) < width and not _STRUCTURE.match(texts[0]):
            # Stray cells after a full row (a cell split in two): they belong to its last cell.
            last = table.rows[-1].cells[-1]
            last.text = "\n".join(t for t in (last.text, *texts) if t)
        else:
            table.rows.append(Row([Cell(t) for t in texts], chunk[0][0]))
        k = end
    return table


def _starts_row(cells: list[tuple[int, list[str]]], at: int, row_start: int) -> bool:
    """A bare-number cell starts a row when the current row is short and its own
    first cell is not a number (so it was a heading row), never mid-row otherwise."""
    text = "\n".join(cells[at][1])
    first = "\n".join(cells[row_start][1])
    return bool(_SEQ_CELL.match(text)) and not _SEQ_CELL.match(first)

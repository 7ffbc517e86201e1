"""Spreadsheet notices (.xlsx with openpyxl, legacy .xls with xlrd).

A lead unit's ledger or an office's task list often comes as a workbook: one
table per sheet, a title row or two above the header, merged cells for
categories, leaders and lead units. Merged ranges are resolved here, so a
cell covered by a vertical merge is known to be merged; title rows above the
table become paragraphs (they carry the year and the list's name). When more
than one sheet holds a table, each sheet is its own task list, named by its
title row or, failing that, by the sheet name.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from duban.extract.blocks import Block, Cell, Paragraph, Row, Table
from duban.extract.errors import ExtractError


@dataclass
class Sheet:
    name: str
    values: list[list[str]]
    merges: list[tuple[int, int, int, int]]  # min_row, min_col, max_row, max_col (0-based)


def read_xlsx(data: bytes) -> list[Block]:
    import openpyxl

    try:
        # Normal mode: read_only=True loses merged_cells.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken package
        raise ExtractError("Excel 文件已损坏，无法打开", f"broken xlsx: {exc}") from exc
    sheets = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        values = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        merges = [
            (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
            for r in ws.merged_cells.ranges
        ]
        sheets.append(Sheet(ws.title, values, merges))
    return blocks_from_sheets(sheets)


def read_xls(data: bytes) -> list[Block]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as exc:  # xlrd raises XLRDError and struct errors alike
        raise ExtractError("Excel（.xls）文件已损坏，无法打开", f"broken xls: {exc}") from exc
    sheets = []
    for ws in book.sheets():
        if ws.visibility:
            continue
        values = [[_text(ws.cell_value(r, c)) for c in range(ws.ncols)] for r in range(ws.nrows)]
        merges = [(r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in ws.merged_cells]
        sheets.append(Sheet(ws.name, values, merges))
    return blocks_from_sheets(sheets)


def blocks_from_sheets(sheets: list[Sheet]) -> list[Block]:
    tables = [s for s in sheets if _table_start(s.values) is not None]
    several = len(tables) > 1
    blocks: list[Block] = []
    line = 0
    for sheet in sheets:
        start = _table_start(sheet.values)
        if start is None:
            continue
        titles = [" ".join(v for v in row if v) for row in sheet.values[:start] if any(row)]
        for title in titles:
            line += 1
            blocks.append(Paragraph(title, line))
        table = Table(line=line + 1, index=sum(isinstance(b, Table) for b in blocks))
        if several:
            table.caption = titles[-1] if titles else sheet.name
        covered = _covered(sheet.merges)
        for r, row in enumerate(sheet.values[start:], start):
            line += 1
            if not any(row):
                continue
            cells = []
            for c, value in enumerate(row):
                kind = covered.get((r, c))
                cells.append(Cell("" if kind else value, kind == "below" if kind else False))
            table.rows.append(Row(cells, line))
        blocks.append(table)
    return blocks


def _covered(merges) -> dict[tuple[int, int], str]:
    """Cells inside a merged range other than its top-left: "below" when a row
    lower than the range's first (a vertical merge), "beside" otherwise."""
    out: dict[tuple[int, int], str] = {}
    for r1, c1, r2, c2 in merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    out[(r, c)] = "below" if r > r1 else "beside"
    return out


def _table_start(values: list[list[str]]) -> int | None:
    """The first row with two or more filled cells: the header (title rows above
    it are single merged cells)."""
    for r, row in enumerate(values):
        if sum(1 for v in row if v) >= 2:
            return r
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).strip()

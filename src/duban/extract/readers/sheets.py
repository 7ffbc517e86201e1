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
import html
import io
import re
import zipfile
from dataclasses import dataclass

from duban.extract.blocks import Block, Cell, Paragraph, Row, Table
from duban.extract.errors import ExtractError


@dataclass
class Sheet:
    name: str
    values: list[list[str]]
    merges: list[tuple[int, int, int, int]]  # min_row, min_col, max_row, max_col (0-based)


def read_xlsx(data: bytes) -> list[Block]:
    """Stream the cells (read-only mode: a sheet padded with a million empty rows
    costs nothing) and take merged ranges from the sheet XML, which read-only
    mode does not give."""
    import openpyxl

    _check_sheet_sizes(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        merges = _xlsx_merges(data)
    except Exception as exc:  # openpyxl raises many types for a broken package
        raise ExtractError("Excel 文件已损坏，无法打开", f"broken xlsx: {exc}") from exc
    sheets = []
    for ws in book.worksheets:
        if getattr(ws, "sheet_state", "visible") != "visible":
            continue
        values = _leading_rows(ws.iter_rows(values_only=True))
        sheets.append(Sheet(ws.title, values, merges.get(ws.title, [])))
    book.close()
    return blocks_from_sheets(sheets)


# A 150-task ledger's sheet is well under 1 MB of XML; tens of megabytes are
# padding (hundreds of thousands of empty rows) that only cost time to parse.
MAX_SHEET_BYTES = 32 * 1024 * 1024


def _check_sheet_sizes(data: bytes) -> None:
    for info in zipfile.ZipFile(io.BytesIO(data)).infolist():
        if info.filename.startswith("xl/worksheets/") and info.file_size > MAX_SHEET_BYTES:
            raise ExtractError(
                "Excel 工作表过大（可能含有大量空行或空列），请删除多余的空行、空列后再导入",
                f"worksheet {info.filename} unpacks to {info.file_size} bytes",
            )


def _leading_rows(rows) -> list[list[str]]:
    """Rows up to the last filled one, stopping after a long run of empty rows."""
    values: list[list[str]] = []
    empty = 0
    for row in rows:
        texts = [_text(v) for v in row]
        if any(texts):
            empty = 0
        else:
            empty += 1
            if empty > _EMPTY_ROWS_LIMIT:
                break
        values.append(texts)
    while values and not any(values[-1]):
        values.pop()
    return values


_EMPTY_ROWS_LIMIT = 1000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')


def _xlsx_merges(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet title → merged ranges (0-based, inclusive), read from the package."""
    package = zipfile.ZipFile(io.BytesIO(data))
    workbook = package.read("xl/workbook.xml")
    rels = package.read("xl/_rels/workbook.xml.rels")
    targets = {k.decode(): v.decode() for k, v in _REL.findall(rels)}
    targets |= {k.decode(): v.decode() for v, k in _REL_REVERSED.findall(rels)}
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid.decode(), "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if path not in package.namelist():
            continue
        title = html.unescape(name.decode("utf-8"))
        out[title] = [
            (int(r1) - 1, _column(c1), int(r2) - 1, _column(c2))
            for c1, r1, c2, r2 in _MERGE.findall(package.read(path))
        ]
    return out


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n - 1


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

"""Real workbooks: .xlsx with openpyxl, .xls with xlwt, merged ranges included."""

from __future__ import annotations

import io

import openpyxl
import xlwt


def xlsx(sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> bytes:
    """sheets: name → rows of values; merges: name → ranges like "A3:A5"."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cell_range in (merges or {}).get(name, []):
            ws.merge_cells(cell_range)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls(rows: list[list], merges: list[tuple[int, int, int, int]] = ()) -> bytes:
    """One sheet; merges as (first_row, last_row, first_col, last_col), 0-based, inclusive."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("任务")
    covered = {
        (r, c) for r1, r2, c1, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
    }
    for r1, r2, c1, c2 in merges:
        ws.write_merge(r1, r2, c1, c2, rows[r1][c1])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) not in covered and value is not None:
                ws.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

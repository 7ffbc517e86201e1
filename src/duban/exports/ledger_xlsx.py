"""The ledger (台账) as an .xlsx in the layout offices print and hand upwards.

The sheet follows the ledgers the seeds' offices keep: a title merged across
the table, an optional 截至 line, the header 序号 工作任务 牵头领导 牵头单位
责任单位 完成时限 进展情况 状态, a merged row for each heading, then the task
rows. It is set up to print as it is: A4 landscape, one page wide, the header
repeated on every page, frozen below the header on screen.

Plain data in (`LedgerRow`), bytes out: no Django, so the CLI and the web
view build the rows their own way and share this layout.
"""

from __future__ import annotations

import io
import math

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from duban.exports.data import ABOLISHED_LABEL, LedgerRow
from duban.exports.layout import changed_headings
from duban.extract.plan import Plan

HEADER = ("序号", "工作任务", "牵头领导", "牵头单位", "责任单位", "完成时限", "进展情况", "状态")
WIDTHS = (6, 50, 12, 20, 28, 14, 40, 10)  # in Excel's character units
TITLE_FONT = "方正小标宋简体"
HEADER_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
SUBTITLE_FONT = "楷体_GB2312"
NAME_SEP = "、"

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_GREY = "808080"
_BODY_SIZE = 11
_LINE_HEIGHT = 15.0  # points per wrapped line at 11 pt
_CENTRED = {0, 2, 5, 7}  # 序号, 牵头领导, 完成时限, 状态


def ledger_xlsx(plan_title: str, rows: list[LedgerRow], *, issued: str | None = None) -> bytes:
    """The ledger workbook; `issued` is the line under the title (截至2022年6月30日)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    last = get_column_letter(len(HEADER))
    r = 1
    _banner(ws, r, plan_title, Font(name=TITLE_FONT, size=18), height=36)
    if issued:
        r += 1
        _banner(ws, r, issued, Font(name=SUBTITLE_FONT, size=12), height=22, align="right")
    r += 1
    header_row = r
    for c, word in enumerate(HEADER, 1):
        cell = ws.cell(r, c, word)
        cell.font = Font(name=HEADER_FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        cell.fill = _HEADER_FILL
    ws.row_dimensions[r].height = 24
    path: list[str] = []
    for row in rows:
        for depth, title in changed_headings(path, row.section):
            r += 1
            _section_row(ws, r, title, depth)
        path = list(row.section)
        r += 1
        _task_row(ws, r, row)
    for c, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{last}{r}"
    _page_setup(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ledger_rows(plan: Plan, progress: dict[int, str] | None = None) -> list[LedgerRow]:
    """A freshly read plan as ledger rows (progress by task index, if any).

    A plan with several task lists gets the list title as its outermost
    section, so each list opens with its own merged row.
    """
    progress = progress or {}
    several = len({t.list for t in plan.tasks}) > 1
    return [
        LedgerRow(
            section=([task.list] if several and task.list else []) + list(task.section),
            seq=task.seq,
            content=task.content,
            lead_leaders=list(task.lead_leaders),
            lead_units=list(task.lead_units),
            support_units=list(task.support_units),
            deadline=task.deadline,
            progress=progress.get(k, ""),
            status=ABOLISHED_LABEL if task.status == "abolished" else "",
        )
        for k, task in enumerate(plan.tasks)
    ]


def _banner(ws, r: int, text: str, font: Font, *, height: float, align: str = "center") -> None:
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADER))
    cell = ws.cell(r, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
    ws.row_dimensions[r].height = height


def _section_row(ws, r: int, title: str, depth: int) -> None:
    """A heading across the whole table, bold; the outermost ones shaded."""
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADER))
    for c in range(1, len(HEADER) + 1):
        cell = ws.cell(r, c)
        cell.border = _BORDER
        if depth == 0:
            cell.fill = _SECTION_FILL
    cell = ws.cell(r, 1, title)
    cell.font = Font(name=HEADER_FONT if depth == 0 else BODY_FONT, size=12, bold=True)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=depth)
    ws.row_dimensions[r].height = _height([title], [sum(WIDTHS)], 12)


def _task_row(ws, r: int, row: LedgerRow) -> None:
    status = ABOLISHED_LABEL if row.is_abolished else row.status
    values = (
        row.seq,
        row.content,
        NAME_SEP.join(row.lead_leaders),
        NAME_SEP.join(row.lead_units),
        NAME_SEP.join(row.support_units),
        row.deadline or "",
        row.progress,
        status,
    )
    font = Font(name=BODY_FONT, size=_BODY_SIZE, color=_GREY if row.is_abolished else None)
    for c, value in enumerate(values, 1):
        cell = ws.cell(r, c, value or None)
        cell.font = font
        cell.border = _BORDER
        cell.alignment = Alignment(
            horizontal="center" if c - 1 in _CENTRED else "left", vertical="top", wrap_text=True
        )
    ws.row_dimensions[r].height = _height(values, WIDTHS, _BODY_SIZE)


def _height(values, widths, size: float) -> float:
    """A row tall enough for its wrapped text: Excel does not grow rows that a
    program wrote, and a clipped task prints clipped."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        chars_per_line = max((width - 1) / 2 * 11 / size, 1)  # a Chinese character is two units
        lines = max(lines, math.ceil(len(str(value or "")) / chars_per_line))
    return round(lines * _LINE_HEIGHT * size / 11 + 4, 1)


def _page_setup(ws) -> None:
    """A4 landscape, one page wide and as many long as needed, centred, numbered."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.6, right=0.6, top=0.8, bottom=0.8, header=0.3, footer=0.4)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"

"""PDF notices with a text layer: printed lines and ruled tables, page by page.

A PDF knows where each character is printed, not which paragraph it belongs to,
so this reader gives what a printout shows and leaves the joining to the
recognisers, which already handle lines broken at the page edge:
- each printed line is a Paragraph, lines top to bottom, pages in order;
- a ruled table (pdfplumber's line-based finder) is a Table, and its text is
  not read again as lines; a table that runs over a page break arrives as one
  fragment per page, which the table recogniser joins as it does for any run
  of tables;
- a cell hidden under a vertical merge is `merged=True` only when another cell's
  box is seen covering it from the row above; the cells under a horizontal span
  are empty cells, as the .docx reader gives them;
- page numbers ("— 3 —") and running headers and footers are printing, not text
  of the notice; OFD pages, printed the same way, are cleaned by the same rule.
Characters printed twice to fake bold type are read once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from duban.extract.blocks import Block, Cell, Paragraph, Row, Table
from duban.extract.chinese import squeeze
from duban.extract.errors import ExtractError
from duban.extract.readers.marks import PAGE_MARK

_SAME_HEIGHT = 2.0  # how far apart (points, or millimetres in OFD) a repeated line may sit

Line = tuple[float, str]  # (top, text)


@dataclass
class _Page:
    lines: list[Line]
    tables: list[tuple[float, list[list[Cell]]]]  # (top, rows of cells)


def read_pdf(data: bytes) -> list[Block]:
    pages = _read_pages(data)
    if not any(page.lines or page.tables for page in pages):
        raise ExtractError(
            "该 PDF 是扫描件，没有可读取的文字层，请提供文字版 PDF、Word 或文本文件",
            "scanned PDF without text layer",
        )
    cleaned = without_page_furniture([page.lines for page in pages])
    return _blocks([_Page(lines, page.tables) for lines, page in zip(cleaned, pages, strict=True)])


def _read_pages(data: bytes) -> list[_Page]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_read_page(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many types for a broken file
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, PDFPasswordIncorrect):
            raise ExtractError(
                "该 PDF 设有打开密码，请解除密码后再导入", "password-protected PDF"
            ) from exc
        raise ExtractError("PDF 文件已损坏，无法打开", f"broken pdf: {exc!r}") from exc


def _read_page(page) -> _Page:
    page = page.dedupe_chars()
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    outside = page.filter(lambda obj: obj["object_type"] != "char" or not _inside(obj, boxes))
    lines = [(line["top"], line["text"]) for line in outside.extract_text_lines(return_chars=False)]
    return _Page(lines, [(table.bbox[1], _cells(table)) for table in found])


def _inside(char: dict, boxes: list[tuple]) -> bool:
    """Is the character's centre in one of the boxes (as pdfplumber assigns cell text)?"""
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(x0 <= x < x1 and top <= y < bottom for x0, top, x1, bottom in boxes)


def _cells(table) -> list[list[Cell]]:
    """The table's rows of cells. pdfplumber gives None where no cell starts at a
    grid position; which cell covers that position says what it is."""
    xs = [*sorted({cell[0] for cell in table.cells}), table.bbox[2]]
    tops = [*sorted({cell[1] for cell in table.cells}), table.bbox[3]]
    out: list[list[Cell]] = []
    for r, (row, texts) in enumerate(zip(table.rows, table.extract(), strict=True)):
        cells = []
        for c, (box, text) in enumerate(zip(row.cells, texts, strict=True)):
            if box is None:
                cells.append(Cell("", _under_merge(table.cells, xs[c : c + 2], tops[r : r + 2])))
            else:
                cells.append(Cell(text, False))
        out.append(cells)
    return out


def _under_merge(boxes: list[tuple], xs: list[float], tops: list[float]) -> bool | None:
    """For a grid position with no cell of its own: True when it is the first
    column of a cell that starts in a row above (a vertical merge), False when it
    is covered otherwise (a horizontal span), None when nothing covers it."""
    x, y = sum(xs) / 2, sum(tops) / 2
    for x0, top, x1, bottom in boxes:
        if x0 <= x < x1 and top <= y < bottom:
            return top < tops[0] and x0 == xs[0]
    return None


def without_page_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Each page's lines without page numbers, and without running headers and
    footers: a line printed at the same height on every page (the first page
    excepted, as a letterhead page often has none) and on at least two pages.
    The text must repeat exactly: lines that differ only in a number are more
    often body text than furniture (page numbers are matched by their form)."""
    running = []
    for top, text in pages[-1] if len(pages) > 1 else []:
        key = squeeze(text)
        repeats = [any(_same(line, key, top) for line in lines) for lines in pages]
        if all(repeats[1:]) and sum(repeats) >= 2:
            running.append((key, top))
    return [
        [
            line
            for line in lines
            if not PAGE_MARK.match(line[1]) and not any(_same(line, k, t) for k, t in running)
        ]
        for lines in pages
    ]


def _same(line: Line, key: str, top: float) -> bool:
    return abs(line[0] - top) <= _SAME_HEIGHT and squeeze(line[1]) == key


def _blocks(pages: list[_Page]) -> list[Block]:
    """Lines and tables of each page in printed order, numbered as one running
    count of printed lines (a table row counts as a line)."""
    blocks: list[Block] = []
    count = 0
    for page in pages:
        items: list[tuple[float, str | list[list[Cell]]]] = [*page.lines, *page.tables]
        for _, item in sorted(items, key=lambda i: i[0]):
            if isinstance(item, str):
                count += 1
                blocks.append(Paragraph(item, count))
                continue
            table = Table(line=count + 1, index=sum(isinstance(b, Table) for b in blocks))
            for cells in item:
                count += 1
                table.rows.append(Row(cells, count))
            blocks.append(table)
    return blocks

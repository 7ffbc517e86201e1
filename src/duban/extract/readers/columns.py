"""Tables laid out with spaces: a PDF table as text extractors print it with
its layout kept (pdftotext -layout, copy from a viewer).

    序号        重点任务          责任领导   牵头单位     配合单位
    一、稳住经济增长基本盘
     1    全县地区生产总值增长6%  罗振宇     县发改局     县财政局、县统计
          左右，工业增加值增长8%。                        局、县工信局

The header names the columns; the columns themselves are where every row
leaves a gap (measured in display width: a CJK character takes two places).
A number in the first column opens a row; the lines under it continue each
cell. A line at the margin with a heading ordinal (一、 （一）) is a heading row.
"""

from __future__ import annotations

import re
import unicodedata

from duban.extract.blocks import Cell, Row, Table
from duban.extract.chinese import fold, squeeze
from duban.extract.readers.marks import PAGE_MARK
from duban.extract.vocabulary import CONTENT, LEAD, RESPONSIBLE, SUPPORT, header_role

_GAP = re.compile(r"[ \u3000]{2,}")
_ROW_NUMBER = re.compile(r"^\s{0,3}\d{1,3}(?:\s|$)")
_CN = "一二三四五六七八九十"
_HEADING = re.compile(rf"^([{_CN}]+[、．.]|[（(][{_CN}]+[）)]|第.{{1,3}}部分)")


def header_words(line: str) -> list[str] | None:
    """The column names of a space-separated header line, or None."""
    if "\t" in line or "|" in line:
        return None
    words = [w for w in _GAP.split(line.strip()) if w]
    if len(words) < 3:
        return None
    roles = [header_role(squeeze(fold(w))) for w in words]
    if CONTENT not in roles or not ({LEAD, RESPONSIBLE, SUPPORT} & set(roles)):
        return None
    return words if sum(1 for r in roles if r) >= len(words) - 1 else None


def columns_table(lines: list[str], i: int) -> tuple[Table | None, int]:
    """The table whose header is line `i`, and the index after it; None when
    the lines below do not line up into rows."""
    header = lines[i].strip()
    words = header_words(header)
    body, j = _body(lines, i + 1, header)
    spans = _spans([text for _, text in body if not _is_heading(text)], len(words))
    if spans is None:
        return None, i
    table = Table(line=i + 1)
    table.rows.append(Row([Cell(w) for w in words], i + 1))
    current: list[list[str]] | None = None
    for number, text in body:
        if _is_heading(text):
            table.rows.append(Row([Cell(text.strip())], number))
            current = None
            continue
        cells = _cut(text, spans)
        if _ROW_NUMBER.match(text) or current is None:
            current = [[c] for c in cells]
            table.rows.append(Row([], number))
        else:
            for column, c in zip(current, cells, strict=True):
                column.append(c)
        table.rows[-1].cells = [Cell("".join(parts)) for parts in current]
    return (table if len(table.rows) > 1 else None), j


def _body(lines: list[str], i: int, header: str) -> tuple[list[tuple[int, str]], int]:
    """The table's lines from `i`: page marks and repeated headers left out,
    ending at a line at the margin that is neither a row nor a heading."""
    body: list[tuple[int, str]] = []
    j = i
    while j < len(lines):
        line = lines[j].rstrip()
        if not line.strip() or PAGE_MARK.match(line) or line.strip() == header:
            j += 1
            continue
        at_margin = not line[:1].isspace()
        if at_margin and not _ROW_NUMBER.match(line) and not _is_heading(line):
            break
        body.append((j + 1, line))
        j += 1
    return body, j


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    return not text[:1].isspace() and bool(_HEADING.match(stripped)) and not _GAP.search(stripped)


def _positions(text: str) -> list[tuple[int, str]]:
    """Each character with the display column it starts at. Ambiguous-width
    characters (“ ” ① ×) take two places, as in a Chinese font."""
    out, at = [], 0
    for ch in text:
        out.append((at, ch))
        at += _width(ch)
    return out


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def _spans(texts: list[str], count: int) -> list[tuple[int, int]] | None:
    """`count` column spans, split at the middle of the widest runs of places
    that (nearly) every line leaves blank: a line or two printed a place off
    does not close a gap."""
    if not texts:
        return None
    width = max((at + 2 for text in texts for at, _ in _positions(text)), default=0)
    used = [0] * (width + 1)
    for text in texts:
        for at, ch in _positions(text):
            if not ch.isspace():
                used[at] += 1
                if _width(ch) == 2:
                    used[at + 1] += 1
    stray = max(1, len(texts) // 20)
    blank = [n <= stray for n in used]
    first = blank.index(False) if False in blank else 0
    gaps: list[tuple[int, int]] = []
    k = first
    while k < width:
        if blank[k]:
            start = k
            while k < width and blank[k]:
                k += 1
            if k < width:
                gaps.append((start, k))
        k += 1
    if len(gaps) < count - 1:
        return None
    chosen = sorted(sorted(gaps, key=lambda g: g[1] - g[0], reverse=True)[: count - 1])
    cuts = [0, *((a + b) // 2 for a, b in chosen), width + 1]
    return [(cuts[n], cuts[n + 1]) for n in range(count)]


def _cut(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The line's cells: each run of text (words apart by two spaces or more)
    goes to the column its first character stands in."""
    cells = [""] * len(spans)
    positions = _positions(text)
    k = 0
    while k < len(positions):
        if positions[k][1].isspace():
            k += 1
            continue
        start = k
        while k < len(positions) and not _gap_at(positions, k):
            k += 1
        run = "".join(ch for _, ch in positions[start:k]).strip()
        column = next(
            (n for n, (a, b) in enumerate(spans) if a <= positions[start][0] < b), len(spans) - 1
        )
        cells[column] += run
    return cells


def _gap_at(positions: list[tuple[int, str]], k: int) -> bool:
    """Two blanks (or a full-width one) in a row start a gap between cells."""
    ch = positions[k][1]
    if ch == "\u3000":
        return True
    return ch.isspace() and k + 1 < len(positions) and positions[k + 1][1].isspace()

"""Grid tables: a Word table converted to text by pandoc and similar tools.

    +------+----------------+----------+
    | 序号 | 工作内容       | 牵头单位 |
    +======+================+==========+
    | 1    | 全年实施重点项 | 县发改局 |
    |      | 目150个。      |          |
    +------+----------------+          +
    | 2    | 争取专项债券。 |          |
    +------+----------------+----------+

Every cell wraps over the lines of its row; a border line with a gap under a
column (above: 牵头单位) says the cell above goes on into the next row, the
grid's way of printing a vertical merge. Columns are found by the pipes of
each line, not by position: CJK text is aligned by display width.
"""

from __future__ import annotations

import re

from duban.extract.blocks import Cell, Row, Table

_BORDER = re.compile(r"^\s*\+[-=:+]*[-=]+[-=:+]*\+\s*$")
_RULE_PART = re.compile(r"^[-=:]+$")
# A separator line inside a merge: "|        +------+-----+        +"
_SEPARATOR = re.compile(r"^\s*[+|][-=:+|\s]*[+|]\s*$")


def is_border(line: str) -> bool:
    return bool(_BORDER.match(line))


def grid_table(lines: list[str], i: int) -> tuple[Table, int]:
    """The grid table starting at the border line `i`, and the index after it."""
    table = Table(line=i + 1)
    width = len(_segments(lines[i]))
    paragraphs: list[list[list[str]]] = []  # per row, per column: lines of text
    open_cells: list[tuple[int, int] | None] = [None] * width  # (row, column) a merge continues
    current: list[list[str]] | None = None
    covered: set[tuple[int, int]] = set()  # (row, column) cells a merge from above fills
    header_rows = 0
    j = i + 1
    while j < len(lines) and lines[j].strip().startswith(("|", "+")):
        line = lines[j]
        parts = _segments(line)
        if len(parts) != width:
            break
        if _SEPARATOR.match(line) and any(_RULE_PART.match(p.strip()) for p in parts):
            if "=" in line:
                header_rows = len(paragraphs) + (current is not None)
            if current is not None:
                paragraphs.append(current)
                current = None
            row = len(paragraphs) - 1
            for c, part in enumerate(parts):
                ruled = bool(_RULE_PART.match(part.strip()))
                if ruled:
                    open_cells[c] = None
                elif open_cells[c] is None and row >= 0:
                    open_cells[c] = (row, c)
            j += 1
            continue
        if current is None:
            current = [[] for _ in range(width)]
        for c, part in enumerate(parts):
            target = open_cells[c]
            if target is not None:
                paragraphs[target[0]][target[1]].append(part.strip())
                covered.add((len(paragraphs), c))
            else:
                current[c].append(part.strip())
        j += 1
    if current is not None:
        paragraphs.append(current)
    for r, row in enumerate(paragraphs):
        cells = []
        for c, texts in enumerate(row):
            merged = (r, c) in covered
            cells.append(Cell(_cell_text(texts), merged=merged if r >= header_rows else None))
        table.rows.append(Row(cells, i + 1 + r))
    return table, j


def _segments(line: str) -> list[str]:
    """The text between column separators (| or +) of one line."""
    body = line.strip()
    return re.split(r"[|+]", body[1:-1]) if len(body) >= 2 else []


def _cell_text(lines: list[str]) -> str:
    """Wrapped lines join without a space (CJK); a blank line inside the cell
    separates two paragraphs."""
    paragraphs: list[str] = []
    current = ""
    for text in lines:
        if text:
            current += text
        elif current:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)

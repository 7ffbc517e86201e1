"""The block stream every reader produces and every recogniser reads.

A notice, whatever its format, becomes a list of paragraphs and tables. Each
block remembers where it came from (line numbers in the file, or table and row),
so a task can point back to its source and a diagnostic can name a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One line of running text as printed (not yet joined or interpreted)."""

    text: str
    line: int


@dataclass
class Cell:
    """A table cell. `merged` is True when the reader knows the cell continues a
    vertical merge from the row above, False when it knows it does not, and None
    when the format cannot tell (text flattened from a table)."""

    text: str
    merged: bool | None = None


@dataclass
class Row:
    cells: list[Cell]
    line: int


@dataclass
class Table:
    """A table as printed: rows of cells, header rows included. `caption` names
    the task list the table is, where the format says so (a workbook's sheets)."""

    rows: list[Row] = field(default_factory=list)
    line: int = 0
    index: int = 0
    caption: str | None = None


Block = Paragraph | Table

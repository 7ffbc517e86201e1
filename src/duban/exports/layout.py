"""The plan notice as printed items, and the guards that keep the reader on track.

`plan_docx` composes the notice as a list of `Line`s (paragraphs) and `Grid`s
(tables) before any Word formatting, so the layout can be checked against the
reader and tested without opening a .docx. The guards below adjust lines
where a plain rendering would be read wrongly; each names the reading rule of
`duban.extract.recognisers` it answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from duban.exports.docx_style import Look
from duban.extract.chinese import fold, squeeze
from duban.extract.recognisers import ordinals
from duban.extract.recognisers.assignments import parse_labelled
from duban.extract.units import looks_complete

_TERMINAL = tuple("。！？；;：:）)】!?")
# Lengths the reader uses: a line this long without a stop is taken as broken
# mid-sentence; a list title is at most this long.
_BROKEN_LINE_MIN = 20
_LIST_TITLE_MAX = 60


@dataclass
class Line:
    """One printed paragraph: its look, its text, the kind the guards care about."""

    look: Look
    text: str
    kind: str = "text"  # heading, task, units, label, list_title, annex, signature, text
    breaks: list[str] = field(default_factory=list)  # further lines after soft breaks
    page_break: bool = False
    landscape: bool = False  # with page_break: the pages from here on are turned


@dataclass
class SignOff:
    """发文机关署名 and 成文日期 at the end of the text."""

    issuer: str | None
    date: str | None


@dataclass
class Grid:
    """A table: header words, then rows. A row of one cell is a heading merged
    across the table; a None cell continues the cell above (merged down)."""

    header: list[str]
    categories: int = 0  # the leading 类别 columns
    rows: list[list[str | None]] = field(default_factory=list)


def changed_headings(old: list[str], new: list[str]) -> list[tuple[int, str]]:
    """The headings to print between an item under `old` and one under `new`,
    with their depths.

    Only the part of the path that changes is printed; a path that goes back up
    (a task directly under 二、 after tasks under its （三）) prints its last
    heading again, which is how a reader (the importer or a person) learns
    the deeper one has ended.
    """
    common = 0
    while common < min(len(old), len(new)) and old[common] == new[common]:
        common += 1
    if common == len(new) and len(new) < len(old):
        common -= 1
    return [(depth, title) for depth, title in enumerate(new) if depth >= max(common, 0)]


def guard_lines(items: list) -> None:
    """Keep lines apart that the reader would otherwise run together.

    - A long line without a closing stop reads as a sentence broken by a line
      end, which swallows the next line, and a number that does not continue
      the count is then taken for text: a long heading gets a 。 unless the next
      line opens an item the reader will not join to it (the reader drops the
      。 from section titles again).
    - A unit list whose last name looks cut off ("…建") takes the next line as
      its continuation: it gets a 。 when the next line is not a new item.
    - A list title swallows up to three short lines below it: when the list
      opens with an unnumbered task, the title is set on three lines itself.
    """
    last_number = 0
    for k, line in enumerate(items):
        if not isinstance(line, Line):
            continue
        following = items[k + 1] if k + 1 < len(items) else None
        nxt = following.text if isinstance(following, Line) else ""
        ordinal = ordinals.match(fold(nxt))
        own = ordinals.match(fold(line.text))
        if own and own.style == "arabic":
            last_number = int(own.number)
        if line.kind == "heading" and _unstopped_long(line.text) and isinstance(following, Line):
            resumes = ordinal and (
                ordinal.style != "arabic" or int(ordinal.number) in (last_number + 1, 1)
            )
            if not resumes:
                line.text += "。"
        if line.kind == "units" and not line.text.endswith(_TERMINAL) and following:
            last_name = re.split(r"[、，]", line.text.split("：", 1)[1])[-1]
            if not looks_complete(last_name) and not ordinal and "：" not in nxt[:12]:
                line.text += "。"
        if line.kind == "list_title" and isinstance(following, Line) and _swallowed(following):
            line.text, line.breaks = _three_lines(line.text)


def _unstopped_long(text: str) -> bool:
    key = squeeze(text)
    return len(key) >= _BROKEN_LINE_MIN and not key.endswith(_TERMINAL)


def _swallowed(line: Line) -> bool:
    key = squeeze(fold(line.text))
    return not (ordinals.match(key) or parse_labelled(line.text) or len(key) > _LIST_TITLE_MAX)


def _three_lines(title: str) -> tuple[str, list[str]]:
    third = max(len(title) // 3, 1)
    return title[:third], [title[third : 2 * third], title[2 * third :]]

"""Tasks written as a table: header roles, heading rows, merged cells.

A run of consecutive tables is read as one logical table, because a table that
spans pages arrives as fragments that repeat their header. Column roles come
from the header words (序号, 工作任务, 牵头单位 …); a header cell left empty
continues the one before it (a horizontal merge), and where 工作任务 spans two
columns the first holds the category (a section) and the last the task.

Empty cells: a reader that knows a cell was vertically merged says so. Text
flattened from a table cannot, so: a row whose assignment cells are all empty
continues the row above; otherwise a column that prints the same value again
on consecutive rows is not a merged column, and its empty cells stay empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.extract.blocks import Cell, Row, Table
from duban.extract.builder import PlanBuilder
from duban.extract.chinese import fold, squeeze
from duban.extract.recognisers import ordinals
from duban.extract.recognisers.assignments import Assignment
from duban.extract.vocabulary import (
    CATEGORY,
    CONTENT,
    DEADLINE,
    IGNORED,
    LEAD,
    LEADER,
    RESPONSIBLE,
    SEQ,
    SUPPORT,
    TITLE_HEADERS,
    header_role,
)

ASSIGNMENT_ROLES = (LEADER, LEAD, RESPONSIBLE, SUPPORT)
FILLED_ROLES = (*ASSIGNMENT_ROLES, DEADLINE)


@dataclass
class DataRow:
    table: Table
    row_index: int
    row: Row
    roles: list[str | None]

    def cells_of(self, role: str) -> list[tuple[str, bool | None]]:
        return [
            (cell.text, cell.merged)
            for cell, r in zip(self.row.cells, self.roles, strict=False)
            if r == role
        ]

    def value(self, role: str) -> str:
        return "\n".join(t for t, _ in self.cells_of(role) if t.strip()).strip()

    def merged(self, role: str) -> bool | None:
        flags = [m for _, m in self.cells_of(role)]
        return flags[0] if flags else None


def header_roles(row: Row) -> list[str | None] | None:
    """Roles of a header row's columns, or None when the row is not a header."""
    words = [squeeze(fold(cell.text)) for cell in row.cells]
    roles = [header_role(w) for w in words]
    known = [r for r in roles if r]
    if len(known) < 2 or not ({CONTENT, LEAD, RESPONSIBLE, SUPPORT} & set(known)):
        return None
    out: list[str | None] = []
    for word, role in zip(words, roles, strict=True):
        if not word and out:
            role = out[-1]
        out.append(role)
    if RESPONSIBLE in out and LEAD not in out and SUPPORT in out:
        out = [LEAD if r == RESPONSIBLE else r for r in out]  # 责任部门 beside 配合部门
    elif RESPONSIBLE in out and LEAD in out:
        out = [SUPPORT if r == RESPONSIBLE else r for r in out]
    if out.count(CONTENT) > 1:  # 目标任务 spanning a category column and the task column
        last = len(out) - 1 - out[::-1].index(CONTENT)
        out = [
            (IGNORED if words[i] in TITLE_HEADERS else CATEGORY)
            if r == CONTENT and i != last
            else r
            for i, r in enumerate(out)
        ]
    return out


def recognise(tables: list[Table], builder: PlanBuilder) -> None:
    rows = _data_rows(tables, builder)
    if not rows:
        return
    evidence = _unmerged_evidence(rows)
    numbered = _numbered_headings(rows)
    previous: dict[str, str] = {}
    categories: dict[int, str] = {}  # category column → its current (merged) value
    for data in rows:
        if id(data) in numbered:
            builder.heading_without_ordinal(data.value(CONTENT).strip())
            previous, categories = {}, {}
            continue
        if _is_heading_row(data):
            text = next(c.text for c in data.row.cells if c.text.strip())
            ordinal = ordinals.match(fold(squeeze(text)))
            if ordinal:
                builder.heading(ordinal.rank, text)
            else:
                builder.heading_without_ordinal(text)
            previous, categories = {}, {}
            continue
        seq, content = _seq_and_content(data)
        if not squeeze(content):
            if any(squeeze(t) for t, _ in data.cells_of(CATEGORY)) or seq:
                builder.diagnose(
                    "empty_task", f"表格第 {data.row.line} 行没有任务内容", data.row.line
                )
            continue
        _update_categories(data, categories)
        assignment = Assignment()
        all_blank = not any(data.value(r) for r in FILLED_ROLES)
        for role in FILLED_ROLES:
            if not any(r == role for r in data.roles):
                continue
            value = data.value(role)
            if not value and previous.get(role) and _fills(data, role, all_blank, evidence):
                value = previous[role]
                builder.diagnose(
                    "filled_from_merge",
                    f"任务 {seq or '（无序号）'} 的“{_ROLE_NAMES[role]}”为空，"
                    "按合并单元格沿用上一行",
                    data.row.line,
                    seq,
                )
            if value:
                assignment.add(role, value)
            previous[role] = value
        source = {"table": data.table.index, "row": data.row_index, "line": data.row.line}
        extra = [categories[k] for k in sorted(categories) if categories[k]]
        builder.add_task(seq, content, assignment, source, extra)


def _numbered_headings(rows: list[DataRow]) -> set[int]:
    """Rows numbered N with only a text, followed by rows numbered N.1, N.2 …:
    the category the sub-numbered tasks belong to."""
    found: set[int] = set()
    for data, nxt in zip(rows, rows[1:], strict=False):
        seq = squeeze(data.value(SEQ))
        assigned = any(squeeze(data.value(r)) for r in FILLED_ROLES)
        heading_like = seq.isdigit() and not assigned and squeeze(data.value(CONTENT))
        if heading_like and re.match(rf"{seq}[.．]\d", squeeze(nxt.value(SEQ))):
            found.add(id(data))
    return found


def _seq_and_content(data: DataRow) -> tuple[str, str]:
    """The row's number and task text. One cell spanning the category and task
    columns holds the task; a table without a 序号 column numbers in the text."""
    seq = squeeze(data.value(SEQ))
    content = data.value(CONTENT)
    category_cells = [t for t, _ in data.cells_of(CATEGORY) if squeeze(t)]
    spanning = category_cells and not ordinals.match(fold(squeeze(category_cells[-1])))
    if not squeeze(content) and seq and spanning:
        content = category_cells[-1]
        last = max(i for i, r in enumerate(data.roles) if r == CATEGORY)
        data.roles = [CONTENT if i == last else r for i, r in enumerate(data.roles)]
    if not seq:
        ordinal = ordinals.match(fold(content.strip()))
        if ordinal and ordinal.style in ("arabic", "arabic_paren", "circled"):
            seq, content = ordinal.number, content.strip()[ordinal.end :]
    return seq, content


def _update_categories(data: DataRow, categories: dict[int, str]) -> None:
    """Merged category cells: an empty one keeps the value above; a new value
    clears the finer categories to its right."""
    columns = [i for i, r in enumerate(data.roles) if r == CATEGORY]
    for i in columns:
        text = data.row.cells[i].text if i < len(data.row.cells) else ""
        if squeeze(text):
            categories[i] = text
            for deeper in [k for k in categories if k > i]:
                del categories[deeper]


_ROLE_NAMES = {
    LEADER: "牵头领导",
    LEAD: "牵头单位",
    RESPONSIBLE: "责任单位",
    SUPPORT: "配合单位",
    DEADLINE: "完成时限",
}


def _fills(data: DataRow, role: str, all_blank: bool, evidence: dict[str, set[str]]) -> bool:
    """Should an empty cell take the value above? Every task has a lead, so an
    empty lead or leader cell continues a merge unless the column has shown
    truly empty cells; other columns also stop filling once they print a value
    twice in a row."""
    merged = data.merged(role)
    if merged is not None:
        return merged
    if all_blank:
        return True
    if role in (LEAD, LEADER):
        return role not in evidence["empty"]
    return role not in evidence["empty"] and role not in evidence["repeat"]


def _data_rows(tables: list[Table], builder: PlanBuilder) -> list[DataRow]:
    roles: list[str | None] | None = None
    out: list[DataRow] = []
    for table in tables:
        after_header = False
        skip = -1
        for k, row in enumerate(table.rows):
            found = header_roles(row)
            nxt = table.rows[k + 1] if k + 1 < len(table.rows) else None
            if not found and roles is None and nxt:
                stacked = header_roles(_stacked(row, nxt))
                alone = header_roles(nxt) or []
                found = stacked if stacked and _known(stacked) > _known(alone) else None
                if found:  # a header printed over two lines, cell by cell ("牵头" / "单位")
                    table.rows[k + 1] = Row([Cell("") for _ in row.cells], row.line)
                    skip = k + 1
            if found:
                if after_header and roles:  # a second header row refines the first
                    found = _refine_header(row, roles)
                roles = found
                after_header = True
                _note_unknown_headers(row, found, builder)
                continue
            first_after_header, after_header = after_header, False
            if roles is None or k == skip:
                continue
            if len(row.cells) > len(roles):
                builder.diagnose("extra_cells", f"表格第 {row.line} 行的单元格比表头多", row.line)
            data = DataRow(table, k, row, roles)
            if first_after_header and out and _continues_over_page(out[-1], data):
                _append_cells(out[-1], data)
                continue
            out.append(data)
    return _titles_are_not_categories(out)


def _continues_over_page(before: DataRow, data: DataRow) -> bool:
    """The first row under a repeated header, without a number, whose task text
    goes on from the row before the page break (cut mid-sentence there)."""
    if SEQ not in data.roles or squeeze(data.value(SEQ)) or not squeeze(before.value(SEQ)):
        return False
    text = squeeze(data.value(CONTENT))
    return bool(text) and not squeeze(before.value(CONTENT)).endswith(("。", "！", "？", "；", ";"))


def _append_cells(before: DataRow, data: DataRow) -> None:
    for i, cell in enumerate(data.row.cells):
        if i < len(before.row.cells) and cell.text.strip():
            before.row.cells[i].text = before.row.cells[i].text.rstrip() + cell.text.strip()


def _titles_are_not_categories(rows: list[DataRow]) -> list[DataRow]:
    """A column beside the task text that names every row differently (工作任务 |
    具体内容) is each task's short title, not a category grouping tasks: it is
    not read as a section. Numbered ones (（一）…) stay headings."""
    by_table: dict[int, list[DataRow]] = {}
    for data in rows:
        if not _is_heading_row(data):
            by_table.setdefault(id(data.table), []).append(data)
    for group in by_table.values():
        roles = group[0].roles
        if CONTENT not in roles or len(group) < 3:
            continue
        beside = roles.index(CONTENT) - 1
        if beside < 0 or roles[beside] != CATEGORY:
            continue
        cells = [d.row.cells[beside] if beside < len(d.row.cells) else None for d in group]
        texts = [squeeze(c.text) if c else "" for c in cells]
        numbered = any(ordinals.match(fold(t)) for t in texts)  # （一）…: headings
        distinct = all(texts) and len(set(texts)) == len(texts)
        if distinct and not numbered and not any(c.merged for c in cells):
            titled = [IGNORED if i == beside else r for i, r in enumerate(roles)]
            for data in rows:
                if data.roles is roles:
                    data.roles = titled
    return rows


def _known(roles: list[str | None]) -> int:
    return sum(1 for r in roles if r)


def _stacked(upper: Row, lower: Row) -> Row:
    cells = [
        Cell(a.text + (lower.cells[i].text if i < len(lower.cells) else ""))
        for i, a in enumerate(upper.cells)
    ]
    return Row(cells, upper.line)


def _refine_header(row: Row, roles: list[str | None]) -> list[str | None]:
    """Under a header cell spanning several columns (责任分工), the second row
    names each; a cell empty there (the upper cell spans both rows) keeps its role."""
    words = [squeeze(fold(cell.text)) for cell in row.cells]
    width = max(len(words), len(roles))
    out = []
    for i in range(width):
        word = words[i] if i < len(words) else ""
        old = roles[i] if i < len(roles) else None
        out.append((header_role(word) if word else None) or old)
    return out


def _note_unknown_headers(row: Row, roles: list[str | None], builder: PlanBuilder) -> None:
    for cell, role in zip(row.cells, roles, strict=False):
        word = squeeze(cell.text)
        if word and role is None:
            builder.diagnose("unknown_column", f"未识别的表头“{word}”，该列未读取", row.line)


def _is_heading_row(data: DataRow) -> bool:
    """A row that names a group of tasks: one distinct text, no number, no task."""
    texts = {squeeze(c.text) for c in data.row.cells if squeeze(c.text)}
    if len(texts) != 1:
        return False
    text = texts.pop()
    return not text.isdigit() and (
        squeeze(data.value(CONTENT)) == "" or len(data.row.cells) > 1 and ordinals.match(text)
    )


def _unmerged_evidence(rows: list[DataRow]) -> dict[str, set[str]]:
    """Roles whose column shows it does not merge: "repeat" when it prints the
    same value on consecutive rows, "empty" when a cell is empty with no value
    above it in its group."""
    evidence: dict[str, set[str]] = {"repeat": set(), "empty": set()}
    seen: set[str] = set()
    before: DataRow | None = None
    for row in rows:
        if _is_heading_row(row):
            seen, before = set(), None
            continue
        for role in FILLED_ROLES:
            if role not in row.roles:
                continue
            value = squeeze(row.value(role))
            if value and before is not None and value == squeeze(before.value(role)):
                evidence["repeat"].add(role)
            if not value and role not in seen and any(row.value(r) for r in FILLED_ROLES):
                evidence["empty"].add(role)
            if value:
                seen.add(role)
        before = row
    return evidence

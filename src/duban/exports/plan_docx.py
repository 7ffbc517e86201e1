"""The plan back as a Word 分工方案 in GB/T 9704 form, readable by our own importer.

An office edits the plan in duban and needs the notice again (to re-issue it,
to file it, to send it to the level above). The file must look like a real
notice, and importing it must give the same plan back: the round trip is the
proof that nothing was lost or reshaped. So the layout below is the format the
reader (`duban.extract`) reads most surely:

    发文字号                          平政办〔2022〕34号
    title (方正小标宋简体 二号)          关于印发…任务分工方案的通知
    主送机关 (optional)                各乡镇人民政府，区直各单位：
    cover sentence                    现将《…》印发给你们，请认真组织实施。
    headings as printed               一、… / （一）…
    task                              1．任务内容。（废止）
    labelled lines                    牵头领导：… 牵头单位：… 责任单位：… 完成时限：…
    附件说明, signature and date        (before the 附件 when there are several lists)
    附件N + list title + its tasks      one block per task list, each on a new page

Running text cannot say everything a table can: a heading printed without its
ordinal (a table's category, 科技创新) has no rank, so the reader can only
guess how deep it sits. A task list whose running text the reader would get
wrong is therefore printed as a table instead (序号, 工作任务, 牵头单位 …,
with category columns and merged heading rows), as such notices are; the
choice is made by reading the running text back (`_misread_lists`).
"""

from __future__ import annotations

import re

from duban.exports import docx_style as s
from duban.exports.layout import Grid, Line, SignOff, changed_headings, guard_lines
from duban.extract.blocks import Cell, Paragraph, Row, Table
from duban.extract.chinese import fold
from duban.extract.errors import ExtractError
from duban.extract.pipeline import extract_blocks
from duban.extract.plan import Plan, Task
from duban.extract.recognisers import ordinals
from duban.extract.units import split_leaders, split_units

# Printed after the text of an abolished task; the reader takes it off again.
ABOLISHED_MARK = "（废止）"
_SCHEME = re.compile(r"^(?:.*?)关于印发(.+?)的通知$")
_ARABIC = ordinals.STYLES.index("arabic")

Item = Line | Grid | SignOff
# The plan's own title above its text, a line below the cover sentence.
SCHEME_TITLE = s.Look(
    "方案标题", "DubanSchemeTitle", s.XIAOBIAOSONG, s.ERHAO, align="center", space_before=1
)


def plan_docx(plan: Plan, *, addressee: str | None = None) -> bytes:
    """The plan as a .docx notice; `addressee` is the 主送机关 line
    ("各乡镇人民政府，区直各单位："), left out when None."""
    document = s.OfficialDocument()
    for item in plan_items(plan, addressee=addressee):
        if isinstance(item, Grid):
            document.turn(landscape=True)  # a task table needs the width
            _write_grid(document, item)
        elif isinstance(item, SignOff):
            document.sign_off(item.issuer, item.date)
        elif item.page_break and item.landscape != document.landscape:
            document.turn(landscape=item.landscape)
            document.paragraph(item.look, item.text)
        else:
            para = document.paragraph(item.look, item.text, breaks=item.breaks)
            para.paragraph_format.page_break_before = item.page_break or None
    return document.to_bytes()


def plan_items(plan: Plan, *, addressee: str | None = None) -> list[Item]:
    """The notice as lines and tables, before any Word formatting: running text
    for every task list the reader reads back unchanged, tables for the rest."""
    items = _compose(plan, addressee, tables=set(), year_line=False)
    back = _read_back(items)
    misread = _misread_lists(plan, back)
    year = plan.document.year
    year_line = year is not None and (back is None or back.document.year != year)
    if misread or year_line:
        items = _compose(plan, addressee, tables=misread, year_line=year_line)
    return items


def _compose(
    plan: Plan, addressee: str | None, tables: set[str | None], year_line: bool
) -> list[Item]:
    doc = plan.document
    blocks = _blocks(plan.tasks)
    body = blocks[0] if blocks and blocks[0][0] is None else None
    annexes = [b for b in blocks if b[0] is not None]
    items: list[Item] = []
    if year_line:
        # Nothing else printed names the work year (no title, 文号 or date):
        # a heading line does, where the reader looks for it.
        items.append(Line(s.TITLE, f"{doc.year}年度任务分工"))
    if doc.doc_number:
        items.append(Line(s.DOC_NUMBER, doc.doc_number))
    if doc.issuer and not doc.issue_date:
        # No signature date to hang the office on: the reader then takes the
        # office named at the head, printed above the title as 发文机关名称.
        items.append(Line(s.TITLE, doc.issuer, kind="issuer"))
    if doc.title:
        items.append(Line(s.TITLE, doc.title))
    if addressee:
        items.append(Line(s.ADDRESSEE, addressee))
    scheme = _scheme_title(doc.title)
    if scheme and body:
        items.append(Line(s.BODY, f"现将{_quoted(scheme)}印发给你们，请认真组织实施。"))
        items.append(Line(SCHEME_TITLE, scheme))
    elif doc.title and annexes:
        names = "".join(_quoted(title) for title, _ in annexes)
        items.append(Line(s.BODY, f"现将{names}印发给你们，请认真组织实施。"))
    if body:
        items += _tasks(body[1], as_table=_key(plan, None) in tables)
    if annexes and doc.title:
        items += _attachment_note([title for title, _ in annexes])
    if doc.issuer or doc.issue_date:
        date = _chinese_date(doc.issue_date) if doc.issue_date else None
        items.append(SignOff(doc.issuer, date))
    for number, (title, tasks) in enumerate(annexes, 1):
        mark = f"附件{number}" if len(annexes) > 1 else "附件"
        as_table = _key(plan, title) in tables
        items.append(Line(s.ATTACHMENT_MARK, mark, "annex", page_break=True, landscape=as_table))
        items.append(Line(s.TITLE, title, kind="list_title"))
        items += _tasks(tasks, as_table=as_table)
    guard_lines(items)
    return items


def _blocks(tasks: list[Task]) -> list[tuple[str | None, list[Task]]]:
    """Runs of consecutive tasks of one list, in document order."""
    blocks: list[tuple[str | None, list[Task]]] = []
    for task in tasks:
        if not blocks or blocks[-1][0] != task.list:
            blocks.append((task.list, []))
        blocks[-1][1].append(task)
    return blocks


def _key(plan: Plan, title: str | None) -> str | None:
    """A list as the reader names it: a single list has no name."""
    return title if len({t.list for t in plan.tasks}) > 1 else None


# -- running text ----------------------------------------------------------------


def _tasks(tasks: list[Task], *, as_table: bool) -> list[Item]:
    if as_table:
        return _table(tasks)
    lines: list[Item] = []
    path: list[str] = []
    for task in tasks:
        lines += [
            Line(_heading_look(title, depth), title, kind="heading")
            for depth, title in changed_headings(path, task.section)
        ]
        path = list(task.section)
        lines.append(Line(s.BODY, _task_text(task), kind="task"))
        lines += _labels(task)
    return lines


def _heading_look(title: str, depth: int) -> s.Look:
    """黑体 for 一、, 楷体 for （一）, bold 仿宋 below; unnumbered headings by depth."""
    ordinal = ordinals.match(fold(title))
    if ordinal is None:
        return s.HEADINGS[min(depth, 2)]
    if ordinal.style in ("part", "cn"):
        return s.HEADING1
    if ordinal.style == "cn_paren":
        return s.HEADING2
    return s.HEADING3


def _task_text(task: Task) -> str:
    """The task's line: its number in a style one level below its headings."""
    text = task.content + (ABOLISHED_MARK if task.status == "abolished" else "")
    seq = task.seq
    if not seq:
        return text
    if seq.isascii() and seq.isdigit():
        if _deepest_rank(task.section) >= _ARABIC:
            return f"（{seq}）{text}"  # under a "1." heading, tasks are (1) (2)
        # Full-width ．: "1.3.5%" would read as a decimal, "1．3.5%" cannot.
        return f"{seq}．{text}"
    own = ordinals.match(seq)
    if own and own.style == "circled":
        return f"{seq}{text}"
    return f"（{seq}）{text}"


def _deepest_rank(section: list[str]) -> int:
    ranks = [o.rank for o in (ordinals.match(fold(t)) for t in section) if o]
    return max(ranks, default=-1)


def _labels(task: Task) -> list[Line]:
    """牵头单位 then 责任单位: beside a 牵头单位 the reader takes 责任单位 as
    supporting units, and alone as supporting units too, as the plan means."""
    lines = []
    if task.lead_leaders:
        lines.append(Line(s.BODY, "牵头领导：" + leaders_text(task.lead_leaders), "label"))
    for label, units in (("牵头单位", task.lead_units), ("责任单位", task.support_units)):
        if units:
            lines.append(Line(s.BODY, f"{label}：" + units_text(units), "units"))
    if task.deadline:
        lines.append(Line(s.BODY, f"完成时限：{task.deadline}", kind="label"))
    return lines


def units_text(units: list[str]) -> str:
    return _join_names(units, split_units)


def leaders_text(leaders: list[str]) -> str:
    return _join_names(leaders, split_leaders)


def _join_names(names: list[str], split) -> str:
    """Names joined so that the reader's `split` gives them back.

    、 is the usual separator, but it lets a level prefix spread (各乡镇、园区
    reads 各园区): names that must not merge are then set apart by ，.
    """
    for sep in ("、", "，"):
        text = sep.join(names)
        if split(text) == names:
            return text
    text = names[0]
    for name in names[1:]:
        text += "、" + name if split(text + "、" + name) == split(text) + [name] else "，" + name
    return text


def _attachment_note(titles: list[str]) -> list[Item]:
    """附件说明: "附件：1．…" with further titles aligned beneath it."""
    if len(titles) == 1:
        return [Line(s.ATTACHMENT_NOTE, f"附件：{titles[0]}")]
    lines: list[Item] = [Line(s.ATTACHMENT_NOTE, f"附件：1．{titles[0]}")]
    for k, title in enumerate(titles[1:], 2):
        lines.append(Line(s.ATTACHMENT_NOTE, f"\u3000\u3000\u3000{k}．{title}"))
    return lines


# -- tables ------------------------------------------------------------------------


def _table(tasks: list[Task]) -> list[Item]:
    """A task list as one table: numbered headings as rows merged across the
    table, unnumbered ones (categories) in 类别 columns merged down."""
    split = [_split_section(t.section) for t in tasks]
    depth = max((len(cats) for _, cats in split), default=0)
    leaders = any(t.lead_leaders for t in tasks)
    deadlines = any(t.deadline for t in tasks)
    header = ["类别"] * depth + ["序号", "工作任务"]
    header += ["牵头领导"] * leaders + ["牵头单位", "责任单位"] + ["完成时限"] * deadlines
    grid = Grid(header, depth)
    heads: list[str] = []
    above: list[str | None] = []
    for task, (new_heads, cats) in zip(tasks, split, strict=True):
        changed = changed_headings(heads, new_heads)
        for _, title in changed:
            grid.rows.append([title])
        if changed:
            above = []
        heads = new_heads
        cells: list[str | None] = []
        for k in range(depth):
            value = cats[k] if k < len(cats) else ""
            same = k < len(above) and above[k] == value and cells[:k] == [None] * k
            cells.append(None if same and value else value)
        above = [cats[k] if k < len(cats) else "" for k in range(depth)]
        cells += [task.seq, task.content + (ABOLISHED_MARK if task.status == "abolished" else "")]
        if leaders:
            cells.append(leaders_text(task.lead_leaders) if task.lead_leaders else "")
        cells.append(units_text(task.lead_units) if task.lead_units else "")
        cells.append(units_text(task.support_units) if task.support_units else "")
        if deadlines:
            cells.append(task.deadline or "")
        grid.rows.append(cells)
    return [grid]


def _split_section(section: list[str]) -> tuple[list[str], list[str]]:
    """Numbered headings first, then from the first unnumbered one on: categories."""
    for k, title in enumerate(section):
        if ordinals.match(fold(title)) is None:
            return list(section[:k]), list(section[k:])
    return list(section), []


def _write_grid(document: s.OfficialDocument, grid: Grid) -> None:
    """The table in Word: heading rows merged across, categories merged down."""
    fixed = {"类别": 2.6, "序号": 1.4, "牵头领导": 2.2, "牵头单位": 3.2, "责任单位": 4.0}
    widths = [fixed.get(word, 2.6 if word == "完成时限" else 0.0) for word in grid.header]
    table = document.table(grid.header, widths)
    for cells in grid.rows:
        row = table.add_row()
        if len(cells) == 1:
            table.text(row.cells[0].merge(row.cells[-1]), cells[0], bold=True)
            continue
        for k, text in enumerate(cells):
            if text is not None:
                table.text(row.cells[k], text, center=k <= grid.categories)
    top = [0] * grid.categories
    for r, cells in enumerate(grid.rows, 1):
        for column in range(grid.categories if len(cells) > 1 else 0):
            if cells[column] is None:
                table.table.cell(top[column], column).merge(table.table.cell(r, column))
            else:
                top[column] = r


# -- the reader's view -----------------------------------------------------------


def _read_back(items: list[Item]) -> Plan | None:
    """The items as the importer reads them (None when it finds no tasks)."""
    try:
        return extract_blocks(_as_blocks(items))
    except ExtractError:
        return None


def _misread_lists(plan: Plan, back: Plan | None) -> set[str | None]:
    """The task lists whose running text the reader would not read back as they are."""
    out: set[str | None] = set()
    for key in {_key(plan, t.list) for t in plan.tasks}:
        mine = [_essence(t) for t in plan.tasks if _key(plan, t.list) == key]
        theirs = [_essence(t) for t in back.tasks if t.list == key] if back else []
        if mine != theirs:
            out.add(key)
    return out


def _essence(task: Task) -> tuple:
    return (
        tuple(task.section),
        task.seq,
        task.content,
        tuple(task.lead_leaders),
        tuple(task.lead_units),
        tuple(task.support_units),
        task.deadline,
        task.status,
    )


def _as_blocks(items: list[Item]) -> list:
    """The items as the .docx reader would hand them on (line breaks split lines,
    a merged heading row is its text followed by empty cells)."""
    blocks: list = []
    line = 0
    for item in items:
        if isinstance(item, SignOff):
            item = Line(s.BODY, item.issuer or "", breaks=[item.date or ""])
        if isinstance(item, Line):
            for text in [item.text, *item.breaks]:
                line += 1
                if text.strip():
                    blocks.append(Paragraph(text.strip(), line))
            continue
        table = Table(line=line + 1, index=sum(isinstance(b, Table) for b in blocks))
        width = len(item.header)
        for cells in [item.header, *item.rows]:
            line += 1
            if len(cells) == 1:
                row = [Cell(cells[0], False)] + [Cell("", False) for _ in range(width - 1)]
            else:
                row = [Cell("", True) if c is None else Cell(c, False) for c in cells]
            table.rows.append(Row(row, line))
        blocks.append(table)
    return blocks


# -- small texts -------------------------------------------------------------------


def _scheme_title(title: str | None) -> str | None:
    """关于印发X的通知 → X: the plan's own title, printed above its body."""
    m = _SCHEME.match(title or "")
    return m.group(1) if m else None


def _quoted(title: str) -> str:
    """《title》 with inner 《》 turned into 〈〉, as nested book-title marks are printed."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def _chinese_date(iso: str) -> str:
    """2022-02-28 → 2022年2月28日 (GB/T 9704 §7.3.5.2: arabic numerals, no leading zeros)."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}年{month}月{day}日"

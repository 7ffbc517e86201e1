"""The extraction pipeline, in the order it runs:

1. read: a reader turns the file's bytes into one block stream of paragraphs
   and tables (`readers/`), whatever the format;
2. header: the document header is read from the paragraphs (`recognisers/header`);
3. conventions: rules the notice states in words, such as "the first unit
   listed leads" (`recognisers/conventions`);
4. segment: the stream is cut into task lists at 附件 markers, and each list
   into runs of paragraphs and runs of tables;
5. recognise: each run goes to its recogniser (`recognisers/paragraphs`,
   `recognisers/tables`), which adds headings and tasks to a PlanBuilder;
6. finish: list titles kept only when there are several lists, numbering checked.
"""

from __future__ import annotations

import re
from pathlib import Path

from duban.extract.blocks import Block, Paragraph, Table
from duban.extract.builder import PlanBuilder
from duban.extract.chinese import fold, squeeze
from duban.extract.errors import ExtractError
from duban.extract.plan import Plan
from duban.extract.readers import read_blocks
from duban.extract.recognisers import conventions, header, ordinals, paragraphs, tables
from duban.extract.recognisers.assignments import parse_labelled

_ATTACHMENT = re.compile(r"^附件[0-9一二三四五六七八九十]*[:：]?$")
_LIST_TITLE_MAX = 60


def extract_file(path: str | Path) -> Plan:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"无法读取文件 {path}", f"cannot read file: {exc.strerror}") from exc
    plan = extract_bytes(data)
    plan.source_name = path.name
    return plan


def extract_bytes(data: bytes) -> Plan:
    return extract_blocks(read_blocks(data))


def extract_blocks(blocks: list[Block]) -> Plan:
    builder = PlanBuilder()
    all_paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    builder.plan.document = header.recognise(all_paragraphs)
    builder.first_is_lead = conventions.first_unit_leads(all_paragraphs)
    for run in _runs(blocks, builder):
        if isinstance(run[0], Table):
            tables.recognise(run, builder)
        else:
            paragraphs.recognise(run, builder)
    plan = builder.finish()
    if not plan.tasks:
        raise ExtractError("文件中没有找到任务分工（未识别到编号任务或分工表格）", "no tasks found")
    plan.source_lines = list(_source_lines(blocks))
    return plan


def _source_lines(blocks: list[Block]):
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.line, block.text
        else:
            for row in block.rows:
                yield row.line, " | ".join(cell.text for cell in row.cells)


def _runs(blocks: list[Block], builder: PlanBuilder):
    """Consecutive paragraphs or consecutive tables, cut at 附件 markers, which
    also start a new task list whose title is the short lines after the marker."""
    run: list[Block] = []
    k = 0
    while k < len(blocks):
        block = blocks[k]
        if isinstance(block, Paragraph) and _ATTACHMENT.match(squeeze(fold(block.text))):
            if run:
                yield run
                run = []
            k, title = _list_title(blocks, k + 1)
            builder.start_list(title)
            continue
        if (
            isinstance(block, Table)
            and block.caption
            and squeeze(block.caption) != builder.list_title
        ):
            if run:
                yield run
                run = []
            builder.start_list(block.caption)
        if run and isinstance(block, Table) != isinstance(run[0], Table):
            yield run
            run = []
        run.append(block)
        k += 1
    if run:
        yield run


def _list_title(blocks: list[Block], k: int) -> tuple[int, str | None]:
    lines: list[str] = []
    while k < len(blocks) and len(lines) < 3:
        block = blocks[k]
        if not isinstance(block, Paragraph):
            break
        key = squeeze(fold(block.text))
        if ordinals.match(key) or parse_labelled(block.text) or len(key) > _LIST_TITLE_MAX:
            break
        lines.append(block.text)
        k += 1
    return k, "".join(lines) or None

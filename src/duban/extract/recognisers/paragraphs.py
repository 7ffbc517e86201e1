"""Tasks written as running text: numbered items with labelled lines or brackets.

Two passes over a run of paragraphs:
1. group lines into items: an ordinal opens an item, labelled lines attach to
   it, a line broken by a page or a PDF line end continues it;
2. classify items: the ordinal styles whose items carry assignments are the task
   styles; items of other styles are headings (a heading may carry an assignment
   that its tasks inherit, such as one leader per section); an unnumbered
   paragraph with its own assignment is a task with seq ""; a short unnumbered
   line right before a task is a heading printed without its ordinal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from duban.extract.blocks import Paragraph
from duban.extract.builder import PlanBuilder
from duban.extract.chinese import fold, squeeze
from duban.extract.recognisers import ordinals
from duban.extract.recognisers.assignments import (
    Assignment,
    label_spans,
    parse_labelled,
    split_inline,
)
from duban.extract.units import POST_WORDS, looks_complete
from duban.extract.vocabulary import INSPECT, LEAD, RESPONSIBLE, SUPPORT

_TERMINAL = tuple("。！？；;：:）)】!?")
_SENTENCE_END = tuple("。；;：:！？!?")
_UNIT_ROLES = (LEAD, RESPONSIBLE, SUPPORT, INSPECT)
_TASK_LIKE = ("arabic", "arabic_paren", "circled", "cn_paren", "enumerator")
_BROKEN_LINE_MIN = 20
_HEADING_MAX = 60


@dataclass
class Item:
    ordinal: ordinals.Ordinal | None
    lines: list[str]
    first_line: int
    last_line: int
    labels: Assignment = field(default_factory=Assignment)
    labelled: bool = False
    last_label_text: str = ""
    last_labels: Assignment = field(default_factory=Assignment)
    # An 一是 paragraph the item before would have taken as its continuation.
    continues: bool = False

    @property
    def printed(self) -> str:
        return "".join(self.lines)

    @property
    def body(self) -> str:
        return self.printed[self.ordinal.end :] if self.ordinal else self.printed

    def broken_line(self) -> bool:
        """Its last line stops mid-sentence, as a page or PDF line end leaves it."""
        if self.labelled or not self.lines:
            return False
        last = squeeze(self.lines[-1])
        return len(last) >= _BROKEN_LINE_MIN and not last.endswith(_TERMINAL)

    def takes_continuation(self) -> bool:
        """A broken line, or a numbered task whose further paragraphs (一是… 二是…)
        come before its labels."""
        if self.broken_line():
            return True
        if self.labelled or not self.lines or self.ordinal is None:
            return False
        if self.ordinal.style not in _TASK_LIKE or split_inline(self.lines[-1])[1]:
            return False
        text = squeeze(self.printed)
        return text.endswith(_SENTENCE_END) or len(text) >= _BROKEN_LINE_MIN


def recognise(paragraphs: list[Paragraph], builder: PlanBuilder) -> None:
    items = _settle_enumerators(_group(paragraphs, builder))
    if items:
        _classify(items, builder)


def _group(paragraphs: list[Paragraph], builder: PlanBuilder) -> list[Item]:
    items: list[Item] = []
    current: Item | None = None
    last_number = 0
    for p in paragraphs:
        text = p.text
        labelled = parse_labelled(text)
        if labelled is not None:
            if current is None:
                current = Item(None, [], p.line, p.line)
                items.append(current)
            current.labels.merge(labelled)
            current.labelled = True
            current.last_line = p.line
            current.last_label_text = text
            current.last_labels = labelled
            continue
        ordinal = ordinals.match(fold(text)) or ordinals.enumerator(fold(text))
        if ordinal and ordinal.style == "arabic" and current and current.broken_line():
            n = int(ordinal.number)
            if n not in (last_number + 1, 1):
                ordinal = None  # a number that breaks the sequence inside a broken line
        if ordinal:
            text, trailing = _split_trailing_labels(text)
            continues = (
                ordinal.style == "enumerator" and bool(current) and current.takes_continuation()
            )
            current = Item(ordinal, [text], p.line, p.line, continues=continues)
            items.append(current)
            if trailing is not None:  # "1.内容。责任单位：县发改局（牵头）、县统计局"
                current.labels.merge(trailing)
                current.labelled = True
                current.last_label_text = text
            if ordinal.style == "arabic":
                last_number = int(ordinal.number)
            continue
        if current and current.labelled and _label_continues(current.last_label_text, text):
            continued = parse_labelled(current.last_label_text + text)
            if continued:
                current.labels.forget(current.last_labels)
                current.labels.merge(continued)
                current.last_line = p.line
                current.last_label_text += text
                current.last_labels = continued
                continue
        content, inline = split_inline(text)
        if current and inline and not squeeze(content):
            current.labels.merge(inline)
            current.labelled = True
            current.last_line = p.line
            continue
        if current and (current.takes_continuation() or _rest_of_a_word(current, text)):
            current.lines.append(text)
            current.last_line = p.line
            continue
        current = Item(None, [text], p.line, p.line)
        items.append(current)
    return items


def _rest_of_a_word(item: Item, text: str) -> bool:
    """A numbered line cut inside a word ("…扩区调" / "位，完成…"): the next
    line's first clause is one or two characters long."""
    if item.labelled or item.ordinal is None or item.ordinal.style not in _TASK_LIKE:
        return False
    if squeeze(item.lines[-1]).endswith(_TERMINAL):
        return False
    head = squeeze(text)[:3]
    return any(mark in head[1:] for mark in "，,、")


def _settle_enumerators(items: list[Item]) -> list[Item]:
    """一是/二是 paragraphs are tasks when (nearly) each carries its own
    assignment; otherwise they are further paragraphs of the item before them,
    as they were read before they had a style of their own."""
    enumerated = {id(i): i for i in items if i.ordinal and i.ordinal.style == "enumerator"}
    with_assignment = [i for i in enumerated.values() if i.labelled or split_inline(i.body)[1]]
    if not enumerated or len(with_assignment) * 5 >= len(enumerated) * 4:
        return items
    settled: list[Item] = []
    for item in items:
        if id(item) in enumerated and item.continues and settled:
            before = settled[-1]
            before.lines.extend(item.lines)
            before.labels.merge(item.labels)
            before.labelled = before.labelled or item.labelled
            before.last_label_text = item.last_label_text or before.last_label_text
            before.last_line = item.last_line
            continue
        if id(item) in enumerated:
            item.ordinal = None
        settled.append(item)
    return settled


def _split_trailing_labels(text: str) -> tuple[str, Assignment | None]:
    """Labels written on the task's own line after its text, following a full stop."""
    for role, _word, start, _end in label_spans(text):
        before = text[:start].rstrip()
        inside_brackets = sum(before.count(c) for c in "（(【") > sum(
            before.count(c) for c in "）)】"
        )
        undashed = before.rstrip("—－–- \u3000")  # "…开工。——牵头单位：…"
        ended = before.endswith(("。", "；", ";")) or undashed != before
        if role != "unknown" and ended and not inside_brackets:
            labelled = parse_labelled(text[start:])
            if labelled:
                return undashed, labelled
    return text, None


def _label_continues(label_line: str, text: str) -> bool:
    """A labelled line's list goes on in this line: it ended with 、 or ， or
    in the middle of a name ("县住房和城乡建" / "设局、县水利局")."""
    last = label_line.rstrip()
    if last.endswith(("、", "，", ",")):
        return True
    if last.endswith(_TERMINAL) or ordinals.match(fold(text)) or "：" in text[:12]:
        return False
    spans = label_spans(last)
    if not spans or spans[-1][0] not in _UNIT_ROLES:
        return False
    return not looks_complete(re.split(r"[、，,；;：:\s]", last)[-1])


def _assignment(item: Item) -> tuple[str, Assignment]:
    content, inline = split_inline(item.body)
    assignment = Assignment()
    assignment.merge(item.labels)
    if inline:
        assignment.merge(inline)
    return content, assignment


TASK, HEADING, PLAIN = "task", "heading", "plain"


def _classify(items: list[Item], builder: PlanBuilder) -> None:
    parsed = [_assignment(item) for item in items]
    kinds = _kinds(items, [bool(a) for _, a in parsed])
    tasks = [k for k, kind in enumerate(kinds) if kind == TASK]
    first, last = (tasks[0], tasks[-1]) if tasks else (len(items), -1)
    inherited: dict[int, Assignment] = {}
    for k, item in enumerate(items):
        content, assignment = parsed[k]
        if kinds[k] == TASK:
            _inherit(assignment, inherited)
            seq = item.ordinal.number if item.ordinal else ""
            if item.ordinal:
                builder.close_headings(item.ordinal.rank)
            builder.add_task(seq, content, assignment, {"lines": [item.first_line, item.last_line]})
        elif kinds[k] == HEADING and item.ordinal:
            if not tasks and not builder.plan.tasks and not _is_heading_line(item):
                builder.headings.clear()  # body text of a cover letter, not a section
                continue
            _push_heading(builder, item, inherited, assignment or _heading_leader(item) or None)
        elif kinds[k] == HEADING:
            following = items[k + 1].ordinal if k + 1 < len(items) else None
            builder.heading_without_ordinal(item.printed, following.rank if following else None)
            for rank in [r for r in inherited if r >= builder.headings[-1][0]]:
                del inherited[rank]
        elif first < k < last:
            builder.diagnose(
                "unplaced_line",
                f"无法归入任务的文字：{squeeze(item.printed)[:30]}",
                item.first_line,
            )


def _kinds(items: list[Item], assigned: list[bool]) -> list[str]:
    """Task, heading or plain text for each item (see the module docstring)."""
    styles = Counter(i.ordinal.style for i in items if i.ordinal)
    with_assignment = Counter(
        i.ordinal.style for i, a in zip(items, assigned, strict=True) if i.ordinal and a
    )
    task_styles = {s for s, n in with_assignment.items() if n * 2 >= styles[s]}
    first = assigned.index(True) if True in assigned else len(items)
    last = len(assigned) - 1 - assigned[::-1].index(True) if True in assigned else -1
    kinds: list[str] = []
    for k, item in enumerate(items):
        if item.ordinal:
            numbered_task = item.ordinal.style in task_styles or assigned[k]
            if numbered_task and first <= k <= last and not _opens_deeper(items, k, task_styles):
                kinds.append(TASK)
            else:
                kinds.append(HEADING)
        else:
            kinds.append(TASK if assigned[k] else PLAIN)
    for k, item in enumerate(items[:-1]):
        nxt = items[k + 1]
        opens_group = kinds[k + 1] == TASK or (kinds[k + 1] == HEADING and nxt.ordinal)
        if kinds[k] == PLAIN and opens_group and _is_heading_line(item) and first < k < last:
            kinds[k] = HEADING
    return kinds


_LEADER_HEADING = re.compile(
    rf"(?:{POST_WORDS})(?P<name>[\u4e00-\u9fff·]{{2,4}}?)"
    r"(?:同志)?(?:分管|牵头|联系|负责)(?:领域|工作|事项|任务)"
)


def _heading_leader(item: Item) -> Assignment | None:
    """ "一、常务副县长周启明分管领域（4项）": the tasks below are his."""
    m = _LEADER_HEADING.search(fold(squeeze(item.printed)))
    return (
        Assignment(leaders=[squeeze(item.printed)[m.start("name") : m.end("name")]]) if m else None
    )


def _push_heading(builder: PlanBuilder, item: Item, inherited: dict, assignment) -> None:
    rank = item.ordinal.rank
    builder.heading(rank, item.printed if not assignment else item.printed[: _cut(item)])
    for r in [r for r in inherited if r >= rank]:
        del inherited[r]
    if assignment:
        inherited[rank] = assignment


def _cut(item: Item) -> int:
    content, _ = split_inline(item.printed)
    return len(content)


def _inherit(assignment: Assignment, inherited: dict) -> None:
    """A task without a leader, lead or deadline takes its heading's (one leader
    per section, say)."""
    for rank in sorted(inherited, reverse=True):
        source = inherited[rank]
        if not assignment.leaders:
            assignment.leaders = list(source.leaders)
        if not assignment.deadline:
            assignment.deadline = source.deadline
        if not (assignment.lead or assignment.responsible):
            assignment.lead = list(source.lead)
            assignment.responsible = list(source.responsible)
            if not assignment.support:
                assignment.support = list(source.support)


def _opens_deeper(items: list[Item], k: int, task_styles: set[str]) -> bool:
    """Is item k followed by deeper-numbered task items before its next sibling?"""
    rank = items[k].ordinal.rank
    for item in items[k + 1 :]:
        if not item.ordinal:
            continue
        if item.ordinal.rank <= rank:
            return False
        if item.ordinal.style in task_styles:
            return True
    return False


def _is_heading_line(item: Item) -> bool:
    """Short, one sentence at most, not a lead-in ("具体任务如下：") or a remark."""
    text = squeeze(item.printed)
    return (
        4 <= len(text) <= _HEADING_MAX
        and "。" not in text[:-1]
        and not text.endswith((":", "："))
        and not squeeze(item.body).startswith(("（", "(", "【", "["))  # a remark, not （一）
        and not item.labelled
    )

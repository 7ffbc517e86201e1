"""PlanBuilder: where recognisers put what they found, in document order.

It keeps the reading context a person keeps: which task list (附件) we are in,
the path of headings above the current line, and the tasks so far. It also
normalises what goes into the plan (content, section titles, status) so every
recogniser produces the same shapes.
"""

from __future__ import annotations

import re

from duban.extract.chinese import fold, squeeze
from duban.extract.plan import Diagnostic, Plan, Task
from duban.extract.recognisers.assignments import Assignment

_ABOLISHED = re.compile(r"[（(【\[]\s*(废止|已废止|作废|取消)\s*[）)】\]]")
_EMPHASIS = re.compile(r"\*\*|__|^#{1,6}")
_TRAILING_PUNCT = "，,。.；;：:、"


def section_title(text: str) -> str:
    """Whitespace removed, cut before the first 。, no trailing punctuation."""
    title = _EMPHASIS.sub("", squeeze(text))
    if "。" in title:
        title = title[: title.index("。")]
    return title.rstrip(_TRAILING_PUNCT)


class PlanBuilder:
    def __init__(self) -> None:
        self.plan = Plan()
        self.list_title: str | None = None
        self.headings: list[tuple[int, str]] = []  # (rank, title), outermost first
        self.first_is_lead = False

    # -- context -----------------------------------------------------------
    def start_list(self, title: str | None) -> None:
        """A new task list (附件N): headings and numbering start afresh."""
        self.list_title = squeeze(title) if title else None
        self.headings = []

    def heading(self, rank: int, text: str) -> None:
        while self.headings and self.headings[-1][0] >= rank:
            self.headings.pop()
        self.headings.append((rank, section_title(text)))

    def close_headings(self, rank: int) -> None:
        """A task numbered at `rank` ends the headings at that rank or deeper:
        （三） as a task is a sibling of the heading （二）, not inside it."""
        while self.headings and self.headings[-1][0] >= rank:
            self.headings.pop()

    def heading_without_ordinal(self, text: str, above: int | None = None) -> None:
        """A heading printed without its ordinal stands in for the innermost heading
        shallower than `above` (the rank of what follows it), or the innermost one."""
        ranks = [r for r, _ in self.headings if above is None or r < above]
        if ranks:
            rank = ranks[-1]
        elif above is not None:
            rank = max(above - 1, 0)
        else:
            rank = 1
        self.heading(rank, text)

    @property
    def section(self) -> list[str]:
        return [title for _, title in self.headings]

    # -- output --------------------------------------------------------------
    def add_task(
        self,
        seq: str,
        content: str,
        assignment: Assignment,
        source: dict,
        extra_section: list[str] | None = None,
    ) -> Task:
        marks = list(_ABOLISHED.finditer(fold(content)))
        status = "abolished" if marks else "active"
        for m in reversed(marks):
            content = content[: m.start()] + content[m.end() :]
        content = _EMPHASIS.sub("", squeeze(content))
        lead, support = assignment.resolve(self.first_is_lead)
        task = Task(
            content=content,
            seq=seq,
            section=self.section + [section_title(s) for s in extra_section or [] if s],
            list=self.list_title,
            lead_leaders=list(assignment.leaders),
            lead_units=lead,
            support_units=support,
            deadline=assignment.deadline,
            status=status,
            source=source,
        )
        self.plan.tasks.append(task)
        line = _first_line(source)
        if not lead:
            self.diagnose("no_lead_unit", f"任务 {seq or '（无序号）'} 没有牵头单位", line, seq)
        for word in assignment.unknown:
            self.diagnose("unknown_label", f"未识别的分工标签“{word}”", line, seq)
        return task

    def diagnose(self, code: str, message: str, line: int | None = None, seq: str | None = None):
        self.plan.diagnostics.append(Diagnostic(code, message, line, seq))

    def finish(self) -> Plan:
        """Lists are named only when the notice carries more than one."""
        if len({t.list for t in self.plan.tasks}) <= 1:
            for task in self.plan.tasks:
                task.list = None
        self._check_numbering()
        return self.plan

    def _check_numbering(self) -> None:
        """Within each list: a number repeated, or one that skips ahead."""
        previous: dict[str | None, int] = {}
        last = 0
        for task in self.plan.tasks:
            if not (task.seq.isascii() and task.seq.isdigit()):
                continue
            n = int(task.seq)
            key = task.list
            line = _first_line(task.source)
            if key in previous and n == previous[key]:
                self.diagnose("numbering_repeat", f"序号 {n} 重复", line, task.seq)
            elif key in previous and n not in (previous[key] + 1, 1) and n > last:
                self.diagnose("numbering_gap", f"序号从 {previous[key]} 跳到 {n}", line, task.seq)
            previous[key] = last = n


def _first_line(source: dict) -> int | None:
    """The line a task starts on, whether it came from running text or a table row."""
    return source.get("line") or (source.get("lines") or [None])[0]

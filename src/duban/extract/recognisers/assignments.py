"""Who does a task: labelled lines, inline brackets, role-marked brackets.

Three ways notices attach units and leaders to a task, all read into one
`Assignment`:
- labelled lines after the task: 牵头领导：… / 牵头单位：… / 责任单位：…, any order;
- an inline bracket at the end of the task: （牵头领导:…;牵头单位:…;共同责任单位:…),
  whose closing bracket may be missing;
- a role-marked bracket: （县发改局牵头，县财政局、县统计局配合）.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from duban.extract.chinese import fold, squeeze
from duban.extract.units import split_leaders, split_units
from duban.extract.vocabulary import (
    DEADLINE,
    INSPECT,
    LABELS,
    LEAD,
    LEADER,
    RESPONSIBLE,
    SUPPORT,
    label_role,
)

_LABEL = re.compile(r"([\u4e00-\u9fff][\u4e00-\u9fff\s]{1,14}?)\s*[:：]")
# An opening bracket directly followed by a label word and its colon.
_OPEN_LABEL = re.compile(r"[（(【]\s*[\u4e00-\u9fff][\u4e00-\u9fff\s]{1,14}?\s*[:：]")
_MARKED_PART = re.compile(
    r"^(?P<units>.+?)(?P<role>牵头负责|牵头|负责|为主|主责|配合|参与|协助|协办|按职责分工负责|按职责负责|落实)$"
)
_LEAD_MARK = re.compile(r"[（(]\s*牵头\s*[）)]$")
_PART_SEP = re.compile(r"[，,；;]")
_DEADLINE_LIKE = re.compile(r"(\d{1,2}月|年底|年内|季度|上半年|下半年|长期|持续|前完成|底前)")


@dataclass
class Assignment:
    """Raw assignment values of one task, before 责任单位 is given its role."""

    leaders: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str | None = None
    inspect: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.leaders or self.lead or self.responsible or self.support or self.deadline)

    def add(self, role: str, value: str, word: str = "") -> None:
        value = value.strip().strip("；;。")
        if role == LEADER:
            self.leaders += [n for n in split_leaders(value) if n not in self.leaders]
        elif role == LEAD:
            self.lead += [u for u in split_units(value) if u not in self.lead]
        elif role in (RESPONSIBLE, SUPPORT):
            units = split_units(value)
            marked = [u for u in units if _LEAD_MARK.search(fold(u))]
            if marked:  # "县发改局（牵头）、县统计局": the marked unit leads
                self.lead += [_LEAD_MARK.sub("", u) for u in marked]
                role = SUPPORT
            rest = [u for u in units if u not in marked]
            target = self.responsible if role == RESPONSIBLE else self.support
            target += [u for u in rest if u not in target]
        elif role == DEADLINE:
            value = squeeze(value)
            while value.endswith(("）", ")")) and value.count("（") + value.count("(") < (
                value.count("）") + value.count(")")
            ):
                value = value[:-1]  # the closing bracket of an assignment cut over lines
            if value:
                self.deadline = f"{self.deadline}；{value}" if self.deadline else value
        elif role == INSPECT:
            self.inspect += split_units(value)
        else:
            self.unknown.append(word)

    def forget(self, other: Assignment) -> None:
        """Take back what `other` added: a labelled line read again with its
        continuation replaces its first reading ("…，桐溪" / "经济开发区管委会")."""
        for name in ("leaders", "lead", "responsible", "support", "inspect", "unknown"):
            mine = getattr(self, name)
            mine[:] = [v for v in mine if v not in getattr(other, name)]
        if self.deadline == other.deadline:
            self.deadline = None

    def merge(self, other: Assignment) -> None:
        for name in ("leaders", "lead", "responsible", "support", "inspect", "unknown"):
            mine = getattr(self, name)
            mine += [v for v in getattr(other, name) if v not in mine]
        self.deadline = self.deadline or other.deadline

    def resolve(self, first_is_lead: bool = False) -> tuple[list[str], list[str]]:
        """(lead_units, support_units): 责任单位 lead when only 配合单位 stand beside
        them, support beside a 牵头单位 or alone (or split first/rest when the
        notice says the first listed unit leads)."""
        lead, support = list(self.lead), list(self.support)
        if self.responsible:
            if lead:
                support = self.responsible + [u for u in support if u not in self.responsible]
            elif support:
                lead = list(self.responsible)
            elif first_is_lead:
                lead, support = self.responsible[:1], self.responsible[1:]
            else:
                support = list(self.responsible)
        return lead, support


def label_spans(text: str) -> list[tuple[str, str, int, int]]:
    """Labels in `text` as (role, word, start, end-of-colon), in order.

    A label may be qualified (政府牵头领导, 区级领导); text run on before it
    ("区财政局  责任领导：") is not part of it. A word that only looks like a
    label counts when it opens the text ("unknown", reported by the caller).
    """
    folded = fold(text)
    spans = []
    for m in _LABEL.finditer(folded):
        chars = [(i, ch) for i, ch in enumerate(folded[m.start() : m.end() - 1], m.start())]
        chars = [(i, ch) for i, ch in chars if not ch.isspace()]
        word = "".join(ch for _, ch in chars)
        for cut in range(len(word) - 1):
            role = label_role(word[cut:])
            if role == "unknown" and (spans or cut):
                continue
            if role and cut and word[cut:] not in LABELS and not _boundary(folded, chars[cut][0]):
                continue  # "人民政府 完成时限": 政府 belongs to the unit, not the label
            if role:
                spans.append((role, word[cut:], chars[cut][0], m.end()))
                break
    return spans


def _boundary(text: str, i: int) -> bool:
    return i == 0 or not ("\u4e00" <= text[i - 1] <= "\u9fff")


_MARKUP = re.compile(r"\*\*|__")
_BOXED_LABEL = re.compile(r"【\s*([\u4e00-\u9fff]{2,10})\s*】\s*[:：]?")


# Words of a government website's footer, printed beside its 主办单位/承办单位.
_SITE_FOOTER = re.compile(r"技术支持|网站标识码|ICP备|公网安备|版权所有|网站地图|联系我们")


def parse_labelled(text: str) -> Assignment | None:
    """A line that starts with a label ("牵头单位：区财政局  责任领导：冶 祥"),
    also written in bold (**牵头单位：**) or boxed (【牵头单位】区财政局)."""
    text = _BOXED_LABEL.sub(r"\1：", _MARKUP.sub("", text))
    spans = label_spans(text)
    if not spans or text[: spans[0][2]].strip(" \t*-·•　—－–"):
        return None
    if _SITE_FOOTER.search(text):
        return None  # "主办单位：…政府办公室  技术支持：…": the website's, not a task's
    return _assign_spans(text, spans)


def _assign_spans(text: str, spans: list[tuple[str, str, int, int]]) -> Assignment:
    result = Assignment()
    for k, (role, word, _start, end) in enumerate(spans):
        stop = spans[k + 1][2] if k + 1 < len(spans) else len(text)
        result.add(role, text[end:stop], word)
    return result


def split_inline(text: str) -> tuple[str, Assignment | None]:
    """Task text → (text without its trailing assignment bracket, assignment)."""
    folded = fold(text)
    for m in _OPEN_LABEL.finditer(folded):
        inner = text[m.start() + 1 :]
        spans = label_spans(inner[: m.end() - m.start()])
        if spans and not inner[: spans[0][2]].strip():
            body = _strip_closing(inner)
            rest = inner[len(body) + 1 :]
            content = text[: m.start()].rstrip()
            if "废止" in fold(rest):
                content += rest.strip()  # （废止） printed after the bracket
            return content, _assign_spans(body, label_spans(body))
    marked = _role_marked(text)
    if marked:
        return marked
    return text, None


def _strip_closing(inner: str) -> str:
    """Drop the bracket's closing character (if printed) and anything after it."""
    depth = 0
    for i, ch in enumerate(inner):
        if ch in "（(【":
            depth += 1
        elif ch in "）)】":
            if depth == 0:
                return inner[:i]
            depth -= 1
    return inner


def _role_marked(text: str) -> tuple[str, Assignment] | None:
    """'…（县发改局牵头，县财政局配合）' at the very end of the task (the closing
    bracket may be missing)."""
    stripped = text.rstrip("。. ")
    start = _last_top_level_open(stripped)
    if start < 0:
        return None
    inner = stripped[start + 1 :]
    if inner.endswith(("）", ")")):
        inner = inner[:-1]
    result = Assignment()
    printed_parts = _PART_SEP.split(inner)
    for printed, part in zip(printed_parts, _PART_SEP.split(fold(inner)), strict=True):
        part = squeeze(part)
        m = _MARKED_PART.match(part)
        if not m or not _looks_like_units(m.group("units")):
            labelled = parse_labelled(printed)
            if labelled is not None:
                result.merge(labelled)
            elif _DEADLINE_LIKE.search(part) and result:
                result.add(DEADLINE, printed)
            else:
                return None
            continue
        role = m.group("role")
        units = m.group("units")
        if role in ("牵头", "牵头负责", "为主", "主责"):
            result.add(LEAD, units)
        elif role in ("负责", "按职责分工负责", "按职责负责", "落实"):
            result.add(RESPONSIBLE, units)
        else:
            result.add(SUPPORT, units)
    if not result:
        return None
    if result.responsible and not result.lead:
        result.lead, result.responsible = result.responsible, []
    return text[:start].rstrip(), result


def _last_top_level_open(text: str) -> int:
    """Where the bracket group that ends the text opens, or the last opening
    bracket that is never closed; -1 if neither."""
    if text.endswith(("）", ")")):
        depth = 0
        for i in range(len(text) - 1, -1, -1):
            if text[i] in "）)":
                depth += 1
            elif text[i] in "（(":
                depth -= 1
                if depth == 0:
                    return i
        return -1
    i = max(text.rfind("（"), text.rfind("("))
    return i if i >= 0 and not any(c in "）)" for c in text[i:]) else -1


_UNITY = re.compile(
    r"(局|厅|委|办|中心|室|部|所|站|队|院|校|馆|处|会|社|联|公司|集团|政府|乡|镇|街道|单位|部门|园区|企业)"
)


def _looks_like_units(text: str) -> bool:
    return bool(_UNITY.search(text)) and len(text) <= 120

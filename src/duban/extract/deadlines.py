"""Reading a task's time requirement (时限) into a due date and a reporting cadence.

A 任务分工方案 prints each task's 时限 as a short phrase ("11月中旬前完成",
"12月末前完成，按季度实施推进", "长期坚持"). The ledger needs a date to count
down to and a rhythm to ask for progress reports, so this module turns the
phrase into `DeadlineParse` for the plan's year.

Rules, and why:
- A date is read as inclusive: "10月底前" and "10月前" are both the last day of
  October, "11月中旬前" the 20th, "6月30日前" that day, a quarter or half year
  its last day. Writers use "X前" loosely for "by X"; the inclusive reading never
  reports a task overdue that the notice still allows.
- The plan's year applies unless the phrase names one ("2023年6月", "次年").
  A named year outside [year, year + 1] ("2021年底前" in a 2022 plan, "去年")
  is taken as a misprint and the phrase flagged, not guessed at; so is an
  impossible date (2月30日).
- Several dates in one phrase ("6月底前完成前期工作，12月底前建成"): the latest
  is the due date, earlier ones are milestones with their clause.
- Dates in the task text (力争上半年实质性开工) are milestones only: the 时限
  column is the commitment, the text describes the work.
- A date followed by 起 / 开始 / 以后 / 以来 is when work starts, not a deadline;
  the first date of a range (6月至9月) is neither a deadline nor a milestone.
- Anything without a date, a cadence or an "ongoing" word (尽快, 视情况而定)
  is left unrecognized with the text kept, for a person to read.

Matching happens on a normalised copy (traditional folded, full-width digits
and Chinese numerals as Arabic digits, whitespace removed), clause by clause,
so a milestone can quote the clause as printed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from duban.extract.chinese import fold, squeeze

MONTHLY, QUARTERLY, HALF_YEARLY = "monthly", "quarterly", "half-yearly"

# Finest first: a task reported monthly and summed up quarterly is asked monthly.
_CADENCES = (
    (MONTHLY, re.compile(r"每个?月|按月|逐月|月度|1月一[次调报通]")),
    (QUARTERLY, re.compile(r"每[个一]?季度?|按季度?|逐季度?|分季度")),
    (HALF_YEARLY, re.compile(r"每半年|按半年|(?<![上下])半年一[次调报通]")),
)
_ONGOING = re.compile(r"长期|持续|常态化|长效|常年|经常性")

_CLAUSE = re.compile(r"[^，,；;。！!？?\n]+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CN_SMALL = re.compile(r"[零〇一二三四五六七八九十两]{1,3}(?=[月日号])")

# A year: four digits or a word relative to the plan's year, then 年 (年度).
_YEAR = re.compile(r"(?:(?<!\d)(\d{4})|(次|明|翌|下一?|第二|今|本|当|上|去))年度?")
_RELATIVE = {"次": 1, "明": 1, "翌": 1, "下": 1, "下一": 1, "第二": 1}
_RELATIVE |= {"今": 0, "本": 0, "当": 0, "上": -1, "去": -1}
# What may follow a date, tried in order at one position.
_NUMERIC = re.compile(r"(?<!\d)(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?!\d)")
_DAY = re.compile(r"(?<!\d)(\d{1,2})月份?(\d{1,2})[日号]")
_PART = re.compile(r"(?<!\d)(\d{1,2})月份?(中旬|上旬|下旬|底|末|初|中)")
_MONTH = re.compile(r"(?<!\d)(\d{1,2})月份?")
_HALF = re.compile(r"([上下])半年")
_FIRST_QUARTERS = re.compile(r"前([三3二2两])个?季度")
_QUARTER = re.compile(r"第?([一二三四1-4])季度")
_YEAR_END_AFTER_YEAR = re.compile(r"年?度?(?:底|末|内)")
# 年底 on its own, but not 三年内 / 去年底 / 一年半内, whose 年 is not the plan's.
_YEAR_END = re.compile(
    r"(?<![\d〇零一二三四五六七八九十两几百多数近半去前后往])年度?(?:底|末|内)|全年"
)
_PART_DAY = {"上旬": 10, "初": 10, "中": 15, "中旬": 20}
_QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "两": 2}
# After a date: work starts then (6月起), or a range opens (6月至9月, 6-9月).
_START = re.compile(r"起(?!草)|开始|以后|之后|以来|后|至(?!少)|到(?!位)|[-~—～－]")


@dataclass(frozen=True)
class Milestone:
    """A dated aim on the way to the due date, quoted as printed."""

    text: str
    due: date | None

    def to_json(self) -> dict:
        return {"text": self.text, "due": self.due.isoformat() if self.due else None}


@dataclass(frozen=True)
class DeadlineParse:
    """What a 时限 phrase commits a unit to; `recognized` False means a person must read it."""

    due: date | None
    cadence: str | None
    ongoing: bool
    recognized: bool
    milestones: tuple[Milestone, ...] = field(default=())
    text: str = ""

    def to_json(self) -> dict:
        return {
            "due": self.due.isoformat() if self.due else None,
            "cadence": self.cadence,
            "ongoing": self.ongoing,
            "recognized": self.recognized,
            "milestones": [m.to_json() for m in self.milestones],
        }


class _Invalid(ValueError):
    """A date the phrase names but that cannot be right for this plan."""


@dataclass(frozen=True)
class _Found:
    due: date
    start: bool  # 6月起: when work starts, not a deadline
    specific: bool  # more than a bare year or 全年: worth quoting from task text


def parse_deadline(phrase: str | None, year: int, content: str = "") -> DeadlineParse:
    """Read the phrase for the plan of `year`; dates in `content` become milestones only."""
    text = phrase or ""
    content_milestones = tuple(_content_milestones(content or "", year))
    unknown = DeadlineParse(None, None, False, False, content_milestones, text)
    try:
        dated: list[tuple[str, date]] = []
        cadences: set[str] = set()
        ongoing = False
        for raw in _CLAUSE.findall(fold(text)):
            clause = _normalise(raw)
            cadences.update(name for name, pattern in _CADENCES if pattern.search(clause))
            ongoing = ongoing or bool(_ONGOING.search(clause))
            masked = _mask(clause)
            dated += [(raw.strip(), f.due) for f in _scan(masked, year, strict=True) if not f.start]
    except _Invalid:
        return unknown
    if not (dated or cadences or ongoing):
        return unknown
    due = max((d for _, d in dated), default=None)
    own = tuple(Milestone(_printed(text, t), d) for t, d in dated if due and d < due)
    cadence = next((name for name, _ in _CADENCES if name in cadences), None)
    return DeadlineParse(due, cadence, ongoing, True, own + content_milestones, text)


def _content_milestones(content: str, year: int):
    """Dated aims in the task text: 6月底前开工, 力争上半年实质性开工, 年底前建成投运.

    Descriptive dates are common there ("2022年是…", "全年增长6%", "比上年"), so
    bare years and 全年 are skipped, and dates outside the plan's reach dropped.
    """
    seen: set[tuple[str, date]] = set()
    for raw in _CLAUSE.findall(fold(content)):
        for found in _scan(_mask(_normalise(raw)), year, strict=False):
            key = (_printed(content, raw.strip()), found.due)
            if found.specific and not found.start and key not in seen:
                seen.add(key)
                yield Milestone(*key)


def _printed(original: str, folded_clause: str) -> str:
    """The clause as printed: folding keeps lengths, so the same slice of the original."""
    start = fold(original).find(folded_clause)
    return original[start : start + len(folded_clause)] if start >= 0 else folded_clause


def _normalise(clause: str) -> str:
    clause = squeeze(clause).translate(_FULLWIDTH_DIGITS)
    clause = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m[0]), clause)
    return _CN_SMALL.sub(lambda m: _cn_number(m[0]), clause)


def _cn_number(numeral: str) -> str:
    """十二 → 12, 二十五 → 25, 三十一 → 31; anything odd is left as it was."""
    tens, _, units = numeral.partition("十")
    if "十" not in numeral:
        return numeral if len(numeral) > 1 else str(_CN_DIGIT[numeral])
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return numeral
    return str((_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0))


def _mask(clause: str) -> str:
    """Blank out cadence and ongoing words so 每一季度 is not read as 一季度."""
    for _, pattern in _CADENCES:
        clause = pattern.sub(lambda m: "□" * len(m[0]), clause)
    return _ONGOING.sub(lambda m: "□" * len(m[0]), clause)


def _scan(clause: str, year: int, strict: bool):
    """Every date in a normalised clause; `strict` raises on impossible or foreign ones."""
    pos = 0
    while pos < len(clause):
        try:
            hit = _date_at(clause, pos, year)
        except _Invalid:
            if strict:
                raise
            hit = None
        if hit is None:
            pos += 1
            continue
        due, end, specific = hit
        if not year <= due.year <= year + 1:
            if strict:
                raise _Invalid(clause)
        else:
            yield _Found(due, bool(_START.match(clause, end)), specific)
        pos = end


def _date_at(s: str, pos: int, year: int) -> tuple[date, int, bool] | None:
    """The date starting at `pos`, its end, and whether it is more than a bare year."""
    if m := _NUMERIC.match(s, pos):
        return _day(int(m[1]), int(m[2]), int(m[3])), m.end(), True
    named = _YEAR.match(s, pos)
    if named:
        y = int(named[1]) if named[1] else year + _RELATIVE[named[2]]
        if hit := _tail(s, named.end(), y):
            return hit
        if m := _YEAR_END_AFTER_YEAR.match(s, named.end()):
            return _day(y, 12, 31), m.end(), True
        if s.startswith(("前", "以前", "之前"), named.end()):
            return None  # 2022年前: before the year or by its end? Not guessed.
        return _day(y, 12, 31), named.end(), False
    if hit := _tail(s, pos, year):
        return hit
    if m := _YEAR_END.match(s, pos):
        return _day(year, 12, 31), m.end(), m[0] != "全年"
    return None


def _tail(s: str, pos: int, y: int) -> tuple[date, int, bool] | None:
    """A month, day, quarter or half year at `pos`, in year `y`."""
    if m := _DAY.match(s, pos):
        return _day(y, int(m[1]), int(m[2])), m.end(), True
    if m := _PART.match(s, pos):
        month = int(m[1])
        day = _PART_DAY.get(m[2]) or _last_day(y, month)
        return _day(y, month, day), m.end(), True
    if m := _MONTH.match(s, pos):
        month = int(m[1])
        return _day(y, month, _last_day(y, month)), m.end(), True
    if m := _HALF.match(s, pos):
        return _day(y, 6 if m[1] == "上" else 12, 30 if m[1] == "上" else 31), m.end(), True
    if m := _FIRST_QUARTERS.match(s, pos):
        quarter = 3 if m[1] in "三3" else 2
        return _quarter_end(y, quarter), m.end(), True
    if m := _QUARTER.match(s, pos):
        quarter = _QUARTER_NUMBER.get(m[1]) or int(m[1])
        return _quarter_end(y, quarter), m.end(), True
    return None


def _quarter_end(y: int, quarter: int) -> date:
    month = quarter * 3
    return _day(y, month, _last_day(y, month))


def _last_day(y: int, month: int) -> int:
    if not 1 <= month <= 12 or not 1 <= y <= 9999:
        raise _Invalid(f"{y}-{month}")
    return calendar.monthrange(y, month)[1]


def _day(y: int, month: int, day: int) -> date:
    try:
        return date(y, month, day)
    except (ValueError, OverflowError) as exc:
        raise _Invalid(f"{y}-{month}-{day}") from exc

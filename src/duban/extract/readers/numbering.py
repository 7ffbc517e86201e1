"""Word automatic numbering (numbering.xml) rendered as printed text.

A paragraph with w:numPr (numId, ilvl) shows a number Word computes: each
w:num points to an abstract numbering whose levels give a start value, a
format (decimal, chineseCounting …) and a text pattern ("%1." "（%1）" "%1、").
Counters run per abstract numbering; a level restarts when a shallower level
advances, as Word does.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

_CN = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


class Numbering:
    def __init__(self, nums: dict[str, str], abstracts: dict[str, dict[int, Level]], starts):
        self.nums = nums  # numId → abstractNumId
        self.abstracts = abstracts
        self.starts = starts  # (numId, ilvl) → start override
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def from_document(cls, document) -> Numbering:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls({}, {}, {})
        abstracts: dict[str, dict[int, Level]] = {}
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                level = Level()
                start = lvl.find(qn("w:start"))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                if start is not None:
                    level.start = int(start.get(qn("w:val")))
                if fmt is not None:
                    level.fmt = fmt.get(qn("w:val"))
                if text is not None:
                    level.text = text.get(qn("w:val")) or ""
                levels[int(lvl.get(qn("w:ilvl")))] = level
            abstracts[abstract.get(qn("w:abstractNumId"))] = levels
        nums: dict[str, str] = {}
        starts: dict[tuple[str, int], int] = {}
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                nums[num_id] = ref.get(qn("w:val"))
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    starts[(num_id, int(override.get(qn("w:ilvl"))))] = int(start.get(qn("w:val")))
        return cls(nums, abstracts, starts)

    def render(self, num_id: str, ilvl: int) -> str:
        """The printed number of the next paragraph at (numId, ilvl)."""
        abstract_id = self.nums.get(num_id)
        levels = self.abstracts.get(abstract_id or "", {})
        if ilvl not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start = self.starts.get((num_id, ilvl), levels[ilvl].start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        text = levels[ilvl].text
        for k in range(ilvl + 1):
            level = levels.get(k, Level())
            value = counters.get(k, self.starts.get((num_id, k), level.start))
            text = text.replace(f"%{k + 1}", _format(value, level.fmt))
        if levels[ilvl].fmt in ("bullet", "none"):
            return ""
        return text


def _format(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return _chinese(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _chinese(n: int) -> str:
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out

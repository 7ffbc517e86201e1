"""Ordinals that open headings and tasks: 一、 （一） 1. （1） ① 一是.

The styles are ranked the way Chinese official documents nest them
(GB/T 9704: 一、 → （一） → 1. → （1）), so a heading's depth follows from
its style even when a level is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = "一二三四五六七八九十百零〇两"
STYLES = ("part", "cn", "cn_paren", "arabic", "arabic_paren", "circled", "enumerator")

_PATTERNS = (
    ("part", re.compile(rf"^第([{_CN}\d]+)(部分|章|篇)\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)\s*(?:[、，,]|[．.](?![{_CN}\d]))\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*[、．.]?\s*")),
    # "2.5万亩" is a quantity, "3.2024年…" a number before a year.
    (
        "arabic",
        re.compile(r"^(\d{1,3})\s*(?:[、．）)]|\.(?!\d)|\.(?=(?:19|20)\d\d年)|\s+(?=\D))\s*"),
    ),
    ("arabic_paren", re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、．.]?\s*")),
    ("circled", re.compile(r"^([\u2460-\u2473])\s*")),
)
_EMPHASIS = re.compile(r"^(#{1,6}\s*|\*\*|__)")
_ENUMERATOR = re.compile(r"^([一二三四五六七八九十]{1,3})是\s*[，,：:]?\s*(?=\S)")


@dataclass(frozen=True)
class Ordinal:
    style: str
    number: str  # as printed, e.g. "12", "三", "①"
    end: int  # index in the text where the ordinal (and its punctuation) ends

    @property
    def rank(self) -> int:
        return STYLES.index(self.style)


def match(text: str) -> Ordinal | None:
    """The ordinal at the start of `text` (markdown emphasis allowed before it)."""
    offset = 0
    emphasis = _EMPHASIS.match(text)
    if emphasis:
        offset = emphasis.end()
    body = text[offset:]
    for style, pattern in _PATTERNS:
        m = pattern.match(body)
        if m:
            if style == "arabic" and m.group(0).strip() == m.group(1) and not _spaced_ok(body, m):
                continue
            return Ordinal(style, m.group(1), offset + m.end())
    return None


def _spaced_ok(text: str, m: re.Match) -> bool:
    """'12 推进…' (number, space, text) counts; '13 个小区' (a quantity) does not."""
    rest = text[m.end() : m.end() + 1]
    return bool(rest) and rest not in "个项家所万亿元年月日人次条座处%％．.-—"


def enumerator(text: str) -> Ordinal | None:
    """ "一是…", "二是…" opening a paragraph. Kept apart from `match`: it is the
    deepest level of running text and, unlike the styles above, as often a
    further paragraph of one task as a task of its own (the recogniser decides)."""
    m = _ENUMERATOR.match(text)
    return Ordinal("enumerator", m.group(1), m.end()) if m else None

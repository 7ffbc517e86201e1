"""Conventions a notice declares in words rather than in layout.

Some notices list only 责任单位 and say in the cover text that the first unit
listed leads ("排在第一位的为牵头单位"); the assignment of every task depends
on that sentence.
"""

from __future__ import annotations

import re

from duban.extract.blocks import Paragraph
from duban.extract.chinese import fold, squeeze

_FIRST_IS_LEAD = re.compile(
    r"(排在?第一|排名第一|列第一|第一个|第一位|首位|排首位|列首位)[^。；;]{0,8}?(为|是)(牵头|主责|主要责任)"
)


def first_unit_leads(paragraphs: list[Paragraph]) -> bool:
    return any(_FIRST_IS_LEAD.search(squeeze(fold(p.text))) for p in paragraphs)

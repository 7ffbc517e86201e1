"""Character-level helpers for Chinese text: folding traditional forms and whitespace.

Recognisers match on `fold(text)` and slice the printed text with the same
indices, so folding must keep every string's length: it converts character by
character (OpenCC's phrase tables could change lengths) and caches each
character it has seen.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_folded: dict[int, str] = {}  # code point → its simplified character
_seen: set[str] = set()

WHITESPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Traditional → simplified, one character for one character."""
    if text.isascii():
        return text
    missing = set(text).difference(_seen)
    for ch in missing:
        _seen.add(ch)
        if ord(ch) > 0x2E7F:  # below the CJK blocks nothing folds
            converted = _T2S.convert(ch)
            if len(converted) == 1 and converted != ch:
                _folded[ord(ch)] = converted
    return text.translate(_folded) if _folded else text


def squeeze(text: str) -> str:
    """Remove all whitespace, including full-width spaces."""
    return WHITESPACE.sub("", text)

"""Character-level helpers for Chinese text: folding traditional forms and whitespace.

Recognisers match on `fold(text)` and slice the printed text with the same
indices, so folding must keep every string's length: it converts character by
character (OpenCC's phrase tables could change lengths) and caches each
character it has seen.
"""

from __future__ import annotations

import re

import opencc

_T2S = opencc.OpenCC("t2s")
_folded: dict[int, str] = {}

WHITESPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def fold(text: str) -> str:
    """Traditional → simplified, one character for one character."""
    if text.isascii():
        return text
    missing = {ord(ch) for ch in set(text)}.difference(_folded)
    for code in missing:
        if code <= 0x2E7F:  # below the CJK blocks nothing folds
            _folded[code] = chr(code)
            continue
        converted = _T2S.convert(chr(code))
        _folded[code] = converted if len(converted) == 1 else chr(code)
    return text.translate(_folded)


def squeeze(text: str) -> str:
    """Remove all whitespace, including full-width spaces."""
    return WHITESPACE.sub("", text)

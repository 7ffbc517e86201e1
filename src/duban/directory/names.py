"""Normalising printed unit names so that trivially different forms compare equal.

区发改局, 平安区发改局 and 区 发改局 normalise alike: whitespace and width are
folded, a bracketed alias is dropped, and a leading level prefix (区/县/市,
or the government's own name) is removed.
"""

from __future__ import annotations

import re

from duban.extract.chinese import fold, squeeze

_BRACKETED = re.compile(r"[（(][^（）()]*[）)]$")
_GOVERNMENT_LEVEL = ("区", "县", "市", "旗", "州")


def normalise(name: str, government: str | None = None) -> str:
    text = squeeze(fold(name or ""))
    text = _BRACKETED.sub("", text) or text
    if government:
        for prefix in _government_prefixes(government):
            if text.startswith(prefix) and len(text) > len(prefix) + 1:
                return text[len(prefix) :]
    if text[:1] in _GOVERNMENT_LEVEL and len(text) > 2:
        return text[1:]
    return text


def _government_prefixes(government: str) -> list[str]:
    """海东市平安区 → 海东市平安区, 平安区, 平安: the forms a notice prints before a unit."""
    gov = squeeze(fold(government))
    prefixes = [gov]
    parts = re.findall(r"[\u4e00-\u9fff]+?(?:自治县|自治州|新区|区|县|市|旗|州)", gov)
    if parts:
        last = parts[-1]
        prefixes += [last, last[:-1]] if len(last) > 2 else [last]
    return sorted(set(prefixes), key=len, reverse=True)

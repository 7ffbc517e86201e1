"""The document header: 文号, issuing office, title, 成文日期 and work year.

Official notices follow GB/T 9704: 发文字号 above the title, the title starting
with 关于 (often after the office's name), the office's name and the date
as the signature at the end of the body. Government web pages add a metadata
table (索引号, 文号, 标题) that says the same.
"""

from __future__ import annotations

import re

from duban.extract.blocks import Paragraph
from duban.extract.chinese import fold, squeeze
from duban.extract.plan import Document

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［【(（](\d{4})[〕\]］】)）]第?\d{1,4}号")
_DATE = re.compile(
    r"^(\d{4}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)
_ORG_END = re.compile(r"(办公室|办公厅|人民政府|政府|委员会|管委会|局|委)$")
_TITLE_END = re.compile(r"(通知|方案|意见|办法|通报|决定|函|清单|安排|分工)$")
_YEAR = re.compile(r"(20\d{2})\s*年")
_LABEL_PREFIX = re.compile(r"^(标题|文号|发文字号)[:：]?")
_HEAD_LINES = 40
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def recognise(paragraphs: list[Paragraph]) -> Document:
    head = paragraphs[:_HEAD_LINES]
    keys = [squeeze(fold(p.text)) for p in paragraphs]
    doc = Document()
    doc.doc_number = _doc_number(head, keys)
    doc.title = _title(head, keys)
    doc.issuer, doc.issue_date = _signature(paragraphs, keys)
    if doc.issuer is None:
        doc.issuer = next(
            (squeeze(p.text) for p, k in zip(head, keys, strict=False) if _is_org(k)), None
        )
    doc.year = _year(doc, keys)
    return doc


def _doc_number(head: list[Paragraph], keys: list[str]) -> str | None:
    for p, key in zip(head, keys, strict=False):
        if _DOC_NUMBER.fullmatch(key):
            return squeeze(p.text)
    for p, key in zip(head, keys, strict=False):
        m = _DOC_NUMBER.search(_LABEL_PREFIX.sub("", key.replace("文号", " ")))
        if m:
            text = squeeze(p.text)
            start = key.find(m.group(0))
            return text[start : start + len(m.group(0))] if start >= 0 else m.group(0)
    return None


def _title(head: list[Paragraph], keys: list[str]) -> str | None:
    for k, (p, key) in enumerate(zip(head, keys, strict=False)):
        if "关于" not in key or _LABEL_PREFIX.match(key):
            continue
        printed = p.text.strip()
        parts = printed.split()
        if len(parts) > 1 and _is_org(squeeze(fold(parts[0]))) and "关于" not in fold(parts[0]):
            printed = "".join(parts[1:])
        title = squeeze(printed)
        j = k + 1
        while not _TITLE_END.search(fold(title)) and j < len(head) and j <= k + 3:
            title += squeeze(head[j].text)
            j += 1
        if _TITLE_END.search(fold(title)) and len(title) <= 120:
            return title
    return None


def _signature(paragraphs: list[Paragraph], keys: list[str]) -> tuple[str | None, str | None]:
    """The first date line directly below an office's name."""
    for k in range(1, len(keys)):
        date = _parse_date(keys[k])
        if date and _is_org(keys[k - 1]):
            return squeeze(paragraphs[k - 1].text), date
    return None, None


def _is_org(key: str) -> bool:
    """An office's name on a line of its own: not a title, not a labelled line
    such as 牵头单位：区教育局 (a task's last line can sit right above the date)."""
    return (
        4 <= len(key) <= 30
        and bool(_ORG_END.search(key))
        and "关于" not in key
        and not re.search("[:：]", key)
    )


def _parse_date(key: str) -> str | None:
    m = _DATE.match(key)
    if not m:
        return None
    year, month, day = (_number(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        return _CN_DIGITS[text[0]] * 10 + _CN_DIGITS[text[2]]
    return _CN_DIGITS[text]


def _year(doc: Document, keys: list[str]) -> int | None:
    for text in (doc.title, doc.doc_number):
        m = _YEAR.search(fold(text or "")) or re.search(r"[〔\[［【(（](20\d{2})", text or "")
        if m:
            return int(m.group(1))
    if doc.issue_date:
        return int(doc.issue_date[:4])
    for key in keys[:_HEAD_LINES]:
        m = _YEAR.search(key)
        if m:
            return int(m.group(1))
    return None

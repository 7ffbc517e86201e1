"""Decode a text notice without being told its encoding.

Chinese office files are UTF-8 (with or without BOM) or GB18030/GBK. Strict
decoding in that order settles almost every file; charset-normalizer is only
asked last, because it calls short GBK text Korean.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from duban.extract.errors import ExtractError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Bytes of a text notice → str, or ExtractError for empty or binary input."""
    if not data.strip():
        raise ExtractError("文件是空的，没有可读取的内容", "empty file")
    text = _decode(data)
    if _looks_binary(text):
        raise ExtractError("文件不是可读取的文本通知（可能是二进制文件）", "binary content")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise ExtractError("文件不是可读取的文本通知（可能是二进制文件）", "NUL bytes in text")
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise ExtractError("无法识别文件的文字编码", "undetectable text encoding")
    return str(best)


def _looks_binary(text: str) -> bool:
    """Control characters or unassigned code points in more than 1 % of the text."""
    sample = text[:200_000]
    odd = sum(
        1
        for ch in sample
        if ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")
    )
    return odd > max(2, len(sample) // 100)

"""OFD notices (GB/T 33190, the format of many official document systems).

An OFD is a zip of XML: OFD.xml names each document's Document.xml, which lists
its pages; a page's Content.xml holds text objects placed at millimetre
coordinates (y grows downwards). Like a PDF it records where text is printed, not
paragraphs, so each printed line becomes a Paragraph: glyphs are placed (TextCode
X/Y, then DeltaX advances or, without them, an estimated em), grouped into lines
by height and read left to right; a gap of over half an em where one run of text
ends and the next begins is a space (it often separates two units). Page numbers
and running headers are dropped by the rule the PDF reader uses.

Not read: ruled tables (their cells come out as lines of text), template pages
(page backgrounds such as the red letterhead line), annotations and signatures.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from itertools import pairwise

from lxml import etree

from duban.extract.blocks import Block, Paragraph
from duban.extract.errors import ExtractError
from duban.extract.readers.pdf import Line, without_page_furniture

_NS = "{http://www.ofdspec.org/2016}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_SPACE = re.compile(r"\s+")


@dataclass
class _Glyph:
    x: float
    y: float  # baseline
    size: float
    char: str
    width: float  # the advance DeltaX gives, else an estimate from the character


def _estimated_width(char: str, size: float) -> float:
    """CJK and full-width glyphs are one em wide, others half (the font is not read)."""
    return size if unicodedata.east_asian_width(char) in ("W", "F") else size / 2


def read_ofd(data: bytes) -> list[Block]:
    try:
        pages = _read_pages(zipfile.ZipFile(io.BytesIO(data)))
    except (KeyError, IndexError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ExtractError("OFD 文件已损坏，无法打开", f"broken ofd: {exc!r}") from exc
    if not any(pages):
        raise ExtractError(
            "该 OFD 文件没有可读取的文字（可能是扫描件），请提供文字版文件", "OFD without text"
        )
    lines = [text for page in without_page_furniture(pages) for _, text in page]
    return [Paragraph(text, number) for number, text in enumerate(lines, 1)]


def _read_pages(package: zipfile.ZipFile) -> list[list[Line]]:
    """Every page's lines, documents and pages in the order OFD.xml and each
    Document.xml list them."""
    entries = [n for n in package.namelist() if posixpath.basename(n).lower() == "ofd.xml"]
    entry = min(entries, key=len)  # the root, also when the package was zipped in a folder
    root = posixpath.dirname(entry)
    pages = []
    for doc_root in _xml(package, entry).iter(f"{_NS}DocRoot"):
        document_path = _resolve(root, root, doc_root.text)
        document = _xml(package, document_path)
        for page in document.iterfind(f"{_NS}Pages/{_NS}Page"):
            content = _resolve(root, posixpath.dirname(document_path), page.get("BaseLoc"))
            pages.append(_lines(_glyphs(_xml(package, content))))
    return pages


def _xml(package: zipfile.ZipFile, name: str):
    return etree.fromstring(package.read(name), _PARSER)


def _resolve(root: str, here: str, location: str | None) -> str:
    """A location inside the package: absolute ("/Doc_0/…") from the package
    root, otherwise relative to the file that names it."""
    if not location:
        raise ValueError("empty location")
    base = root if location.startswith("/") else here
    return posixpath.normpath(posixpath.join(base, location.lstrip("/")))


def _glyphs(page) -> list[_Glyph]:
    out: list[_Glyph] = []
    for obj in page.iter(f"{_NS}TextObject"):
        left, top, _, height = _numbers(obj.get("Boundary"), 4)
        size = float(obj.get("Size") or height)
        x = y = 0.0
        for code in obj.iter(f"{_NS}TextCode"):
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            text = code.text or ""
            advances = _delta_x(code.get("DeltaX"))
            for k, char in enumerate(text):
                width = advances[k] if k < len(advances) else _estimated_width(char, size)
                out.append(_Glyph(left + x, top + y, size, char, width))
                x += width
    return out


def _numbers(text: str | None, count: int) -> list[float]:
    values = [float(v) for v in (text or "").split()]
    if len(values) != count:
        raise ValueError(f"expected {count} numbers: {text!r}")
    return values


def _delta_x(text: str | None) -> list[float]:
    """DeltaX advances; "g 3 4.2" stands for three advances of 4.2."""
    tokens = (text or "").split()
    out: list[float] = []
    k = 0
    while k < len(tokens):
        if tokens[k] == "g":
            out.extend([float(tokens[k + 2])] * int(tokens[k + 1]))
            k += 3
        else:
            out.append(float(tokens[k]))
            k += 1
    return out


def _lines(glyphs: list[_Glyph]) -> list[Line]:
    """Glyphs whose baselines lie within half a glyph of each other form a line,
    read left to right; a gap wider than half a glyph is a space."""
    lines: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.y, g.x)):
        if lines and glyph.y - lines[-1][0].y <= glyph.size / 2:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    out: list[Line] = []
    for line in lines:
        line.sort(key=lambda g: g.x)
        text = line[0].char
        for before, glyph in pairwise(line):
            gap = glyph.x - before.x - before.width
            text += (" " if gap > glyph.size / 2 else "") + glyph.char
        text = _SPACE.sub(" ", text).strip()
        if text:
            out.append((line[0].y, text))
    return out

"""Government web pages (.html): the article, its tables and the page's metadata.

A notice published on a government site sits inside navigation, breadcrumbs,
share buttons and footers. This reader drops those, keeps the 索引号/文号/标题
metadata table (as paragraphs the header recogniser reads) and reads the
article body: one paragraph per printed line, tables with rowspan/colspan
resolved so a cell covered by a rowspan is known to be merged.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from duban.extract.blocks import Block, Cell, Paragraph, Row, Table

_DROP_TAGS = ("script", "style", "noscript", "nav", "footer", "iframe", "form", "button", "select")
_NOISE = re.compile(
    r"nav|menu|footer|foot|breadcrumb|crumb|share|sidebar|toolbar|copyright|bdsharebuttonbox|position",
    re.I,
)
_BODY = re.compile(r"content|article|zoom|detail|main|trs_editor|txt|text|zw|body", re.I)
_META_WORDS = ("索引号", "发文字号", "文号", "发文机关", "成文日期", "发布日期", "主题分类")
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "dd",
    "dt",
    "dl",
    "header",
    "main",
    "body",
    "tr",
}


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return (
        "<html" in head
        or "<!doctype html" in head
        or ("<body" in head)
        or ("<table" in head and "<td" in head)
    )


def read_html(text: str) -> list[Block]:
    """Blocks of a decoded page (decoded by us: lxml truncates GBK pages)."""
    root = lxml.html.document_fromstring(text)
    for element in root.iter(*_DROP_TAGS):
        element.drop_tree()
    meta = _metadata(root)
    for element in list(root.iter(etree.Element)):
        if element.getparent() is not None and _is_noise(element):
            element.drop_tree()
    body = _article(root)
    walker = _Walker()
    for line in meta:
        walker.paragraph(line)
    walker.walk(body)
    walker.flush()
    return walker.blocks


def _metadata(root) -> list[str]:
    """Rows of the page's metadata table (索引号, 文号 …), then that table removed."""
    lines: list[str] = []
    for table in list(root.iter("table")):
        text = table.text_content()
        if sum(word in text for word in _META_WORDS) >= 2 and len(text) < 1000:
            for tr in table.iter("tr"):
                cells = [_clean(td.text_content()) for td in tr if td.tag in ("td", "th")]
                lines.extend(_pairs(cells))
            table.drop_tree()
    return lines


def _pairs(cells: list[str]) -> list[str]:
    """'文号' | '海政发〔2022〕1号' | '主题词' | '' → '文号：海政发〔2022〕1号'."""
    out = []
    for k in range(0, len(cells) - 1, 2):
        if cells[k] and cells[k + 1]:
            out.append(f"{cells[k].rstrip(':：')}：{cells[k + 1]}")
    return out


def _is_noise(element) -> bool:
    marks = f"{element.get('id', '')} {element.get('class', '')}"
    return bool(marks.strip()) and bool(_NOISE.search(marks)) and not _BODY.search(marks)


def _article(root):
    """The element most likely to be the article: a content-like container with the
    most Chinese text, or the body."""
    best, best_size = root.body if root.body is not None else root, 0
    for element in root.iter("div", "article", "td", "section"):
        marks = f"{element.get('id', '')} {element.get('class', '')}"
        if not _BODY.search(marks):
            continue
        size = sum(1 for ch in element.text_content() if "\u4e00" <= ch <= "\u9fff")
        if size > best_size:
            best, best_size = element, size
    return best


def _clean(text: str) -> str:
    return re.sub(r"[ \t\r\f\v\u00a0]+", " ", text).strip()


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.line = 0
        self.buffer: list[str] = []

    def paragraph(self, text: str) -> None:
        for part in text.split("\n"):
            if part.strip():
                self.line += 1
                self.blocks.append(Paragraph(_clean(part), self.line))

    def flush(self) -> None:
        if self.buffer:
            self.paragraph("".join(self.buffer))
            self.buffer = []

    def walk(self, element) -> None:
        if element.tag == "table":
            self.flush()
            self.table(element)
        elif element.tag == "br":
            self.buffer.append("\n")
        elif isinstance(element.tag, str):
            block = element.tag in _BLOCK_TAGS
            if block:
                self.flush()
            if element.text:
                self.buffer.append(element.text)
            for child in element:
                self.walk(child)
                if child.tail:
                    self.buffer.append(child.tail)
            if block:
                self.flush()

    def table(self, element) -> None:
        table = Table(line=self.line + 1, index=sum(isinstance(b, Table) for b in self.blocks))
        pending: dict[int, int] = {}  # column → rows still covered by a rowspan above
        for tr in element.iter("tr"):
            if tr.getparent() is not None and _inside_nested_table(tr, element):
                continue
            cells: list[Cell] = []
            col = 0
            for td in (c for c in tr if c.tag in ("td", "th")):
                while pending.get(col):
                    cells.append(Cell("", True))
                    pending[col] -= 1
                    col += 1
                rowspan = _int(td.get("rowspan"))
                colspan = _int(td.get("colspan"))
                cells.append(Cell(_cell_text(td), False))
                if rowspan > 1:
                    pending[col] = rowspan - 1
                for extra in range(1, colspan):
                    cells.append(Cell("", False))
                    if rowspan > 1:
                        pending[col + extra] = rowspan - 1
                col += colspan
            while pending.get(col):
                cells.append(Cell("", True))
                pending[col] -= 1
                col += 1
            self.line += 1
            table.rows.append(Row(cells, self.line))
        if table.rows:
            self.blocks.append(table)


def _inside_nested_table(tr, table) -> bool:
    parent = tr.getparent()
    while parent is not None and parent is not table:
        if parent.tag == "table":
            return True
        parent = parent.getparent()
    return False


def _cell_text(td) -> str:
    """A cell's text with its line breaks (<br>, paragraphs) kept as newlines."""
    for element in td.iter("br", "p", "div"):
        element.tail = "\n" + (element.tail or "")
    lines = td.text_content().split("\n")
    return "\n".join(_clean(line) for line in lines if line.strip())


def _int(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1

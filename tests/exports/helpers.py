"""Helpers for the official outputs' tests: open what the writers produce with
the libraries an office's files are checked with (python-docx, openpyxl)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

NOTICES = Path(__file__).parent / "notices"


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def open_xlsx(data: bytes):
    """Normal mode: read-only mode loses the merged ranges the ledger is made of."""
    return load_workbook(io.BytesIO(data)).active


def texts(document) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, empty ones left out."""
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def east_asian_font(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))

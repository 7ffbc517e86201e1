"""Helpers of the reporting-flow tests: real evidence files, API calls as a
persona, a unit head for any unit, and obligations of the persona world."""

from __future__ import annotations

import io
import json

from django.test import Client

from duban.accounts.choices import Role
from duban.reporting.choices import RuleKind
from duban.reporting.models import Obligation
from web.personas import World, _user


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf_bytes(text: str = "Progress report") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def docx_bytes(text: str = "进展情况") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "实际完成值"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes() -> bytes:
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("进展").write(0, 0, "进展")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def head(world: World, unit: str):
    """The unit head of `unit`, created on first use (the world has one for fgw)."""
    name = f"{unit}_head"
    if name not in world.users:
        world.users[name] = _user(name, Role.UNIT_HEAD, unit=world.units[unit])
    return world.users[name]


def obligation(world: World, unit: str, task: int, period: str) -> Obligation:
    return Obligation.objects.get(unit=world.units[unit], task=world.tasks[task], period=period)


def monthly(world: World, unit: str, task: int, month: int) -> Obligation:
    o = obligation(world, unit, task, f"2022-{month:02d}")
    assert o.rule.kind == RuleKind.SUPPORT_MONTHLY
    return o


class As:
    """API calls as one persona: `As(world, "fgw").post("/api/…", {...})` → (status, body)."""

    def __init__(self, world: World, persona: str):
        self.client = Client(headers={"Authorization": f"Bearer {world.token(persona)}"})

    def get(self, url: str, **params):
        response = self.client.get(url, params)
        return response.status_code, _json(response)

    def post(self, url: str, body: dict | None = None):
        response = self.client.post(url, body or "", content_type="application/json")
        return response.status_code, _json(response)

    def upload(self, url: str, name: str, content: bytes):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = self.client.post(url, {"file": SimpleUploadedFile(name, content)})
        return response.status_code, _json(response)

    def ok(self, method: str, url: str, *args, expect: int = 200, **kwargs):
        status, body = getattr(self, method)(url, *args, **kwargs)
        assert status == expect, (url, status, body)
        return body


def _json(response):
    try:
        return json.loads(response.content)
    except ValueError:
        return response.content

"""Real OFD packages (GB/T 33190): OFD.xml, Doc_0/Document.xml, Doc_0/PublicRes.xml
with a font, and one Content.xml per page, laid out as a converter writes them.

Each printed line is placed at its own height; a double space in a line splits
it into text objects with a gap between them. Objects are written bottom line
first and right to left, so only their coordinates give the reading order.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 5.6444  # 16 pt, the body size of official documents, in millimetres
LEFT, TOP, PITCH = 27.0, 37.0, 10.0


def ofd_notice(pages: list[list[str]], page_numbers: bool = True) -> bytes:
    """An OFD of the given pages of lines; each page numbered "— n —" at its foot."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("OFD.xml", _ofd_xml())
        package.writestr("Doc_0/Document.xml", _document_xml(len(pages)))
        package.writestr("Doc_0/PublicRes.xml", _public_res_xml())
        for n, lines in enumerate(pages):
            placed = [(LEFT, TOP + k * PITCH, line) for k, line in enumerate(lines)]
            if page_numbers:
                placed.append((95.0, 280.0, f"— {n + 1} —"))
            package.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", _content_xml(placed))
    return out.getvalue()


def _ofd_xml() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>0c8a1f2e</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )


def _document_xml(count: int) -> str:
    pages = "".join(
        f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(count)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData>'
        "<ofd:MaxUnitID>1000</ofd:MaxUnitID>"
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>"
    )


def _public_res_xml() -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {NS} BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="2" FontName="仿宋_GB2312" FamilyName="仿宋_GB2312"/>'
        "</ofd:Fonts></ofd:Res>"
    )


def _content_xml(placed: list[tuple[float, float, str]]) -> str:
    objects = []
    for x, top, line in placed:
        for segment in line.split("  "):
            objects.append(_text_object(len(objects) + 100, x, top, segment))
            x += (len(segment) + 2) * SIZE
    body = "".join(reversed(objects))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content>'
        f'<ofd:Layer ID="99">{body}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def _text_object(ident: int, x: float, top: float, text: str) -> str:
    """One text object; its glyphs advance one em each (DeltaX, "g" compressed)."""
    delta = f' DeltaX="g {len(text) - 1} {SIZE}"' if len(text) > 1 else ""
    return (
        f'<ofd:TextObject ID="{ident}" Boundary="{x} {top} {len(text) * SIZE} {SIZE * 1.5}" '
        f'Font="2" Size="{SIZE}"><ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="0" Y="{SIZE}"{delta}>{escape(text)}</ofd:TextCode></ofd:TextObject>'
    )

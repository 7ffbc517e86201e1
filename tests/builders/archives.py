"""Hostile zip containers, built for real: bombs, floods of members, and
members whose names climb out of their folder. Each looks like an Office
file (it has the part that marks a .docx) so it gets past a type check by
content and must be stopped by the archive rules themselves."""

from __future__ import annotations

import io
import zipfile

MB = 1024 * 1024
DOCUMENT = "word/document.xml"
_XML = b'<?xml version="1.0"?><w:document xmlns:w="urn:w"><w:body/></w:document>'


def bomb(megabytes: int = 50, member: str = DOCUMENT) -> bytes:
    """One member of `megabytes` of zeros, squeezed a thousandfold by deflate."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
        target.open(member, "w", force_zip64=True) as part,
    ):
        block = b"\0" * MB
        for _ in range(megabytes):
            part.write(block)
    return out.getvalue()


def spread_bomb(members: int, megabytes_each: int) -> bytes:
    """Several members, each too small for the per-member ratio rule, together large."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        target.writestr(DOCUMENT, _XML)
        for n in range(members):
            target.writestr(f"word/media/padding{n}.bin", b"\0" * (megabytes_each * MB))
    return out.getvalue()


def flood(members: int = 10_001) -> bytes:
    """A .docx-looking zip with `members` tiny members."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        target.writestr(DOCUMENT, _XML)
        for n in range(members - 1):
            target.writestr(f"x/{n}", b"")
    return out.getvalue()


def with_member(name: str) -> bytes:
    """A .docx-looking zip with one extra member called `name` (e.g. ../../evil.sh)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr(DOCUMENT, _XML)
        target.writestr(zipfile.ZipInfo(name), b"#!/bin/sh\nrm -rf ~\n")
    return out.getvalue()


def with_member_in(docx: bytes, name: str) -> bytes:
    """A real .docx (e.g. a notice) with one extra member called `name`."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr(zipfile.ZipInfo(name), b"payload")
    return out.getvalue()

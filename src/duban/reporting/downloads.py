"""Serving a stored evidence file (report attachment or inspection evidence).

Every download of an uploaded file goes through `serve`, so each one is sent
the same safe way, whichever page or API call asked for it:

- as a download (Content-Disposition: attachment), never shown inline, with
  the name both as a plain ASCII fallback and as RFC 5987 `filename*` for
  the Chinese original;
- with the content type of what the upload check found the file to be
  (uploads.sniff), never one guessed from its name, plus nosniff, so a file
  named "x.html" cannot become a page of this site;
- with `Content-Security-Policy: default-src 'none'; sandbox`, so even a
  browser that opened it anyway would run nothing from it;
- not cached by shared caches (the files are private working papers).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http import FileResponse, Http404

# What uploads.sniff found → the type the file is sent as.
CONTENT_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "ofd": "application/ofd",
}
# Office 97-2003 files share one container format: the name tells which program opens it.
OLE_TYPES = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
FALLBACK = "application/octet-stream"
SANDBOX = "default-src 'none'; sandbox"

_PLAIN = re.compile(r"^[A-Za-z0-9 ._()\-]+$")


def content_type(kind: str, name: str) -> str:
    if kind == "ole":
        return OLE_TYPES.get(name.rpartition(".")[2].lower(), FALLBACK)
    return CONTENT_TYPES.get(kind, FALLBACK)


def all_content_types() -> list[str]:
    """Every type a download can be sent as (the API documents them)."""
    return list(dict.fromkeys([*CONTENT_TYPES.values(), *OLE_TYPES.values(), FALLBACK]))


def disposition(name: str) -> str:
    """`attachment` with an ASCII fallback name and the real one as RFC 5987 filename*."""
    if _PLAIN.match(name):
        plain = name
    else:
        ext = name.rpartition(".")[2] if "." in name else ""
        plain = "attachment" + (f".{ext}" if ext and _PLAIN.match(ext) else "")
    return f"attachment; filename=\"{plain}\"; filename*=utf-8''{quote(name, safe='')}"


def serve(stored) -> FileResponse:
    """The response for a StoredFile whose reader was already allowed to see it."""
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("stored file missing") from None
    response = FileResponse(handle, content_type=content_type(stored.kind, stored.name))
    response["Content-Disposition"] = disposition(stored.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cache-Control"] = "private, no-store"
    return response

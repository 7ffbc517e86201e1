"""Every file handed out — exports, bulletins, evidence, attachments — goes to
the audit log (OWASP ASVS V7.1.3, V8.3.x: who took which data out, when).

Recorded in one place, the audit middleware, rather than in each view: a
download is any successful response sent as an attachment, so a new export
is logged without anyone remembering to. The route tells what was taken
(DOWNLOADS maps route names to the model of the object in the URL); the file
name comes from the response. API calls are attributed to the token's user,
whom only the API itself knows (request.auth).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponse

from duban.audit.context import acting_as
from duban.audit.models import AuditEntry, record

# Route name → model of the object its URL names.
DOWNLOADS = {
    "reporting:export": "ledger.plan",
    "reporting:attachment": "reporting.attachment",
    "inspection:evidence": "inspection.evidence",
    "bulletins:docx": "inspection.bulletin",
    "bulletins:pdf": "inspection.bulletin",
    "api:attachment_download": "reporting.attachment",
}

_FILENAME_STAR = re.compile(r"filename\*\s*=\s*[\w-]+''([^;]+)", re.IGNORECASE)
_FILENAME = re.compile(r'filename\s*=\s*"([^"]*)"', re.IGNORECASE)


def is_download(response: HttpResponse) -> bool:
    disposition = response.get("Content-Disposition", "")
    return response.status_code == 200 and disposition.lower().startswith("attachment")


def file_name(response: HttpResponse) -> str:
    disposition = response.get("Content-Disposition", "")
    if found := _FILENAME_STAR.search(disposition):
        return unquote(found.group(1).strip())
    if found := _FILENAME.search(disposition):
        return found.group(1)
    return ""


def record_download(request: HttpRequest, response: HttpResponse) -> AuditEntry:
    match = request.resolver_match
    route = match.view_name if match else request.path
    kwargs = match.kwargs if match else {}
    object_id = next((str(v) for v in kwargs.values() if str(v).isdigit()), "")
    details = {"file": file_name(response), "path": request.get_full_path()[:500]}
    api = request.path.startswith("/api/")
    user = getattr(request, "auth", None) if api else request.user
    user = user if getattr(user, "is_authenticated", False) else None
    with acting_as(user, ip=request.META.get("REMOTE_ADDR"), via="api" if api else "web"):
        return record(
            AuditEntry.Action.EXPORT,
            model=DOWNLOADS.get(route, route),
            repr_=details["file"] or route,
            object_id=object_id,
            after=details,
        )

"""Evidence files of a report: upload (several at once) and download.

Uploads go through flow.add_attachment, which checks each file by its
content; a refused file is named with the reason, the others are kept. A
download is allowed exactly when the report (or the request) may be read,
and is always served by downloads.serve (attachment, nosniff, sandbox), so a
file can never run as a page of this site.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from duban.errors import UserError
from duban.reporting import access, downloads, flow
from duban.reporting.models import Attachment
from duban.reporting.views.common import message_of, visible_report, visible_task

NOTHING = "请选择要上传的文件。"


@require_POST
@login_required
def upload(request, pk):
    report = visible_report(request, pk)
    if not access.can_file(request.user, report.obligation):
        raise PermissionDenied("只有本单位的经办人或负责人可以上传报告附件。")
    added, errors = store(request, report)
    if request.htmx:
        context = {
            "report": report,
            "attachments": list(report.attachments.all()),
            "editing": not report.frozen,
            "added": added,
            "errors": errors,
        }
        return render(request, "reporting/_attachments.html", context)
    for error in errors:
        messages.error(request, error)
    if added:
        names = "、".join(a.name for a in added)
        messages.success(request, f"已上传 {len(added)} 个附件：{names}。")
    return redirect(reverse("reporting:obligation", args=[report.obligation_id]) + "#attachments")


def store(request, target) -> tuple[list[Attachment], list[str]]:
    """Add every uploaded file of the `files` field to a report or a request."""
    files = request.FILES.getlist("files")
    if not files:
        return [], [NOTHING]
    added, errors = [], []
    for uploaded in files:
        try:
            added.append(flow.add_attachment(request.user, target, uploaded))
        except UserError as exc:
            errors.append(message_of(exc))
    return added, errors


@require_GET
@login_required
def download(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    if attachment.report_id:
        visible_report(request, attachment.report_id)
    elif attachment.request_id:
        visible_task(request, attachment.request.task_id)
    else:
        raise Http404("attachment of nothing")
    return downloads.serve(attachment)

"""The reporting flow's services, in one import: `from duban.reporting import flow`.

Each function takes the acting user first, checks what that user may do
(reporting/access.py), refuses with a Chinese UserError, and records state
changes in the audit log. The work is done by small modules:
reports (draft → submit → approve → accept/return → revise), prefill (report
once), uploads (evidence checked by content), requests (extension, closure),
receipts (签收, sub-items), instructions (领导批示) and timeline.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from duban.errors import Conflict, Forbidden
from duban.reporting import access, uploads
from duban.reporting.choices import ReportState, RequestState
from duban.reporting.instructions import answer, instruct
from duban.reporting.models import Attachment, Report, Request
from duban.reporting.prefill import inputs_for
from duban.reporting.receipts import acknowledge, add_sub_item, rollup, set_sub_item_done
from duban.reporting.reports import (
    accept,
    approve,
    draft_for,
    return_report,
    revise,
    save_draft,
    submit,
)
from duban.reporting.requests import decide, request_closure, request_extension
from duban.reporting.timeline import Event, timeline

__all__ = [
    "Event",
    "accept",
    "acknowledge",
    "add_attachment",
    "add_sub_item",
    "answer",
    "approve",
    "decide",
    "draft_for",
    "inputs_for",
    "instruct",
    "request_closure",
    "request_extension",
    "return_report",
    "revise",
    "rollup",
    "save_draft",
    "set_sub_item_done",
    "submit",
    "timeline",
]


@transaction.atomic
def add_attachment(user, target: Report | Request, uploaded_file) -> Attachment:
    """Evidence for a draft report or a pending request, checked by content."""
    # Read afresh and locked: the caller's copy may predate a submit or a decision.
    target = type(target).objects.select_for_update().get(pk=target.pk)
    if isinstance(target, Report):
        if not access.can_file(user, target.obligation):
            raise Forbidden("只有本单位的经办人或负责人可以上传报告附件。", "attach by other unit")
        if target.state != ReportState.DRAFT:
            raise Conflict("已提交的报告不能再添加附件；如需补充，请修订生成新版本。", "frozen")
        links = {"report": target}
    elif isinstance(target, Request):
        if not (access.leads(user, target.task) and user.unit_id == target.unit_id):
            raise Forbidden("只有提出申请的牵头单位可以上传申请附件。", "attach by other unit")
        if target.state != RequestState.PENDING:
            raise Conflict("该申请已审批，不能再添加附件。", "request decided")
        links = {"request": target}
    else:
        raise TypeError(f"attachments belong to reports or requests, not {type(target)!r}")
    checked = uploads.check(uploaded_file)
    attachment = Attachment(
        name=checked.name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=user,
        **links,
    )
    attachment.file.save(checked.name, ContentFile(checked.content), save=False)
    attachment.save()
    return attachment

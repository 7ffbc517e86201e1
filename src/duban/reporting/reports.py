"""A progress report's life: draft, submit, the head's signature, the office's review.

Support units' monthly reports are delivered to the lead unit by submitting
them. Reports to the office (quarterly, fixed-date, ad hoc) are submitted to
the unit head, who signs (approves) them, which delivers them to the office;
the office accepts one or returns it with a comment, and a returned report is
revised as a new version. A report that left the draft state never changes:
a correction is always a new version, so what was delivered stays on record.

Two people at once never silently undo each other: a draft carries a
lock_version and a save from an older one is refused (optimistic locking,
save_draft), and every state change locks the report's row before it checks
the state, so of two signatures or reviews at the same moment the second
finds the first done and is refused.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.timezone import localtime

from duban import clock
from duban.audit.models import AuditEntry, record
from duban.errors import Conflict, Forbidden, UserError
from duban.ledger.choices import TaskState
from duban.reporting import access, notify
from duban.reporting.choices import ProgressStatus, ReportState, RuleKind
from duban.reporting.models import Obligation, Report, ReportingRule
from duban.reporting.prefill import prefill

TEXT_FIELDS = ("progress", "problems", "next_steps")
EDITABLE = ("status", *TEXT_FIELDS, "percent", "actuals")
MAX_TEXT = 20000


# --- drafts -----------------------------------------------------------------


@transaction.atomic
def draft_for(user, obligation: Obligation) -> Report:
    """The obligation's open draft, or a new one that starts from what the unit
    already reported (report once); a returned report is revised into a new draft."""
    _require_filer(user, obligation)
    _require_open_task(obligation.task)
    latest = _latest(obligation, lock=True)
    if latest is None:
        report = Report(obligation=obligation, version=1, author=user)
        prefill(report)
        report.save()
        return report
    if latest.state == ReportState.DRAFT:
        return latest
    if latest.state == ReportState.RETURNED:
        return _new_version(user, latest)
    raise Conflict(
        f"{obligation.period_label}的报告{latest.get_state_display()}（第{latest.version}版），"
        "不能再起草。如需更正，请在该报告上选择“修订”生成新版本。",
        f"obligation {obligation.pk} already has report in state {latest.state}",
    )


@transaction.atomic
def save_draft(user, report: Report, expected_version: int | None = None, **fields) -> Report:
    """Change a draft's content; only the fields given change.

    `expected_version` is the draft's lock_version the editor started from
    (optimistic locking): when someone saved the draft since, the save is
    refused with DraftConflict, naming who and when, so nobody's text is
    silently overwritten. The row stays locked from the check to the write, so
    two saves at once cannot both pass it. None skips the check (API callers
    that do not send a version: last writer wins, as documented there).
    """
    _require_filer(user, report.obligation)
    current = _locked(report)
    if current.state != ReportState.DRAFT:
        raise Conflict(
            "已提交的报告不能修改；如需更正，请修订生成新版本。", "edit of frozen report"
        )
    if expected_version is not None and expected_version != current.lock_version:
        raise edit_conflict(user, current)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UserError(f"不能修改报告的以下内容：{'、'.join(sorted(unknown))}。", f"{unknown}")
    clean = _validate(current, fields)
    changes = {**clean, "author": user, "lock_version": current.lock_version + 1}
    # Stamped with the system's clock (auto_now would read the wall clock), so
    # the time a conflict names is the time the autosave line showed.
    changes["updated_at"] = clock.now()
    # One UPDATE of the row locked above; its state was checked under the lock.
    Report.objects.filter(pk=current.pk).update(**changes)
    for name, value in changes.items():
        setattr(current, name, value)
        setattr(report, name, value)  # the caller's copy stays current too
    return current


class DraftConflict(Conflict):
    """A save refused because the draft changed since the editor read it;
    `current` is the version that stays, for the page to show beside the
    editor's own text."""

    def __init__(self, message_zh: str, current: Report):
        super().__init__(message_zh, f"stale draft {current.pk} at version {current.lock_version}")
        self.current = current


def edit_conflict(user, current: Report) -> DraftConflict:
    """The refusal of a save that started from an older version of `current`."""
    at = localtime(current.updated_at)
    when = f"{at:%H:%M}" if at.date() == clock.today() else f"{at:%Y年%-m月%-d日 %H:%M}"
    author = current.author
    if author is not None and author.pk == user.pk:
        return DraftConflict(
            f"该草稿已于 {when} 在您的另一次保存（其他窗口或自动保存）中修改，"
            "此次修改未保存。请查看最新内容后再修改。",
            current,
        )
    who = (author.get_full_name() or author.get_username()) if author is not None else "他人"
    return DraftConflict(
        f"该草稿已被{who}于 {when} 修改，您的修改未保存。请查看最新内容后再修改。", current
    )


def _validate(report: Report, fields: dict) -> dict:
    clean = {}
    for name, value in fields.items():
        if name == "status":
            if value not in ProgressStatus.values:
                raise UserError(
                    f"推进状态应为：{'、'.join(ProgressStatus.labels)}。", f"bad status {value!r}"
                )
        elif name in TEXT_FIELDS:
            value = "" if value is None else str(value).replace("\x00", "")
            if len(value) > MAX_TEXT:
                label = Report._meta.get_field(name).verbose_name
                raise UserError(f"{label}不能超过 {MAX_TEXT} 字。", f"{name} too long")
        elif name == "percent":
            value = _percent(value)
        elif name == "actuals":
            value = _actuals(report, value)
        clean[name] = value
    return clean


def _percent(value):
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise UserError("完成进度应为 0 到 100 之间的整数。", f"bad percent {value!r}") from None
    if not 0 <= number <= 100 or (isinstance(value, float) and value != number):
        raise UserError("完成进度应为 0 到 100 之间的整数。", f"bad percent {value!r}")
    return number


def _actuals(report: Report, value) -> list:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise UserError("实际完成值应为数值列表。", "actuals not a list")
    targets = report.obligation.task.targets or []
    if len(value) > len(targets):
        raise UserError(
            f"该任务只有 {len(targets)} 项量化目标，实际完成值不能多于 {len(targets)} 项。",
            "too many actuals",
        )
    numbers = []
    for i, v in enumerate(value, 1):
        if v is None or v == "":
            numbers.append(None)
            continue
        if isinstance(v, bool):
            v = None
        try:
            number = float(v)
        except (TypeError, ValueError):
            number = None
        if number is None or number != number or number in (float("inf"), float("-inf")):
            raise UserError(f"第 {i} 项实际完成值应为数字。", f"bad actual {v!r}")
        numbers.append(int(number) if number.is_integer() else number)
    return numbers


# --- submit and sign ----------------------------------------------------------


@transaction.atomic
def submit(
    user, report: Report, idempotency_key: str | None = None, expected_version: int | None = None
) -> Report:
    """Freeze a draft and deliver it (support report) or send it to the unit head.
    A retried submit with the same key answers with the report it submitted.
    With `expected_version`, a draft someone saved since is not submitted
    unseen (DraftConflict, as for save_draft)."""
    key = (idempotency_key or "").strip()[:64] or None
    # Locked first: a double click's second submit waits for the first and
    # then finds the report it submitted, instead of a "submitted already".
    report = _locked(report)
    done = _submitted_with(user, report, key)
    if done is not None:
        return done
    _require_filer(user, report.obligation)
    if report.state != ReportState.DRAFT:
        raise Conflict(
            f"该报告{report.get_state_display()}，不能重复提交。", f"submit in {report.state}"
        )
    if expected_version is not None and expected_version != report.lock_version:
        raise edit_conflict(user, report)
    _require_latest(report)
    _require_open_task(report.obligation.task)
    _require_complete(report)
    report.state = ReportState.SUBMITTED
    report.submitted_by = user
    report.submitted_at = clock.now()
    report.idempotency_key = key
    try:
        # A savepoint: when a concurrent submit of another draft took the key
        # between the check above and this write, the transaction stays usable.
        with transaction.atomic():
            report.save()
    except IntegrityError:
        done = _submitted_with(user, report, key)
        if done is None:
            raise
        return done
    _audit(report, ReportState.DRAFT)
    if report.obligation.rule.to_office:
        notify.send(
            notify.unit_users([report.obligation.unit_id], heads_only=True),
            f"{report.obligation.unit.name}报送的“{_short(report)}”{report.obligation.period_label}"
            "进展报告待您审签。",
            f"report-submitted-{report.pk}",
            notify.report_url(report),
        )
    return report


def _submitted_with(user, report: Report, key: str | None) -> Report | None:
    """The report a submit with this key already delivered, when it delivered
    this obligation's; refused when the key was used for another obligation."""
    if not key:
        return None
    done = Report.objects.select_related("obligation").filter(idempotency_key=key).first()
    if done is None:
        return None
    _require_filer(user, done.obligation)
    if done.obligation_id != report.obligation_id:
        raise Conflict("该提交编号已用于另一份报告，请使用新的编号。", "key reused")
    return done


def _require_complete(report: Report) -> None:
    if not (report.progress or "").strip():
        raise UserError("请填写进展情况后再提交。", "empty progress")
    _percent(report.percent)
    _actuals(report, report.actuals)


@transaction.atomic
def approve(user, report: Report) -> Report:
    """The unit head's signature (签字): records who and when, and delivers the
    report to the office."""
    report = _locked(report)
    obligation = report.obligation
    if not obligation.rule.to_office:
        raise Conflict("配合单位月报提交后即送达牵头单位，无需审签。", "approve of support report")
    if not access.can_approve(user, obligation):
        raise Forbidden("只有本单位负责人可以审签报告。", "approve by non-head")
    if report.state != ReportState.SUBMITTED:
        raise Conflict(
            f"只能审签已提交待审签的报告，该报告{report.get_state_display()}。",
            f"approve in {report.state}",
        )
    _require_latest(report)
    report.state = ReportState.APPROVED
    report.approved_by = user
    report.approved_at = clock.now()
    report.save()
    _audit(report, ReportState.SUBMITTED)
    notify.send(
        notify.office_users(obligation.task.plan.government_id),
        f"{obligation.unit.name}报送的“{_short(report)}”{obligation.period_label}"
        "进展报告已经单位负责人审签，待政府办审核。",
        f"report-approved-{report.pk}",
        notify.report_url(report),
    )
    return report


# --- the office's review --------------------------------------------------------


@transaction.atomic
def accept(user, report: Report, comment: str = "") -> Report:
    """The office takes the report; its status, percentage and actual values
    become the task's (unless a later period was accepted already)."""
    report = _reviewable(user, report)
    before = report.state
    report.state = ReportState.ACCEPTED
    _reviewed(user, report, comment)
    _audit(report, before)
    _copy_to_task(report)
    return report


@transaction.atomic
def return_report(user, report: Report, comment: str) -> Report:
    """Send a report back with the office's comment; the unit revises it."""
    comment = (comment or "").strip()
    if not comment:
        raise UserError("退回报告时必须填写退回意见。", "return without comment")
    report = _reviewable(user, report)
    before = report.state
    report.state = ReportState.RETURNED
    _reviewed(user, report, comment)
    _audit(report, before)
    obligation = report.obligation
    notify.send(
        notify.unit_users([obligation.unit_id]),
        f"“{_short(report)}”{obligation.period_label}进展报告被政府办退回：{comment}",
        f"report-returned-{report.pk}",
        notify.report_url(report),
    )
    return report


def _reviewable(user, report: Report) -> Report:
    report = _locked(report)
    obligation = report.obligation
    if not access.can_review(user, obligation.task.plan.government_id):
        raise Forbidden("只有政府办（督查室）可以审核报告。", "review by non-office")
    if obligation.rule.to_office:
        if report.state != ReportState.APPROVED:
            raise Conflict(
                f"只能审核单位负责人已审签的报告，该报告{report.get_state_display()}。",
                f"review in {report.state}",
            )
    else:
        if _has_office_rule(obligation):
            raise Conflict(
                "该任务由牵头单位汇总后报送政府办，配合单位月报无需政府办审核。",
                "review of support report",
            )
        if report.state != ReportState.SUBMITTED:
            raise Conflict(
                f"只能审核已提交的报告，该报告{report.get_state_display()}。",
                f"review in {report.state}",
            )
    _require_latest(report)
    return report


def _reviewed(user, report: Report, comment: str) -> None:
    report.reviewed_by = user
    report.reviewed_at = clock.now()
    report.review_comment = (comment or "").strip()
    report.save()


def _has_office_rule(obligation: Obligation) -> bool:
    rules = ReportingRule.objects.filter(plan_id=obligation.rule.plan_id, active=True).exclude(
        kind=RuleKind.SUPPORT_MONTHLY
    )
    return Obligation.objects.filter(rule__in=rules, task_id=obligation.task_id).exists()


def _copy_to_task(report: Report) -> None:
    obligation = report.obligation
    later = (
        Report.objects.filter(
            obligation__task_id=obligation.task_id,
            state=ReportState.ACCEPTED,
            obligation__period_end__gt=obligation.period_end,
        )
        .exclude(pk=report.pk)
        .exists()
    )
    if later:
        return
    task = obligation.task
    task.progress_status = report.status
    task.percent = report.percent
    task.actuals = list(report.actuals or [])
    task.save()


# --- new versions -----------------------------------------------------------------


@transaction.atomic
def revise(user, report: Report) -> Report:
    """A new draft version from a returned report, or a correction of a submitted one."""
    report = _locked(report)
    _require_filer(user, report.obligation)
    _require_open_task(report.obligation.task)
    newest = _latest(report.obligation)
    if newest.pk != report.pk:
        if newest.state == ReportState.DRAFT and newest.based_on_id == report.pk:
            return newest
        raise Conflict(
            f"该报告已有更新的第{newest.version}版，请在最新版本上修订。", "revise of old version"
        )
    if report.state not in (ReportState.RETURNED, ReportState.SUBMITTED):
        raise Conflict(
            f"该报告{report.get_state_display()}，只有已退回或已提交的报告可以修订。",
            f"revise in {report.state}",
        )
    return _new_version(user, report)


def _new_version(user, source: Report) -> Report:
    report = Report(
        obligation=source.obligation,
        version=source.version + 1,
        based_on=source,
        author=user,
        **{f: getattr(source, f) for f in Report.CONTENT_FIELDS},
    )
    report.save()
    record(
        AuditEntry.Action.CREATE,
        report,
        after={"state": report.state, "version": report.version, "based_on": source.pk},
    )
    return report


# --- helpers ------------------------------------------------------------------------------


def _latest(obligation: Obligation, lock: bool = False) -> Report | None:
    qs = Report.objects.filter(obligation=obligation)
    if lock:
        # Lock the obligation's row: two first drafts at once would both be version 1.
        # Only that row: the model's ordering joins the task and the unit, and
        # locking those would queue every unit filing on the same task.
        Obligation.objects.select_for_update(of=("self",)).order_by().filter(
            pk=obligation.pk
        ).exists()
    return qs.order_by("-version").first()


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("obligation__rule", "obligation__task__plan", "obligation__unit")
        .get(pk=report.pk)
    )


def _require_latest(report: Report) -> None:
    top = Report.objects.filter(obligation_id=report.obligation_id).aggregate(v=Max("version"))
    if top["v"] != report.version:
        raise Conflict(f"该报告已有更新的第{top['v']}版，请处理最新版本。", "action on old version")


def _require_filer(user, obligation: Obligation) -> None:
    if not access.can_file(user, obligation):
        raise Forbidden("只有本单位的经办人或负责人可以填报该报告。", "file by other unit")


def _require_open_task(task) -> None:
    if task.state != TaskState.ACTIVE:
        raise Conflict(f"该任务{task.get_state_display()}，无需再报送进展。", "task not active")


def _audit(report: Report, before: str) -> None:
    record(
        AuditEntry.Action.UPDATE,
        report,
        before={"state": before},
        after={"state": report.state, "version": report.version},
    )


def _short(report: Report) -> str:
    content = report.obligation.task.content
    return content[:20] + ("…" if len(content) > 20 else "")

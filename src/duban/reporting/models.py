"""The reporting cycle's records.

A ReportingRule of a plan generates Obligations: who (unit) owes which report
(kind) on which task for which period, due when. Each obligation collects
Report versions: a draft is edited freely; a submitted report is frozen, and a
correction or a revision after a return is a new version. Requests (extension,
closure), instructions of leaders and receipts sit on the task's timeline.
"""

from __future__ import annotations

import urllib.parse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from duban.audit.mixins import Audited
from duban.directory.models import Government, Person, Unit
from duban.ledger.models import Plan, Task
from duban.reporting.choices import (
    ProgressStatus,
    ReportState,
    RequestKind,
    RequestState,
    RuleKind,
)

User = settings.AUTH_USER_MODEL


class Holiday(Audited):
    """An official day off (国庆节) or a weekend working day (调休上班).
    Weekdays and weekends without a row are ordinary."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("调休上班", default=False)
    name = models.CharField("名称", max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "节假日"

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class ReportingRule(Audited):
    """One reporting mechanism of a plan (the notice's 报送要求)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_rules")
    kind = models.CharField("类型", max_length=20, choices=RuleKind)
    title = models.CharField("名称", max_length=100, blank=True)
    day = models.PositiveSmallIntegerField("每期截止日", null=True, blank=True)
    # FIXED_DATES: ["06-30", "09-30", "12-31"]; ADHOC: one ISO date in `due_date`.
    dates = models.JSONField("固定节点", default=list, blank=True)
    due_date = models.DateField("截止日期", null=True, blank=True)
    first_month = models.PositiveSmallIntegerField("起始月份", default=1)
    tasks = models.ManyToManyField(Task, verbose_name="适用任务", blank=True, related_name="+")
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "kind", "id"]
        verbose_name = "报送规则"

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def to_office(self) -> bool:
        return self.kind != RuleKind.SUPPORT_MONTHLY


class Obligation(models.Model):
    """A report that `unit` owes on `task` for `period` by `due`."""

    rule = models.ForeignKey(ReportingRule, on_delete=models.CASCADE, related_name="obligations")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="obligations")
    period = models.CharField("报送期", max_length=20)  # 2022-03, 2022-Q1, 2022-06-30
    period_label = models.CharField("报送期", max_length=30)  # 2022年3月, 2022年第一季度
    period_start = models.DateField()
    period_end = models.DateField()
    due = models.DateField("截止日期", db_index=True)

    class Meta:
        ordering = ["due", "task__position", "unit__name"]
        verbose_name = "报送任务"
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "task", "unit", "period"], name="obligation_unique"
            )
        ]
        indexes = [models.Index(fields=["unit", "due"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.task} · {self.period_label}"

    @property
    def kind(self) -> str:
        return self.rule.kind

    def latest(self) -> Report | None:
        reports = sorted(self.reports.all(), key=lambda r: r.version)
        return reports[-1] if reports else None


class Report(models.Model):
    """One version of a progress report (进展报告): status, the three parts every
    report has, a percentage and actual values for the task's numeric targets."""

    CONTENT_FIELDS = ("status", "progress", "problems", "next_steps", "percent", "actuals")

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reports")
    version = models.PositiveSmallIntegerField("版本", default=1)
    state = models.CharField(
        "状态", max_length=20, choices=ReportState, default=ReportState.DRAFT, db_index=True
    )
    status = models.CharField(
        "推进状态", max_length=20, choices=ProgressStatus, default=ProgressStatus.ON_TRACK
    )
    progress = models.TextField("进展情况", blank=True)
    problems = models.TextField("存在问题", blank=True)
    next_steps = models.TextField("下一步措施", blank=True)
    percent = models.PositiveSmallIntegerField("完成进度（%）", null=True, blank=True)
    # Actual values of the task's numeric targets, in the targets' order: [12.0, null, …].
    actuals = models.JSONField("实际完成值", default=list, blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField("审签时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    # A client's key for one submission: a retried request finds its report.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # Optimistic locking of a draft: every save of its content adds one, and a
    # save that started from an older number is refused (reports.save_draft).
    lock_version = models.PositiveIntegerField("修改版本号", default=0)

    class Meta:
        ordering = ["obligation", "version"]
        verbose_name = "进展报告"
        constraints = [
            models.UniqueConstraint(fields=["obligation", "version"], name="report_version")
        ]

    def __str__(self) -> str:
        return f"{self.obligation}（第{self.version}版）"

    @property
    def frozen(self) -> bool:
        return self.state != ReportState.DRAFT

    def save(self, *args, **kwargs):
        """A submitted report never changes its content: a correction is a new version."""
        if self.pk is not None:
            old = Report.objects.filter(pk=self.pk).values(*self.CONTENT_FIELDS, "state").first()
            if old and old["state"] != ReportState.DRAFT:
                changed = [f for f in self.CONTENT_FIELDS if old[f] != getattr(self, f)]
                if changed:
                    raise ValidationError("已提交的报告不能修改，请提交新版本。")
        super().save(*args, **kwargs)


class StoredFile(models.Model):
    """A file whose type and size were checked by content (reporting/uploads.py),
    with what the check found; report attachments and inspection evidence are both."""

    name = models.CharField("文件名", max_length=200)
    kind = models.CharField("类型", max_length=20)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Attachment(StoredFile):
    """Evidence (images, PDF, Office files) of a report or a closure request."""

    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    request = models.ForeignKey(
        "Request", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="evidence/%Y/%m/")

    class Meta(StoredFile.Meta):
        verbose_name = "附件"


class Request(Audited):
    """An extension (延期) or closure (办结) request of a lead unit to the office."""

    kind = models.CharField("类型", max_length=20, choices=RequestKind)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="requests")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("理由或办结情况")
    new_due = models.DateField("申请延期至", null=True, blank=True)
    old_due = models.DateField("原截止日期", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=20, choices=RequestState, default=RequestState.PENDING
    )
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    comment = models.TextField("审批意见", blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "申请"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.task}"


class Receipt(models.Model):
    """A unit's acknowledgement (签收) of a task assigned to it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="receipts")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("签收时间", auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="receipt_unique")]


class SubItem(Audited):
    """A piece of a task (具体工作内容) with its own owner and due date; the
    task's progress rolls up from its sub-items."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="sub_items")
    title = models.CharField("具体工作内容", max_length=300)
    owner = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    milestones = models.TextField("节点安排", blank=True)
    due = models.DateField("完成时限", null=True, blank=True)
    done = models.BooleanField("已完成", default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["task", "position", "id"]
        verbose_name = "具体工作"

    def __str__(self) -> str:
        return self.title


class Instruction(Audited):
    """A leader's instruction (领导批示) on a task or a report, and the lead unit's answer."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="instructions")
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="instructions"
    )
    leader = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField("批示内容")
    created_at = models.DateTimeField("批示时间", auto_now_add=True)
    answer = models.TextField("落实情况", blank=True)
    answered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "领导批示"

    def __str__(self) -> str:
        return self.text[:30]


class Notification(models.Model):
    """An in-app message to one user; `key` makes sending it idempotent."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField("内容", max_length=500)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once")]


class Channel(Audited):
    """Where a government's reminders go besides in-app: e-mail, DingTalk or WeCom robots."""

    class Kind(models.TextChoices):
        EMAIL = "email", "电子邮件"
        DINGTALK = "dingtalk", "钉钉群机器人"
        WECOM = "wecom", "企业微信群机器人"

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField("渠道", max_length=20, choices=Kind)
    target = models.CharField(
        "地址", max_length=500, help_text="邮箱（逗号分隔）或机器人 Webhook 地址"
    )
    secret = models.CharField("加签密钥", max_length=200, blank=True)
    active = models.BooleanField("启用", default=True)

    audit_exclude = ("secret",)

    class Meta:
        verbose_name = "提醒渠道"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.shown_target[:60]}"

    @property
    def shown_target(self) -> str:
        """E-mail addresses in full; a robot URL with its token cut to four characters:
        the token in a webhook address is as secret as the signing key."""
        if self.kind == self.Kind.EMAIL:
            return self.target
        parts = urllib.parse.urlsplit(self.target)
        query = "&".join(
            f"{key}={value[:4]}…" if len(value) > 4 else f"{key}={value}"
            for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        )
        return urllib.parse.urlunsplit(parts._replace(query=query, fragment=""))

    def audit_value(self, field: str, value):
        return self.shown_target if field == "target" else value


class Reminder(models.Model):
    """One reminder (催办) sent for one obligation over one channel: the unique
    constraint is what makes `duban remind` never send the same one twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "即将到期"
        OVERDUE = "overdue", "已逾期"

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind)
    channel = models.CharField(max_length=40)  # "app", "email:<id>", "dingtalk:<id>" …
    sent_at = models.DateTimeField()
    ok = models.BooleanField(default=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "kind", "channel"], name="reminder_once")
        ]

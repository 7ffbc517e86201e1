"""Plans, tasks, assignments and the name decisions of a plan's review.

An imported notice becomes a DRAFT plan. Every distinct unit or leader name
in it has a NameResolution; the plan can be confirmed (ACTIVE) once none is
left unresolved. Assignments point at directory entries once their name is
resolved, which is what unit pages and permissions follow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from duban.audit.mixins import Audited
from duban.directory.models import Government, Person, Unit
from duban.ledger import access
from duban.ledger.choices import Method, NameKind, PlanStatus, Role, TaskState


class PlanQuerySet(models.QuerySet):
    def restrict(self, user):
        return access.restrict_plans(self, user)


class TaskQuerySet(models.QuerySet):
    def restrict(self, user):
        return access.restrict_tasks(self, user)


class Plan(Audited):
    government = models.ForeignKey(Government, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    title = models.CharField("标题", max_length=300, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("发文机关", max_length=200, blank=True)
    issue_date = models.DateField("成文日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=PlanStatus, default=PlanStatus.DRAFT, db_index=True
    )
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    source_file = models.FileField("原文件", upload_to="notices/%Y/", blank=True)
    revises = models.ForeignKey(
        "self",
        verbose_name="修订的方案",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    confirmed_at = models.DateTimeField("生效时间", null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = "分工方案"

    def __str__(self) -> str:
        return self.title or self.source_name or f"方案 {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("ledger:plan", args=[self.pk])

    @property
    def source_lines(self) -> list:
        return self._source().lines

    @property
    def diagnostics(self) -> list:
        return self._source().diagnostics

    def _source(self) -> PlanSource:
        try:
            return self.source
        except PlanSource.DoesNotExist:
            return PlanSource(plan=self)

    def source_excerpt(self, first: int | None, last: int | None, context: int = 0):
        if first is None:
            return []
        last = last if last is not None else first
        return [
            (n, text) for n, text in self.source_lines if first - context <= n <= last + context
        ]


class PlanSource(models.Model):
    """The notice as numbered lines, so each task can show the text it came from,
    and what the reader noticed in it. Kept apart from Plan because it is large
    and only the review and source views read it: every list that joins a plan
    would otherwise decode it row by row."""

    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, primary_key=True, related_name="source"
    )
    lines = models.JSONField(default=list, blank=True)
    diagnostics = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.plan} 原文"


class Task(Audited):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField("顺序")
    list_title = models.CharField("任务清单", max_length=200, blank=True)
    section = models.JSONField("所属部分", default=list, blank=True)
    section_title = models.CharField("一级标题", max_length=300, blank=True, db_index=True)
    seq = models.CharField("序号", max_length=20, blank=True)
    content = models.TextField("工作任务")
    deadline = models.CharField("完成时限", max_length=200, blank=True)
    state = models.CharField("状态", max_length=20, choices=TaskState, default=TaskState.ACTIVE)
    source_first_line = models.PositiveIntegerField(null=True, blank=True)
    source_last_line = models.PositiveIntegerField(null=True, blank=True)
    # The time requirement read into dates (reporting/schedule.py), and the
    # measurable targets read from the content (extract/targets.py).
    due = models.DateField("截止日期", null=True, blank=True, db_index=True)
    cadence = models.CharField("推进频次", max_length=20, blank=True)
    ongoing = models.BooleanField("长期任务", default=False)
    deadline_recognized = models.BooleanField("时限已识别", default=False)
    milestones = models.JSONField("节点", default=list, blank=True)
    targets = models.JSONField("量化目标", default=list, blank=True)
    # The latest accepted progress, denormalised for lists and lights.
    progress_status = models.CharField("推进状态", max_length=20, blank=True)
    percent = models.PositiveSmallIntegerField("完成进度（%）", null=True, blank=True)
    actuals = models.JSONField("实际完成值", default=list, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = "任务"
        indexes = [models.Index(fields=["plan", "state"])]

    def __str__(self) -> str:
        head = f"{self.seq}. " if self.seq else ""
        return head + (self.content[:40] + ("…" if len(self.content) > 40 else ""))

    def get_absolute_url(self) -> str:
        return reverse("ledger:task", args=[self.pk])

    def names(self, role: str) -> list[str]:
        return [a.display_name for a in self.assignments.all() if a.role == role]

    def source_excerpt(self, context: int = 0):
        return self.plan.source_excerpt(self.source_first_line, self.source_last_line, context)


class Assignment(models.Model):
    """One name printed for a task in one role, and the directory entry it means."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField("角色", max_length=10, choices=Role)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField("原文名称", max_length=100)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )

    class Meta:
        ordering = ["task", "role", "position"]
        indexes = [
            models.Index(fields=["unit", "role"]),
            models.Index(fields=["person"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.display_name}"

    @property
    def display_name(self) -> str:
        target = self.unit or self.person
        return target.name if target is not None else self.name


class NameResolution(models.Model):
    """The review's decision for one printed name of a draft plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="resolutions")
    kind = models.CharField(max_length=10, choices=NameKind)
    name = models.CharField("原文名称", max_length=100)
    method = models.CharField("识别方式", max_length=20, choices=Method)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL)
    suggestions = models.JSONField(default=list, blank=True)
    occurrences = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "method", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "name"], name="resolution_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def target(self):
        return self.unit if self.kind == NameKind.UNIT else self.person

    @property
    def resolved(self) -> bool:
        return self.method != Method.UNRESOLVED

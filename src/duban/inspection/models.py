"""The inspection office's records.

A SpotCheck stores its population, its random seed and its draw, so anyone can
re-run the draw and see it was fair. Findings record what inspectors saw on a
task (with evidence), and may mark a report as inconsistent with reality
(报送进展与实际严重不符). A Bulletin (通报) is composed from the data for a
period, edited, then issued with its number; issued bulletins are archived.
An AssessmentScheme holds the weights the year-end scores are computed with.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.audit.mixins import Audited
from duban.directory.models import Government
from duban.ledger.models import Plan, Task
from duban.reporting.models import Report, StoredFile

User = settings.AUTH_USER_MODEL


class SpotCheck(Audited):
    class Kind(models.TextChoices):
        RANDOM = "random", "随机抽查"
        UNANNOUNCED = "unannounced", "暗访核查"
        ONSITE = "onsite", "现场督办"

    class Strata(models.TextChoices):
        NONE = "none", "不分层"
        SECTION = "section", "按部分分层"
        UNIT = "unit", "按牵头单位分层"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="spot_checks")
    title = models.CharField("名称", max_length=200)
    kind = models.CharField("方式", max_length=20, choices=Kind, default=Kind.RANDOM)
    strata = models.CharField("分层", max_length=20, choices=Strata, default=Strata.NONE)
    size = models.PositiveIntegerField("抽取数量（每层）")
    seed = models.CharField("随机种子", max_length=64)
    # The task ids the draw was made from, in the order used, and the ids drawn.
    population = models.JSONField(default=list)
    drawn = models.JSONField(default=list)
    planned_for = models.DateField("计划日期", null=True, blank=True)
    notes = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("抽取时间", auto_now_add=True)

    audit_exclude = ("population",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "督查抽查"

    def __str__(self) -> str:
        return self.title


class Finding(Audited):
    class Verdict(models.TextChoices):
        CONFIRMED = "confirmed", "与报送一致"
        ISSUE = "issue", "发现问题"
        INCONSISTENT = "inconsistent", "报送进展与实际严重不符"

    spot_check = models.ForeignKey(
        SpotCheck, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="findings")
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    verdict = models.CharField("结论", max_length=20, choices=Verdict)
    text = models.TextField("督查情况")
    inspector = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    found_on = models.DateField("督查日期")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = "督查发现"

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} · {self.task}"


class Evidence(StoredFile):
    """Photos and files of a finding, checked by content like report attachments."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="inspection/%Y/%m/")


class Bulletin(Audited):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        ISSUED = "issued", "已印发"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bulletins")
    period = models.CharField("通报期", max_length=20)  # 2022-Q1, 2022-03, 2022
    number = models.CharField("文号", max_length=100, blank=True)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文")
    # The figures the draft was composed from, kept as issued.
    data = models.JSONField(default=dict, blank=True)
    state = models.CharField("状态", max_length=20, choices=State, default=State.DRAFT)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField("印发时间", null=True, blank=True)

    audit_exclude = ("data",)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "通报"

    def __str__(self) -> str:
        return self.title


class AssessmentScheme(Audited):
    """The year-end scoring rules of a government (weights in points, penalties)."""

    government = models.OneToOneField(
        Government, on_delete=models.CASCADE, related_name="assessment_scheme"
    )
    on_time_weight = models.FloatField("按时报送率权重（分）", default=40)
    completion_weight = models.FloatField("牵头任务完成率权重（分）", default=50)
    finding_weight = models.FloatField("督查情况权重（分）", default=10)
    issue_penalty = models.FloatField("每条问题扣分", default=1)
    inconsistent_penalty = models.FloatField("每次报送不实扣分", default=5)
    return_penalty = models.FloatField("每次报告被退回扣分", default=0.5)
    red_list_size = models.PositiveSmallIntegerField("红榜单位数", default=3)
    black_list_size = models.PositiveSmallIntegerField("黑榜单位数", default=3)

    class Meta:
        verbose_name = "考核规则"

    def __str__(self) -> str:
        return f"{self.government} 考核规则"

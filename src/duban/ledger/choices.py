from django.db import models


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "待审核"
    ACTIVE = "active", "执行中"
    MERGED = "merged", "已并入修订"
    DISCARDED = "discarded", "已作废"


class TaskState(models.TextChoices):
    ACTIVE = "active", "执行中"
    CLOSED = "closed", "已办结"
    ABOLISHED = "abolished", "已废止"


class Role(models.TextChoices):
    LEADER = "leader", "牵头领导"
    LEAD = "lead", "牵头单位"
    SUPPORT = "support", "责任（配合）单位"
    INSPECT = "inspect", "督查单位"


class NameKind(models.TextChoices):
    UNIT = "unit", "单位"
    PERSON = "person", "领导"


class Method(models.TextChoices):
    EXACT = "exact", "全称一致"
    ALIAS = "alias", "别名"
    NORMALISED = "normalised", "去前缀后一致"
    MAPPED = "mapped", "人工对应"
    CREATED = "created", "新建"
    UNRESOLVED = "unresolved", "待确认"

"""Value, Chinese label (and colour) of every choice in reporting, in one place."""

from django.db import models


class RuleKind(models.TextChoices):
    SUPPORT_MONTHLY = "support_monthly", "配合单位月报（报牵头单位）"
    LEAD_QUARTERLY = "lead_quarterly", "牵头单位季报（报政府办）"
    FIXED_DATES = "fixed_dates", "固定节点报告（报政府办）"
    ADHOC = "adhoc", "临时报送（报政府办）"


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未启动"
    ON_TRACK = "on_track", "正常推进"
    BEHIND = "behind", "滞后"
    DONE = "done", "已完成"


class ReportState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    APPROVED = "approved", "已审签"
    ACCEPTED = "accepted", "已采纳"
    RETURNED = "returned", "已退回"


class RequestKind(models.TextChoices):
    EXTENSION = "extension", "延期申请"
    CLOSURE = "closure", "办结申请"


class RequestState(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已同意"
    REJECTED = "rejected", "不同意"


class Standing(models.TextChoices):
    """Where a task or an obligation stands today."""

    AHEAD = "ahead", "提前"
    ON_TIME = "on_time", "正常"
    DUE_SOON = "due_soon", "临期"
    BEHIND = "behind", "滞后"
    OVERDUE = "overdue", "逾期"
    CLOSED = "closed", "已办结"


# The 督查 offices' lights: blue done or ahead, green on time, yellow due soon or
# behind, red overdue. Values are Bootstrap colour names for the badges.
LIGHT = {
    Standing.AHEAD: "primary",
    Standing.CLOSED: "primary",
    Standing.ON_TIME: "success",
    Standing.DUE_SOON: "warning",
    Standing.BEHIND: "warning",
    Standing.OVERDUE: "danger",
}
LIGHT_NAME = {"primary": "蓝灯", "success": "绿灯", "warning": "黄灯", "danger": "红灯"}

"""One row per change: actor, time, object, the record before and after."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from duban.audit.context import current_actor


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "新建"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        IMPORT = "import", "导入"
        CONFIRM = "confirm", "确认生效"
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出"
        LOGOUT_ALL = "logout_all", "退出所有设备"
        EXPORT = "export", "导出下载"

    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    via = models.CharField("途径", max_length=10, default="web")
    ip = models.GenericIPAddressField("地址", null=True, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    model = models.CharField("对象类型", max_length=50, db_index=True)
    object_id = models.CharField("对象编号", max_length=40, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "操作记录"

    def __str__(self) -> str:
        return f"{self.actor_name} {self.get_action_display()} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


def record(
    action: str,
    obj=None,
    before=None,
    after=None,
    *,
    model: str = "",
    repr_: str = "",
    object_id: str = "",
):
    """Write one audit entry for the current actor; without `obj`, `model`,
    `object_id` and `repr_` say what it concerns."""
    actor = current_actor()
    user = actor.user if getattr(actor.user, "pk", None) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else ("系统" if actor.via != "cli" else "命令行"),
        via=actor.via,
        ip=actor.ip,
        action=action,
        model=model or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else object_id,
        object_repr=(repr_ or (str(obj) if obj is not None else ""))[:200],
        before=before,
        after=after,
    )

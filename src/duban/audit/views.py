"""The audit log page: who changed what, when, from what to what.

Office administrators only. Every administrator sees every entry, including
those of other governments: entries do not record a government, and a
deployment normally serves one; narrowing by government is left for when one
serves several.
"""

from __future__ import annotations

import json

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from duban.audit.models import AuditEntry

PER_PAGE = 50


def model_label(label: str) -> str:
    """directory.unit → 单位; an unknown label is shown as it is."""
    model = _model(label)
    return str(model._meta.verbose_name) if model else label


# Keys that summarising entries (imports, confirmations, many-to-many edits)
# record beside the model's own fields.
EXTRA_LABELS = {
    "members": "包含单位",
    "oversees": "分管单位",
    "tasks": "任务数",
    "source": "来源文件",
    "from_draft": "来源草稿",
    "created": "新建",
    "updated": "更新",
    "problems": "未导入行数",
    # Downloads (audit/downloads.py) and session ends (accounts/signals.py, sessions.py).
    "file": "文件",
    "path": "下载地址",
    "reason": "原因",
    "tokens": "作废的接口令牌数",
    # Foreign keys declared without a Chinese verbose_name.
    "government": "所属政府",
    "unit": "单位",
    "person": "领导",
    "plan": "方案",
    "task": "任务",
    "updated_at": "更新时间",
}
_EMPTY = (None, "", False, [], {})
# Entries that record what happened, not a change from one value to another.
AFTER_ONLY = {
    AuditEntry.Action.CREATE,
    AuditEntry.Action.IMPORT,
    AuditEntry.Action.LOGIN,
    AuditEntry.Action.LOGOUT,
    AuditEntry.Action.LOGOUT_ALL,
    AuditEntry.Action.EXPORT,
}


def field_label(label: str, name: str) -> str:
    """The field's Chinese verbose_name; Django's automatic one (updated at) is
    English, so for those and for summary keys EXTRA_LABELS speaks."""
    field = _field(label, name)
    verbose = str(getattr(field, "verbose_name", "") or "")
    if verbose and verbose != name.replace("_", " "):
        return verbose
    return EXTRA_LABELS.get(name, verbose or name)


def _field(label: str, name: str):
    model = _model(label)
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def show(value) -> str:
    """A recorded value as a reader expects it: 空 for nothing, 是/否, JSON unescaped."""
    if value is None or value in ("", [], {}):
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(field, before, after) as shown: a new record lists only the fields it
    filled, a deleted one only those it had; the id is in the object column;
    a value with choices shows its label (单位经办人, not unit-user)."""
    rows = []
    for key, before, after in entry.changed_fields():
        if key == "id" or (before in _EMPTY and after in _EMPTY):
            continue
        choices = dict(getattr(_field(entry.model, key), "choices", None) or ())
        rows.append(
            (
                field_label(entry.model, key),
                show(_choice(choices, before)),
                show(_choice(choices, after)),
            )
        )
    return rows


def _choice(choices: dict, value):
    return choices.get(value, value) if isinstance(value, str | int) else value


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


@login_required
def log(request):
    if not request.user.is_office_admin:
        raise PermissionDenied("只有政府办管理员可以查看操作日志。")
    entries = AuditEntry.objects.all()
    params = {k: request.GET.get(k, "").strip() for k in ("model", "action", "actor", "object")}
    if params["model"]:
        entries = entries.filter(model=params["model"])
    if params["action"]:
        entries = entries.filter(action=params["action"])
    if params["actor"]:
        entries = entries.filter(actor_name__icontains=params["actor"])
    if params["object"]:
        entries = entries.filter(
            Q(object_id=params["object"]) | Q(object_repr__icontains=params["object"])
        )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": e,
            "model": model_label(e.model),
            "changes": changes(e),
            "after_only": e.action in AFTER_ONLY,
        }
        for e in page
    ]
    models = AuditEntry.objects.order_by("model").values_list("model", flat=True).distinct()
    context = {
        "page": page,
        "rows": rows,
        "params": params,
        "models": [(m, model_label(m)) for m in models if m],
        "actions": AuditEntry.Action.choices,
    }
    return render(request, "audit/log.html", context)

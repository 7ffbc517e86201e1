"""What a backup holds: the rows of duban's own models and the files they refer to.

Django's own tables stay out on purpose: sessions and login lockouts (axes)
are transient, and content types and permissions are recreated by `migrate`.
Many-to-many links are backed up as their through tables, rows with ids, so a
restore inserts them like any other row instead of looking them up one by one.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField, Model

FORMAT = "duban-backup"
VERSION = 1
MANIFEST = "manifest.json"

# Tables the migrations fill (reporting/migrations/0002_seed_holidays.py): a fresh
# instance already has these rows, and a restore replaces them with the archive's.
SEEDED = frozenset({"reporting.holiday"})

# The rows a summary names, as people count them.
COUNTED = (
    ("ledger.plan", "方案", "个"),
    ("ledger.task", "任务", "项"),
    ("reporting.report", "报告", "份"),
    ("reporting.attachment", "附件", "个"),
    ("inspection.evidence", "督查佐证", "个"),
    ("accounts.user", "用户", "个"),
    ("audit.auditentry", "操作记录", "条"),
)


def models() -> list[type[Model]]:
    """duban's models and many-to-many tables, in registration order, minus those
    pointing outside the backup (see left_out)."""
    chosen = _duban_models()
    while True:
        kept = [m for m in chosen if all(f.related_model in chosen for f in _relations(m))]
        if len(kept) == len(chosen):
            return kept
        chosen = kept


def left_out() -> list[type[Model]]:
    """duban tables not backed up: a user's Django groups and permissions, which
    point at Django's own tables and which duban never sets (it has roles)."""
    kept = models()
    return [m for m in _duban_models() if m not in kept]


def label(model: type[Model]) -> str:
    return model._meta.label_lower


def member(model: type[Model]) -> str:
    return f"data/{label(model)}.jsonl"


def serialized_fields(model: type[Model]) -> list[str]:
    """Every stored column except the key (the serializer writes that as "pk") and
    many-to-many fields (their through tables are backed up as tables)."""
    return [f.name for f in model._meta.local_concrete_fields if not f.primary_key]


def file_fields(model: type[Model]) -> list[FileField]:
    return [f for f in model._meta.local_concrete_fields if isinstance(f, FileField)]


def applied_migrations() -> dict[str, list[str]]:
    """The migrations applied to this database, for the apps a backup holds."""
    app_labels = {m._meta.app_label for m in models()}
    applied: dict[str, list[str]] = {app: [] for app in sorted(app_labels)}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if app in applied:
            applied[app].append(name)
    return {app: sorted(names) for app, names in applied.items()}


def describe(counts: dict[str, int]) -> str:
    """方案 1 个、任务 3 项、报告 2 份…"""
    return "、".join(f"{word} {counts.get(key, 0)} {unit}" for key, word, unit in COUNTED)


def _duban_models() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_config.name.startswith("duban.")
    ]


def _relations(model: type[Model]):
    return [f for f in model._meta.local_concrete_fields if f.is_relation]

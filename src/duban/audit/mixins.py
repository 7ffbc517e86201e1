"""`Audited`: a model mixin that records every save and delete with before/after."""

from __future__ import annotations

from django.db import models

from duban.audit.models import AuditEntry, record


def snapshot(obj: models.Model) -> dict:
    """The concrete fields of a record as JSON-safe values (foreign keys as ids)."""
    data = {}
    for f in obj._meta.concrete_fields:
        if f.name in getattr(obj, "audit_exclude", ()):
            continue
        value = getattr(obj, f.attname)
        if value is not None and not isinstance(value, str | int | float | bool | list | dict):
            value = str(value)
        data[f.name] = obj.audit_value(f.name, value) if hasattr(obj, "audit_value") else value
    return data


class Audited(models.Model):
    """Saves and deletes write an AuditEntry in the same transaction.

    Bulk operations bypass this on purpose; the services that use them (plan
    import, revision) record one summarising entry themselves.
    """

    audit_exclude: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def audit_value(self, field: str, value):
        """The value the log keeps for `field`: override to mask credentials."""
        return value

    def save(self, *args, **kwargs):
        before = None
        if self.pk is not None:
            old = type(self)._base_manager.filter(pk=self.pk).first()
            before = snapshot(old) if old is not None else None
        super().save(*args, **kwargs)
        after = snapshot(self)
        if before != after:
            action = AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE
            record(action, self, before, after)

    def delete(self, *args, **kwargs):
        before = snapshot(self)
        record(AuditEntry.Action.DELETE, self, before, None)
        return super().delete(*args, **kwargs)

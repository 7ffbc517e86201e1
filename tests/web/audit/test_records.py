"""Every change leaves an audit entry: who, when, what, before and after."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from duban.audit.context import acting_as
from duban.audit.models import AuditEntry
from duban.directory.models import Government, Unit


@pytest.fixture
def gov(db):
    return Government.objects.create(name="某县")


def test_a_save_records_the_actor_and_the_fields_before_and_after(gov, django_user_model):
    clerk = django_user_model.objects.create(username="clerk", role="office-admin")
    unit = Unit.objects.create(government=gov, name="县财政局")
    with acting_as(clerk, ip="10.0.0.8"):
        unit.short_name = "财政局"
        unit.save()
    entry = AuditEntry.objects.filter(model="directory.unit", action="update").get()
    assert (entry.actor, entry.actor_name, entry.ip) == (clerk, "clerk", "10.0.0.8")
    assert entry.changed_fields() == [("short_name", "", "财政局")]
    assert entry.at is not None


def test_a_save_that_changes_nothing_records_nothing(gov):
    unit = Unit.objects.create(government=gov, name="县财政局")
    count = AuditEntry.objects.count()
    unit.save()
    assert AuditEntry.objects.count() == count


def test_a_delete_records_the_record_as_it_was(gov):
    unit = Unit.objects.create(government=gov, name="县财政局")
    pk = unit.pk
    with acting_as(None, via="cli"):
        unit.delete()
    entry = AuditEntry.objects.get(action="delete", object_id=str(pk))
    assert entry.before["name"] == "县财政局" and entry.after is None
    assert entry.actor_name == "命令行"


def test_passwords_are_never_written_to_the_audit_log(django_user_model):
    user = django_user_model.objects.create(username="u", role="inspector")
    user.set_password("Secret-2026-x")
    user.save()
    for entry in AuditEntry.objects.filter(model="accounts.user"):
        assert "password" not in (entry.before or {}) and "password" not in (entry.after or {})


def test_a_failed_change_leaves_no_entry(gov):
    Unit.objects.create(government=gov, name="县财政局")
    count = AuditEntry.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(government=gov, name="县财政局")
    assert AuditEntry.objects.count() == count

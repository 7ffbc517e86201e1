"""A demo build: the real importer reads every generated notice, the year's
reports stop at the demo's day, attachments are real files, and one seed
always gives the same data."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from duban.accounts.models import User
from duban.demo.build import build
from duban.demo.scales import Scale
from duban.directory.models import Unit
from duban.inspection.models import Bulletin, Finding
from duban.ledger.models import NameResolution, Plan, Task
from duban.reporting.models import Attachment, Obligation, Report

SMALL = Scale(cities=1, counties=2, tasks=12, support=3, unit_users=2, attachment_every=4)
AS_OF = dt.date(2026, 11, 20)


class Rollback(Exception):
    pass


def fingerprint() -> tuple:
    return (
        sorted(Unit.objects.values_list("government__name", "name")),
        sorted(Task.objects.values_list("plan__government__name", "seq", "content", "due")),
        sorted(User.objects.values_list("username", "role")),
        sorted(
            Report.objects.values_list(
                "obligation__task__content", "obligation__unit__name", "version", "state", "percent"
            )
        ),
    )


@pytest.fixture
def small(db):
    return build(SMALL, seed=3, as_of=AS_OF)


def test_every_notice_is_imported_whole_and_resolved_against_the_directory(small):
    assert small.governments == Plan.objects.filter(status="active").count() == 3
    assert small.tasks == Task.objects.count() == 3 * SMALL.tasks
    for plan in Plan.objects.all():
        assert plan.tasks.count() == SMALL.tasks
        assert plan.tasks.filter(assignments__role="lead").distinct().count() == SMALL.tasks
    created = NameResolution.objects.filter(method="created").values_list("name", flat=True)
    assert set(created) <= {"各乡镇人民政府"}, "only collectives may be new to the directory"


def test_users_are_the_office_the_leaders_and_each_units_staff(small):
    units = Unit.objects.exclude(kind="collective").count()
    assert small.users == User.objects.count() == 3 * (2 + 2 + 7) + units * SMALL.unit_users
    assert User.objects.filter(role="unit-head").count() == units
    assert User.objects.get(username="g1-office1").check_password("Duban-demo-2026")


def test_reports_stop_at_the_demo_day_and_include_late_missing_and_returned(small):
    assert small.reports == Report.objects.count() > 0
    assert not Report.objects.filter(obligation__due__gt=AS_OF).exists()
    due = Obligation.objects.filter(due__lte=AS_OF)
    assert due.filter(reports=None).exists(), "some obligations are missed"
    late = [
        r
        for r in Report.objects.select_related("obligation")
        if r.submitted_at.date() > r.obligation.due
    ]
    assert late, "some reports are late"
    returned = Report.objects.filter(state="returned")
    assert returned.exists()
    for report in returned:
        assert report.obligation.reports.get(version=2).state == "accepted"


def test_attachments_are_real_files_with_their_checksums(small):
    attachments = list(Attachment.objects.all())
    assert small.attachments == len(attachments) > 0
    for attachment in attachments:
        with default_storage.open(attachment.file.name) as stored:
            content = stored.read()
        assert content.startswith(b"\x89PNG")
        assert hashlib.sha256(content).hexdigest() == attachment.sha256


def test_inspections_and_an_issued_bulletin_for_every_plan(small):
    assert Finding.objects.count() == small.findings == 3 * 5
    assert Bulletin.objects.filter(state="issued").count() == small.bulletins == 3


def test_the_same_seed_builds_the_same_data(db):
    with pytest.raises(Rollback), transaction.atomic():
        build(SMALL, seed=3, as_of=AS_OF)
        first = fingerprint()
        raise Rollback
    build(SMALL, seed=3, as_of=AS_OF)
    assert fingerprint() == first

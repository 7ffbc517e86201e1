"""Figures at county, city or province scale: `python benchmarks/scale.py`.

Runs against a database a `duban demo --scale …` built (DATABASE_URL and
DUBAN_DATA as for that command) and changes nothing in it: what must write
(an import, a reminder run) runs inside a transaction that is rolled back.
Prints, for the main pages and API endpoints as an office administrator, a
leader and a unit user of the largest county, and as the top government's
office, the server time (median and 95th percentile over --repeat requests)
and the number of SQL queries; then the time to import and confirm one more
notice, and one `duban remind` pass over every government on the day before
the monthly reports are due.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--skip-remind", action="store_true")
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "duban.web.settings"
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client run on any ALLOWED_HOSTS
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a demo built by an older checkout
    describe()
    pages(args.repeat)
    import_one()
    if not args.skip_remind:
        remind()


def describe() -> None:
    from django.db import connection

    from duban.accounts.models import User
    from duban.directory.models import Government, Unit
    from duban.ledger.models import Task
    from duban.reporting.models import Attachment, Obligation, Report

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    version = getattr(connection, "pg_version", "")
    print(f"database: {connection.vendor} {version}")
    counts = {
        "governments": Government.objects.count(),
        "units": Unit.objects.count(),
        "users": User.objects.count(),
        "tasks": Task.objects.count(),
        "obligations": Obligation.objects.count(),
        "reports": Report.objects.count(),
        "attachments": Attachment.objects.count(),
    }
    print(", ".join(f"{k} {v}" for k, v in counts.items()))


def pages(repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from duban.accounts.models import ApiToken, User
    from duban.demo.pages import main_pages
    from duban.ledger.models import Assignment, Plan

    plan = Plan.objects.filter(status="active").order_by("-pk").first()
    leads = Assignment.objects.filter(task__plan=plan, role="lead").order_by("task__position")
    busiest = Counter(leads.values_list("unit", flat=True)).most_common(1)[0][0]
    lead = leads.filter(unit=busiest).first()
    leader = Assignment.objects.get(task=lead.task_id, role="leader").person
    office = User.objects.filter(government=plan.government, role="office-admin").first()
    people = [
        ("county office", office),
        ("lead leader", User.objects.filter(person=leader).first()),
        ("lead unit user", User.objects.filter(unit=lead.unit, role="unit-user").first()),
    ]
    top = Plan.objects.filter(status="active").order_by("pk").first()
    if top.government_id != plan.government_id:
        people.append(
            ("top office", User.objects.filter(government=top.government, role="office-admin")[0])
        )
    print(f"\npages of {plan} (plan {plan.pk}, {plan.tasks.count()} tasks), {repeat} requests each")
    print(f"  {'who':<15} {'page':<24} status  p50 ms  p95 ms  queries")
    all_p95 = []
    for who, user in people:
        client = Client(headers={"Authorization": f"Bearer {ApiToken.issue(user)}"})
        client.force_login(user)
        target = top if who == "top office" else plan
        for label, url in main_pages(target.pk, lead.unit_id, lead.task_id):
            client.get(url)
            times = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
            p50, p95 = statistics.median(times), percentile(times, 95)
            if response.status_code == 200:
                all_p95.append((p95, who, label))
            print(
                f"  {who:<15} {label:<24} {response.status_code:>6} {p50:7.1f} {p95:7.1f}"
                f" {len(captured):8d}"
            )
    worst = max(all_p95)
    print(f"slowest p95 of a page that answered 200: {worst[0]:.1f} ms ({worst[1]}, {worst[2]})")


def percentile(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def import_one() -> None:
    from django.db import transaction

    from duban import clock
    from duban.demo.names import DEPARTMENTS
    from duban.demo.notices import Directory, notice
    from duban.directory.models import Government
    from duban.ledger.importing import import_notice
    from duban.ledger.review import confirm

    directory = Directory("基准测试县", "县", ["张伟", "李强"], list(DEPARTMENTS))
    text = notice(directory, 2026, 300, random.Random(1), support=8)
    try:
        with transaction.atomic(), clock.frozen_at(dt.date(2026, 2, 28)):
            gov = Government.objects.create(name="基准测试县")
            start = time.perf_counter()
            draft = import_notice(text.encode(), "基准测试.txt", gov)
            imported = time.perf_counter() - start
            plan = confirm(draft, create_missing=True)
            total = time.perf_counter() - start
            obligations = sum(t.obligations.count() for t in plan.tasks.all())
            raise Rollback
    except Rollback:
        pass
    print(
        f"\nimport of a 300-task notice: read and stored {imported:.2f} s, with confirmation and"
        f" {obligations} obligations {total:.2f} s"
    )


def remind() -> None:
    from django.db import transaction

    from duban import clock
    from duban.reporting.models import Obligation
    from duban.reporting.remind import remind_once

    day = dt.date(2026, 11, 24)
    try:
        with transaction.atomic(), clock.frozen_at(day):
            start = time.perf_counter()
            summary = remind_once(day)
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    print(
        f"\nremind over {Obligation.objects.count()} obligations on {day}: {elapsed:.1f} s"
        f" ({summary.line()})"
    )


if __name__ == "__main__":
    sys.exit(main())

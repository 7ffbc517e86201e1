"""Web system figures: `python benchmarks/web.py [--repeat N]`.

On a fresh database (a temporary SQLite file, or PostgreSQL when DATABASE_URL
is set — its own throw-away database is created and dropped), imports and
confirms the sample notices (shared/seeds beside the repository), which also
generates their reporting obligations; then prints for the main pages and API
endpoints the median server time and the number of SQL queries, as an office
administrator and as a unit user, and the time of a `duban remind` run over
all plans on a day when many obligations are due. Plain figures only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DUBAN_DATA", tempfile.mkdtemp(prefix="duban-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "duban.web.settings"
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        run(args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from duban import clock
    from duban.accounts.models import ApiToken, User
    from duban.ledger.importing import import_notice
    from duban.ledger.models import Assignment, Plan
    from duban.ledger.review import confirm
    from duban.reporting.models import Obligation

    print(f"database: {connection.vendor}")
    plans = []
    for k, path in enumerate(sorted(SEEDS.glob("*"))):
        start = time.perf_counter()
        draft = import_notice(path.read_bytes(), path.name, f"样例政府{k}")
        imported = time.perf_counter() - start
        plan = confirm(draft, create_missing=True)
        total = time.perf_counter() - start
        plans.append(plan)
        print(
            f"import {path.name}: {plan.tasks.count()} tasks, import {imported * 1000:.0f} ms,"
            f" import+confirm {total * 1000:.0f} ms"
        )
    if not plans:
        print("no samples found beside the repository; nothing to measure")
        return
    plan = max(plans, key=lambda p: p.tasks.count())
    lead = Assignment.objects.filter(task__plan=plan, role="lead").exclude(unit=None).first()
    admin = User.objects.create(username="bench-admin", role="office-admin")
    clerk = User.objects.create(
        username="bench-unit", role="unit-user", unit=lead.unit, government=plan.government
    )
    task = plan.tasks.first()
    pages = [
        ("plan overview", f"/plans/{plan.pk}/"),
        ("task list", f"/plans/{plan.pk}/tasks/"),
        ("task list, unit filter", f"/plans/{plan.pk}/tasks/?unit={lead.unit_id}&role=lead"),
        ("task list, search", f"/plans/{plan.pk}/tasks/?q=建设"),
        ("task detail", f"/tasks/{task.pk}/"),
        ("unit page", f"/directory/units/{lead.unit_id}/"),
        ("unit list, pinyin", "/directory/units/?q=fgw"),
        ("API task list (50)", f"/api/plans/{plan.pk}/tasks?limit=50"),
        ("API units search", "/api/units?q=fgw"),
        ("reporting obligations", "/reporting/?show=all"),
        ("office review queue", "/reporting/review/"),
        ("plan dashboard", f"/dashboards/plan/{plan.pk}/"),
        ("assessment", f"/bulletins/assessment/?plan={plan.pk}"),
        ("export ledger .xlsx", f"/reporting/plans/{plan.pk}/export/ledger/"),
        ("export plan .docx", f"/reporting/plans/{plan.pk}/export/plan/"),
        ("API obligations (50)", "/api/obligations?limit=50"),
    ]
    for who, user in (("office admin", admin), ("unit user", clerk)):
        client = Client(headers={"Authorization": f"Bearer {ApiToken.issue(user)}"})
        client.force_login(user)
        print(f"\n{who} ({Plan.objects.restrict(user).count()} plans visible)")
        for label, url in [*pages, ("my unit", "/my/unit/")]:
            times, queries, status = [], 0, None
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - start)
                queries, status = len(captured), response.status_code
            median = statistics.median(times) * 1000
            print(f"  {label:<24} {status}  {median:7.1f} ms  {queries:3d} queries")
    remind(clock, Obligation, User, plan)


def remind(clock, Obligation, User, plan) -> None:
    """One `duban remind` pass, on the day before the first quarter's reports are due."""
    import datetime as dt

    from duban.reporting.remind import remind_once

    for unit_id in Obligation.objects.values_list("unit", flat=True).distinct():
        User.objects.get_or_create(
            username=f"bench-unit-{unit_id}", defaults={"role": "unit-user", "unit_id": unit_id}
        )
    day = dt.date(plan.year, 3, 24)
    with clock.frozen_at(day):
        start = time.perf_counter()
        summary = remind_once(day)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = remind_once(day)
        second = time.perf_counter() - start
    print(
        f"\nremind over {Obligation.objects.count()} obligations on {day}: "
        f"{first * 1000:.0f} ms ({summary.line()}); "
        f"second run {second * 1000:.0f} ms ({again.line()})"
    )


if __name__ == "__main__":
    sys.exit(main())

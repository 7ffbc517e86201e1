"""Query counts of the main pages do not grow with the data: the same pages
over a small and a three-times-larger demo run the same number of SQL queries,
and that number is held to a baseline (query counts are deterministic, so a
change in them is a change someone made)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from duban.accounts.models import ApiToken, User
from duban.demo.build import build
from duban.demo.pages import main_pages
from duban.demo.scales import Scale
from duban.ledger.models import Assignment, Plan

SMALL = Scale(cities=0, counties=1, tasks=40, support=3, unit_users=2, attachment_every=5)
LARGE = Scale(cities=0, counties=1, tasks=120, support=6, unit_users=4, attachment_every=5)
PEOPLE = ("office", "lead leader", "lead unit user")

# Queries per page and person; update deliberately when a page changes.
BASELINE: dict[str, dict[str, int]] = {
    "office": {
        "plan list": 5,
        "plan overview": 8,
        "task list": 10,
        "task list, unit filter": 12,
        "task list, search": 10,
        "task detail": 18,
        "unit page": 14,
        "unit list, pinyin": 5,
        "my unit": 2,
        "obligations": 3,
        "obligations, whole year": 3,
        "office review queue": 7,
        "plan dashboard": 7,
        "cockpit": 3,
        "assessment": 21,
        "export ledger .xlsx": 8,
        "API task list (50)": 7,
        "API units search": 8,
        "API obligations (50)": 6,
    },
    "lead leader": {
        "plan list": 6,
        "plan overview": 9,
        "task list": 11,
        "task list, unit filter": 13,
        "task list, search": 11,
        "task detail": 17,
        "unit page": 14,
        "unit list, pinyin": 6,
        "my unit": 2,
        "obligations": 3,
        "obligations, whole year": 3,
        "office review queue": 3,
        "plan dashboard": 2,
        "cockpit": 9,
        "assessment": 3,
        "export ledger .xlsx": 5,
        "API task list (50)": 8,
        "API units search": 9,
        "API obligations (50)": 6,
    },
    "lead unit user": {
        "plan list": 7,
        "plan overview": 10,
        "task list": 12,
        "task list, unit filter": 14,
        "task list, search": 12,
        "task detail": 27,
        "unit page": 16,
        "unit list, pinyin": 6,
        "my unit": 12,
        "obligations": 8,
        "obligations, whole year": 8,
        "office review queue": 4,
        "plan dashboard": 4,
        "cockpit": 4,
        "assessment": 4,
        "export ledger .xlsx": 5,
        "API task list (50)": 9,
        "API units search": 9,
        "API obligations (50)": 9,
    },
}


class Rollback(Exception):
    pass


def counts(scale: Scale) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {}
    with pytest.raises(Rollback), transaction.atomic():
        build(scale, seed=11, as_of=dt.date(2026, 11, 20))
        plan = Plan.objects.get()
        # The unit that leads the most tasks, and its first: lists and lights are not empty.
        leads = Assignment.objects.filter(task__plan=plan, role="lead").order_by("task__position")
        busiest = Counter(leads.values_list("unit", flat=True)).most_common(1)[0][0]
        lead = leads.filter(unit=busiest).first()
        leader = Assignment.objects.get(task=lead.task_id, role="leader").person
        users = (
            User.objects.get(username="g1-office1"),
            User.objects.get(person=leader),
            User.objects.filter(unit=lead.unit, role="unit-user").order_by("username")[0],
        )
        pages = main_pages(plan.pk, lead.unit_id, lead.task_id)
        for label, user in zip(PEOPLE, users, strict=True):
            client = Client(headers={"Authorization": f"Bearer {ApiToken.issue(user)}"})
            client.force_login(user)
            result[label] = {}
            for page, url in pages:
                client.get(url)  # warm: the first request may fill per-process caches
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url)
                assert response.status_code < 500, (label, page, response.status_code)
                sql = [q["sql"] for q in captured]
                lazy = sum(1 for q in sql if 'FROM "reporting_holiday"' in q)
                # A holiday snapshot is read only when a light needs working days: whether
                # it is depends on the data, how often (at most twice) does not.
                assert lazy <= 2, (label, page, "holiday table read more than twice")
                result[label][page] = len(sql) - lazy
        raise Rollback
    return result


def test_query_counts_do_not_grow_with_the_data_and_match_the_baseline(db):
    small, large = counts(SMALL), counts(LARGE)
    grown = {
        (who, page): (small[who][page], large[who][page])
        for who in small
        for page in small[who]
        if small[who][page] != large[who][page]
    }
    assert not grown, f"query counts grow with the data: {grown}"
    assert small == BASELINE

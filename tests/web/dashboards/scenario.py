"""The persona world on 10 April 2022 with a first quarter of reports behind it.

Obligations due so far (each month's 25th, or the next working day):
  January   town's input on task 1 submitted on the 20th (in time);
            fgw's input on task 2 submitted on the 28th (late)          → 1 of 2
  February  nothing filed                                               → 0 of 2
  March     town's input on task 1 submitted through the API on the 20th;
            fgw's Q1 report on task 1 signed on the 24th (in time);
            czj's Q1 report on task 2 submitted, never signed;
            jyj's Q1 report on task 3 signed on the 28th (late);
            fgw's March input on task 2 left a draft                    → 2 of 5
Tasks: 1 is past its due date (31 March, 逾期), 2 reported behind (滞后),
3 closed (已办结) with 2 of its 3 kindergartens built (67 %).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from duban import clock
from duban.ledger.models import Task
from duban.reporting.models import Report
from web.personas import World
from web.reporting.flowkit import As, monthly, obligation

TODAY = dt.date(2022, 4, 10)


def at(day: int, month: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2022, month, day, 10, 0))


def filed(ob, state: str, submitted: dt.datetime, approved: dt.datetime | None = None) -> Report:
    return Report.objects.create(
        obligation=ob,
        state=state,
        progress="按计划推进",
        submitted_at=submitted,
        approved_at=approved,
    )


def prepare(world: World) -> None:
    filed(monthly(world, "town", 0, 1), "submitted", at(20, 1))
    filed(monthly(world, "fgw", 1, 1), "submitted", at(28, 1))
    with clock.frozen_at(dt.date(2022, 3, 20)):
        town = As(world, "town")
        march = monthly(world, "town", 0, 3)
        draft = town.ok("post", f"/api/obligations/{march.pk}/draft", {"progress": "完成资料收集"})
        town.ok("post", f"/api/reports/{draft['id']}/submit", {"idempotency_key": "march"})
    filed(obligation(world, "fgw", 0, "2022-Q1"), "approved", at(22, 3), at(24, 3))
    filed(obligation(world, "czj", 1, "2022-Q1"), "submitted", at(24, 3))
    filed(obligation(world, "jyj", 2, "2022-Q1"), "accepted", at(27, 3), at(28, 3))
    Report.objects.create(obligation=monthly(world, "fgw", 1, 3), state="draft")
    Task.objects.filter(pk=world.tasks[0].pk).update(due=dt.date(2022, 3, 31))
    Task.objects.filter(pk=world.tasks[1].pk).update(progress_status="behind")
    Task.objects.filter(pk=world.tasks[2].pk).update(state="closed", actuals=[2])

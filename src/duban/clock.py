"""The system's clock: the one place that reads "now".

Deadlines, lights and reminders all depend on today's date; reading it here,
never from `datetime.now()` directly, lets tests (and `duban remind --today`)
set the date and get the same answer on any day.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    return timezone.localtime(now()).date()


def set_now(at: dt.datetime | dt.date | None) -> None:
    """Freeze the clock at `at` (a date means 09:00 local time that day); None unfreezes."""
    global _frozen
    if isinstance(at, dt.date) and not isinstance(at, dt.datetime):
        at = dt.datetime.combine(at, dt.time(9, 0))
    if at is not None and timezone.is_naive(at):
        at = timezone.make_aware(at)
    _frozen = at


@contextmanager
def frozen_at(at: dt.datetime | dt.date):
    previous = _frozen
    set_now(at)
    try:
        yield
    finally:
        set_now(previous)

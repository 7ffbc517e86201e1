"""The system's clock: the one place that reads "now".

Deadlines, lights and reminders all depend on today's date; reading it here,
never from `datetime.now()` directly, lets tests (and `duban remind --today`)
set the date and get the same answer on any day.

DUBAN_TODAY=2026-11-24 in the environment makes a running server live on that
day, its clock still ticking through the hours: for demos and load tests of a
demo's deadline day only (benchmarks/load.py), never for real work.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

_frozen: dt.datetime | None = None


def day_from_env() -> dt.date | None:
    """The date DUBAN_TODAY names, or None when it is unset or empty."""
    raw = os.environ.get("DUBAN_TODAY", "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"DUBAN_TODAY must be a date like 2026-11-24, not {raw!r}"
        ) from None


_day: dt.date | None = day_from_env()


def now() -> dt.datetime:
    if _frozen is not None:
        return _frozen
    current = timezone.now()
    if _day is None:
        return current
    return dt.datetime.combine(_day, timezone.localtime(current).timetz())


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


def set_today(day: dt.date | None) -> None:
    """Live on `day` with the time of day still running (what DUBAN_TODAY sets
    at start); None goes back to the real date. A frozen clock still wins."""
    global _day
    _day = day


@contextmanager
def frozen_at(at: dt.datetime | dt.date):
    previous = _frozen
    set_now(at)
    try:
        yield
    finally:
        set_now(previous)

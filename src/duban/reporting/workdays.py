"""Working days: weekends, official holidays and 调休 from the editable Holiday table.

Due dates that fall on a day off move to the next working day (遇节假日顺延);
reminders count working days. The table is seeded from chinese-calendar for
the years it knows (see the migration); later years are entered by the office.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from duban.reporting.models import Holiday


class Workdays:
    """A snapshot of the holiday table for fast repeated questions (one query)."""

    def __init__(self):
        self.special = dict(Holiday.objects.values_list("date", "is_workday"))

    def is_workday(self, day: dt.date) -> bool:
        if day in self.special:
            return self.special[day]
        return day.weekday() < 5

    def on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (negative if end < start)."""
        sign = 1 if end >= start else -1
        low, high = sorted((start, end))
        count = sum(
            self.is_workday(low + dt.timedelta(days=k)) for k in range(1, (high - low).days + 1)
        )
        return sign * count


@lru_cache(maxsize=1)
def seed_rows(first_year: int = 2020, last_year: int = 2026) -> list[tuple[dt.date, bool, str]]:
    """(date, is_workday, name) for every official holiday and 调休 working day
    chinese-calendar knows in the years given."""
    import chinese_calendar

    rows = []
    for day, name in chinese_calendar.holidays.items():
        if first_year <= day.year <= last_year:
            rows.append((day, False, _zh(name)))
    for day in chinese_calendar.workdays:
        if first_year <= day.year <= last_year and day.weekday() >= 5:
            rows.append((day, True, "调休上班"))
    return sorted(rows)


_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def _zh(name: str) -> str:
    return _NAMES.get(name, name)

"""Reporting periods of a year: months, quarters, fixed dates, each with its label."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

_QUARTERS = "一二三四"
_FIXED_LABELS = {"06-30": "上半年", "09-30": "前三季度", "12-31": "全年"}


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: dt.date
    end: dt.date


def month(year: int, m: int) -> Period:
    last = calendar.monthrange(year, m)[1]
    return Period(f"{year}-{m:02d}", f"{year}年{m}月", dt.date(year, m, 1), dt.date(year, m, last))


def quarter(year: int, q: int) -> Period:
    first = 3 * q - 2
    last_month = 3 * q
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Period(f"{year}-Q{q}", f"{year}年第{_QUARTERS[q - 1]}季度", dt.date(year, first, 1), end)


def fixed(year: int, month_day: str, previous: dt.date | None) -> Period:
    """A report as of a fixed date ("06-30"), covering the time since the previous one."""
    m, d = (int(x) for x in month_day.split("-"))
    end = dt.date(year, m, d)
    start = previous + dt.timedelta(days=1) if previous else dt.date(year, 1, 1)
    label = _FIXED_LABELS.get(month_day, f"{m}月{d}日")
    return Period(f"{year}-{month_day}", f"{year}年{label}", start, end)


def day_in_month(year: int, m: int, day: int) -> dt.date:
    """Day `day` of the month, or its last day in a shorter month (31 → 2-28)."""
    return dt.date(year, m, min(day, calendar.monthrange(year, m)[1]))


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1

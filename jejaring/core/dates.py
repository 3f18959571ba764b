"""Calendar arithmetic shared by every area, with no Django in it."""

from __future__ import annotations

import calendar
from collections.abc import Collection
from datetime import date, timedelta


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on `day` (a birthday on 29 February counts on 1 March in
    other years)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months; a day past the end of the target month
    becomes its last day (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def full_months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (negative when `end` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def months_needed(start: date, end: date) -> int:
    """The smallest number of calendar months within which `end` falls after `start`
    (0 when `end` is not after `start`): a part-month counts as a month, so 15 January to
    15 March is 2 and 15 January to 16 March is 3."""
    months = full_months_between(start, end)
    if months < 0:
        return 0
    return months if end.day == start.day else months + 1


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """The date `days` working days after `start` (`start` itself not counted), skipping
    weekends and `holidays`. Zero days is `start`."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day

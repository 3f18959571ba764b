"""Calendar arithmetic shared by every area, with no Django in it."""

from __future__ import annotations

from datetime import date


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on `day` (a birthday on 29 February counts on 1 March in
    other years)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))

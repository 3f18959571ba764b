"""Working days in a region: weekends, national holidays and the region's own."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from jejaring.core import dates
from jejaring.regions.models import Holiday, Region


def holidays_between(*, region_id: int, start: date, end: date) -> frozenset[date]:
    """National (region-less) and the region's own holidays from `start` to `end`."""
    return frozenset(
        Holiday.objects.filter(
            Q(region__isnull=True) | Q(region_id=region_id), date__gte=start, date__lte=end
        ).values_list("date", flat=True)
    )


def add_working_days(start: date, days: int, *, region_id: int) -> date:
    """The date `days` working days after `start` in the region."""
    # A generous window covers long holiday breaks (Lebaran) in one query.
    holidays = holidays_between(
        region_id=region_id, start=start, end=start + timedelta(days=days * 2 + 30)
    )
    return dates.add_working_days(start, days, holidays)


def today_in(region: Region | None) -> date:
    """Today's date where the region's office is (WIB, WITA or WIT): the date that
    guards on order and time compare with (a session held "today" in Jayapura may still
    be "tomorrow" on a server clock in Jakarta)."""
    if region is None or not region.timezone:
        return timezone.localdate()
    return timezone.localdate(timezone=ZoneInfo(region.timezone))

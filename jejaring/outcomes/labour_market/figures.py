"""The counts of the monthly IPK report, set-based: one grouped query over the job-seeker
cards (with their holders) and one over the vacancies per time zone of the regions asked
for (one, unless a roll-up crosses WIB, WITA and WIT), whatever the number of records.
Each query counts every flow at once with conditional aggregates, grouped by the
dimensions of the tables; Python only adds the few hundred groups into the margins.

The definitions (docs/ipk.md, and the report's definitions page):

Job seekers are AK/1 cards issued by the regions' offices. A card is **on the register**
from its issue date; it **leaves** it on the day it is closed — as hired (a placement) or
otherwise (removed) — when that day is within its validity, else on the day after its
last valid day (removed: its validity lapsed; a closure after a lapse is not counted
again). A renewed card is counted as never having lapsed (the report reads the cards as
they are now). For a month:

- carried over: issued before the 1st and not yet gone on the 1st;
- registered: issued in the month (a card issued and closed in one month is counted in
  both);
- placed: left the register in the month by a closure as hired;
- removed: left it in the month otherwise (closed for another reason, or lapsed);
- remaining: issued by the last day and not gone by the end of it;
  so that remaining = carried + registered − placed − removed, in every cell.

Vacancies are counted in **openings** (positions), the number the company reported. A
vacancy is on the register from its publication by the office to its end (filled, closed
or expired — the daily expiry marks a vacancy expired the day after its closing date); its
openings leave the register when it ends: the openings recorded filled are **filled**
(dipenuhi), the rest are **removed** (dihapus). Timestamps are read in the region's own
time zone.

Placements are the job seekers placed, broken down by sex, education on the card, age on
the last day of the month (terms.AGE_BANDS) and the KBJI major group of the occupation
the card was made for (the job wanted; none when the card has no KBJI code)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from jejaring.jobseekers.models import CardStatus, JobSeekerCard
from jejaring.outcomes.labour_market.terms import (
    AGE_BANDS,
    ALL,
    FLOWS,
    NO_GROUP,
    NO_REQUIREMENT,
    SEEKERS,
    SEXES,
    VACANCIES,
    Key,
    Month,
    years_before,
)
from jejaring.regions.models import Region
from jejaring.trainees.models import Education
from jejaring.vacancies import kbji
from jejaring.vacancies.models import Vacancy


@dataclass
class Figures:
    """Every count of one month's report, by `Key` (margins included), for the regions."""

    month: Month
    region_ids: frozenset[int]
    values: dict[Key, int] = field(default_factory=dict)

    def get(self, key: Key) -> int:
        return self.values.get(key, 0)


def occupation_groups() -> list[str]:
    """The KBJI major groups, in code order."""
    return [occupation.code for occupation in kbji.major_groups()]


def education_levels() -> list[str]:
    return [level.value for level in Education]


def empty_values() -> dict[Key, int]:
    """Every key the tables read, at zero, in the order the tables show them (the order
    decides ties when cells are withheld)."""
    values: dict[Key, int] = {}
    seeker_groups = [*occupation_groups(), NO_GROUP]
    for flow in FLOWS:
        for education in [*education_levels(), ALL]:
            for sex in [*SEXES, ALL]:
                values[Key(SEEKERS, flow, education=education, sex=sex)] = 0
        for group in seeker_groups:
            values[Key(SEEKERS, flow, group=group)] = 0
        for education in [NO_REQUIREMENT, *education_levels(), ALL]:
            values[Key(VACANCIES, flow, education=education)] = 0
        for group in occupation_groups():
            values[Key(VACANCIES, flow, group=group)] = 0
    for band, _low, _high in AGE_BANDS:
        for sex in [*SEXES, ALL]:
            values[Key(SEEKERS, "placed", sex=sex, band=band)] = 0
    return values


def _age_bands(month: Month) -> dict[str, Q]:
    """Each age band on the month's last day as a condition on the holder's birth date: the
    age is at least N exactly when the birth date is on or before the day N years earlier."""
    bands = {}
    for label, low, high in AGE_BANDS:
        condition = Q()
        if low is not None:
            condition &= Q(person__birth_date__lte=years_before(month.last, low))
        if high is not None:
            condition &= Q(person__birth_date__gt=years_before(month.last, high + 1))
        bands[label] = condition
    return bands


def seeker_counts(*, region_ids: Iterable[int], month: Month) -> list[dict[str, object]]:
    """One row per (education, sex, occupation group) with the five flows, and the placed
    in each age band (`placed:<band>`). The bands are counted, not grouped by: the groups
    stay few, which lets PostgreSQL aggregate them in a hash rather than sort the cards."""
    first, last = month.first, month.last
    before_first, before_last = first - timedelta(days=1), last - timedelta(days=1)
    ended = (CardStatus.HIRED, CardStatus.CLOSED)
    # How the card leaves the register: its closure when within validity, else its lapse.
    closure = Q(status__in=ended, closed_on__isnull=False, closed_on__lte=F("valid_until"))
    lapse = Q(status__in=(CardStatus.ACTIVE, CardStatus.EXPIRED)) | Q(
        Q(closed_on__isnull=True) | Q(closed_on__gt=F("valid_until")), status__in=ended
    )
    closed_in_month = closure & Q(closed_on__gte=first, closed_on__lte=last)
    flows = {
        "carried": Q(issued_on__lt=first)
        & ((closure & Q(closed_on__gte=first)) | (lapse & Q(valid_until__gte=before_first))),
        "registered": Q(issued_on__gte=first),
        "placed": closed_in_month & Q(status=CardStatus.HIRED),
        "removed": (closed_in_month & Q(status=CardStatus.CLOSED))
        | (lapse & Q(valid_until__gte=before_first, valid_until__lte=before_last)),
        "remaining": (closure & Q(closed_on__gt=last)) | (lapse & Q(valid_until__gte=last)),
    }
    return list(
        JobSeekerCard.objects.filter(
            region_id__in=list(region_ids),
            status__in=(*ended, CardStatus.ACTIVE, CardStatus.EXPIRED),
            issued_on__isnull=False,
            issued_on__lte=last,
            # Every card that is on the register on some day of the month, and a few
            # closed earlier in their validity (counted in no flow).
            valid_until__gte=before_first,
        )
        .values(
            "education",
            sex=F("person__sex"),
            group=Substr("occupation_code", 1, 1),
        )
        .annotate(
            **{flow: Count("pk", filter=condition) for flow, condition in flows.items()},
            **{
                f"placed:{band}": Count("pk", filter=flows["placed"] & condition)
                for band, condition in _age_bands(month).items()
            },
        )
        .order_by()
    )


def vacancy_counts(
    *, region_ids: Iterable[int], month: Month, zone: ZoneInfo
) -> list[dict[str, object]]:
    """One row per (education asked, KBJI major group) with the five flows, in openings."""
    start = datetime.combine(month.first, time.min, tzinfo=zone)
    end = datetime.combine(month.next_first, time.min, tzinfo=zone)
    on_at_start = Q(published_at__lt=start) & (Q(ended_at__isnull=True) | Q(ended_at__gte=start))
    ended_in_month = Q(ended_at__gte=start, ended_at__lt=end)
    return list(
        Vacancy.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gte=start),
            region_id__in=list(region_ids),
            published_at__isnull=False,
            published_at__lt=end,
        )
        .values(education=F("min_education"), group=F("occupation_group"))
        .annotate(
            carried=Sum("openings", filter=on_at_start, default=0),
            registered=Sum("openings", filter=Q(published_at__gte=start), default=0),
            placed=Sum("filled", filter=ended_in_month, default=0),
            removed=Sum(F("openings") - F("filled"), filter=ended_in_month, default=0),
            remaining=Sum(
                "openings", filter=Q(ended_at__isnull=True) | Q(ended_at__gte=end), default=0
            ),
        )
        .order_by()
    )


def _zones(region_ids: Iterable[int]) -> dict[str, list[int]]:
    zones: dict[str, list[int]] = defaultdict(list)
    for pk, zone in Region.objects.filter(pk__in=list(region_ids)).values_list("pk", "timezone"):
        zones[zone or settings.TIME_ZONE].append(pk)
    return zones


def monthly_figures(*, region_ids: Iterable[int], month: Month) -> Figures:
    """The month's report over these regions (the caller decides which the actor may
    read): every count and margin the tables show."""
    ids = frozenset(region_ids)
    values = empty_values()

    def add(key: Key, count: object) -> None:
        values[key] = values.get(key, 0) + int(count or 0)  # type: ignore[call-overload]

    groups = frozenset(occupation_groups())
    for row in seeker_counts(region_ids=ids, month=month):
        education, sex = str(row["education"]), str(row["sex"])
        group = str(row["group"]) if row["group"] in groups else NO_GROUP
        for flow in FLOWS:
            count = row[flow]
            if not count:
                continue
            for e in (education, ALL):
                for s in (sex, ALL):
                    add(Key(SEEKERS, flow, education=e, sex=s), count)
            add(Key(SEEKERS, flow, group=group), count)
        if row["placed"]:
            for band, _low, _high in AGE_BANDS:
                for s in (sex, ALL):
                    add(Key(SEEKERS, "placed", sex=s, band=band), row[f"placed:{band}"])
    for zone, zone_ids in _zones(ids).items():
        for row in vacancy_counts(region_ids=zone_ids, month=month, zone=ZoneInfo(zone)):
            education = str(row["education"] or NO_REQUIREMENT)
            for flow in FLOWS:
                count = row[flow]
                if not count:
                    continue
                for e in (education, ALL):
                    add(Key(VACANCIES, flow, education=e), count)
                add(Key(VACANCIES, flow, group=str(row["group"])), count)
    return Figures(month=month, region_ids=ids, values=values)

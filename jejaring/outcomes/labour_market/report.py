"""Reads of the IPK report, scoped by actor: office staff read their own regions exactly;
viewers read the regions granted to them — one, a province's, or all of them rolled up —
with small counts withheld (as the outcome indicators); the public reads a region's
completed months, protected the same way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from jejaring.core import versions
from jejaring.core.errors import NotFound
from jejaring.core.scope import scope_of
from jejaring.outcomes.labour_market.figures import Figures, monthly_figures
from jejaring.outcomes.labour_market.tables import Tables, withheld_keys
from jejaring.outcomes.labour_market.terms import Month
from jejaring.outcomes.selectors import indicator_regions_for, record_regions_for
from jejaring.regions.models import Region
from jejaring.regions.selectors import office_region_by_slug

#: Whatever changes a figure: cards (people), vacancies (employers), referrals.
TOPICS = (versions.PEOPLE, versions.EMPLOYERS, versions.PLACEMENT)
ALL_AREAS = "semua"
PROVINCE_PREFIX = "prov-"


@dataclass(frozen=True)
class Area:
    """What a report covers: one region, a province's regions, or all the actor may read."""

    value: str
    label: str
    region_ids: frozenset[int]
    region: Region | None = None


@dataclass(frozen=True)
class Report:
    month: Month
    area: Area
    tables: Tables
    as_of: datetime

    @property
    def protected(self) -> bool:
        return self.tables.protected


def areas_for(*, actor: Any) -> list[Area]:
    """The areas the actor may choose: each region, each province with more than one of
    them, and everything together when they span provinces."""
    regions = list(indicator_regions_for(actor=actor).order_by("province_code", "name"))
    areas = [
        Area(str(region.pk), region.name, frozenset({region.pk}), region) for region in regions
    ]
    provinces: dict[str, list[Region]] = {}
    for region in regions:
        provinces.setdefault(region.province_code, []).append(region)
    for code, members in provinces.items():
        if len(members) > 1:
            areas.append(
                Area(
                    PROVINCE_PREFIX + code,
                    _("Provinsi %(province)s (%(count)d kabupaten/kota)")
                    % {"province": members[0].province_name, "count": len(members)},
                    frozenset(region.pk for region in members),
                )
            )
    if len(provinces) > 1:
        areas.append(
            Area(
                ALL_AREAS,
                _("Nasional: semua %(count)d kabupaten/kota") % {"count": len(regions)},
                frozenset(region.pk for region in regions),
            )
        )
    return areas


def area_for(*, actor: Any, value: str = "") -> Area:
    """The chosen area (NotFound for one the actor may not read); by default the office
    region of office staff, else the widest roll-up."""
    areas = areas_for(actor=actor)
    if not areas:
        raise NotFound(_("Wilayah tidak ditemukan."))
    if value:
        for area in areas:
            if area.value == value:
                return area
        raise NotFound(_("Wilayah tidak ditemukan."))
    office = scope_of(actor).office_region_ids
    for area in areas:
        if area.region is not None and area.region.pk in office:
            return area
    return areas[-1]


def _tables(region_ids: Iterable[int], month: Month, protect: bool) -> Tables:
    figures = monthly_figures(region_ids=region_ids, month=month)
    if not protect:
        return Tables(figures)
    withheld = withheld_keys(figures)
    # What is cached is what is shown: the withheld counts are not kept.
    shown = Figures(
        month=figures.month,
        region_ids=figures.region_ids,
        values={key: value for key, value in figures.values.items() if key not in withheld},
    )
    return Tables(shown, withheld)


def _report(area: Area, month: Month, protect: bool) -> Report:
    cached = versions.cached(
        ("outcomes.ipk", str(month), sorted(area.region_ids), protect),
        lambda: _tables(area.region_ids, month, protect),
        region_ids=area.region_ids,
        topics=TOPICS,
    )
    return Report(month=month, area=area, tables=cached.value, as_of=cached.as_of)


def ipk_report_for(*, actor: Any, month: Month, area: Area) -> Report:
    """The month's report over the area (from `area_for`): exact only when every region
    in it is one whose records the actor may open."""
    protect = not area.region_ids <= record_regions_for(actor=actor)
    return _report(area, month, protect)


def public_ipk_report(*, region: Region, month: Month) -> Report:
    """A region's month for everyone: protected."""
    area = Area(str(region.pk), region.name, frozenset({region.pk}), region)
    return _report(area, month, protect=True)


def public_region_get(*, slug: str) -> Region:
    """An active kota/kabupaten by its slug: every office's monthly IPK summary is public."""
    region = office_region_by_slug(slug)
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    return region


def latest_complete_month(today: date) -> Month:
    return Month.of(today).previous()

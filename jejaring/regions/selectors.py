"""Reads of regions: the ones an actor works in, and the ones they may see aggregates of."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jejaring.core.scope import scope_of
from jejaring.regions.models import Region


def region_list_for(*, actor: Any) -> QuerySet[Region]:
    """Regions where the actor has record-level access."""
    return Region.objects.for_actor(actor)


def sole_office_region_for(*, actor: Any) -> Region | None:
    """The one region where the actor is office staff, or None when there is none or
    more than one (then a new record's region would be a guess)."""
    region_ids = scope_of(actor).office_region_ids
    if len(region_ids) != 1:
        return None
    return Region.objects.filter(pk=next(iter(region_ids))).first()


def home_region_for(*, actor: Any) -> Region | None:
    """The region shown in the header: the actor's first working region, if any.
    Cached on the actor for the request."""
    if hasattr(actor, "_jejaring_home_region"):
        cached: Region | None = actor._jejaring_home_region
        return cached
    region = region_list_for(actor=actor).order_by("name").first() if actor else None
    if actor is not None:
        actor._jejaring_home_region = region
    return region


def aggregate_regions_for(*, actor: Any) -> QuerySet[Region]:
    """Regions whose aggregate figures the actor may read: where they are office staff,
    and every region granted to them as a provincial or national viewer. Never records."""
    scope = scope_of(actor)
    if scope.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(pk__in=scope.office_region_ids | scope.viewer_region_ids)


def office_regions() -> QuerySet[Region]:
    """Every active kota/kabupaten office (not a province): the offices anyone may be
    sent to or read the public pages of."""
    return Region.objects.filter(is_active=True).exclude(kind=Region.Kind.PROVINCE)


def office_region_by_slug(slug: str) -> Region | None:
    """An active kota/kabupaten office by its slug, or None."""
    return office_regions().filter(slug=slug).first()

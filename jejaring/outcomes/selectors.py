"""Reads of the tracer and of the indicators, scoped to what the actor may see.

Office staff read the records of their region; operators the follow-ups of their own
institution; provincial and national viewers only aggregates of the regions granted to
them (`indicator_regions_for`); the public only published statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import NotFound
from jejaring.outcomes.indicators import Definition, Filters
from jejaring.outcomes.maths import Fraction
from jejaring.outcomes.models import (
    FollowUp,
    FollowUpAnswer,
    IndicatorDefinition,
    PublishedStatistics,
)
from jejaring.regions.models import Region
from jejaring.training.models import Enrolment

#: The follow-up list's order, unique, for keyset pages (index follow_up_region_due_id).
FOLLOW_UP_LIST_ORDER = ("due_on", "id")


def follow_up_list_for(
    *,
    actor: Any,
    due_by: date | None = None,
    unanswered_only: bool = False,
    months_after: int | None = None,
    institution_id: int | None = None,
    query: str = "",
) -> QuerySet[FollowUp]:
    """Follow-up points the actor may see, with `answered` and the current answer."""
    qs = FollowUp.objects.for_actor(actor)
    if due_by is not None:
        qs = qs.filter(due_on__lte=due_by)
    if unanswered_only:
        qs = qs.filter(answered=False)
    if months_after:
        qs = qs.filter(months_after=months_after)
    if institution_id:
        qs = qs.filter(institution_id=institution_id)
    query = query.strip()
    if query:
        qs = qs.filter(Q(person__full_name__icontains=query) | Q(enrolment__batch__code=query))
    return qs.select_related("person", "enrolment__batch__program", "institution").order_by(
        *FOLLOW_UP_LIST_ORDER
    )


def follow_up_get_for(*, actor: Any, follow_up_id: int) -> FollowUp:
    follow_up = (
        FollowUp.objects.for_actor(actor)
        .select_related("person", "region", "enrolment__batch__program", "institution")
        .filter(pk=follow_up_id)
        .first()
    )
    if follow_up is None:
        raise NotFound(_("Penelusuran tidak ditemukan."))
    return follow_up


def follow_up_answers(*, follow_up: FollowUp) -> QuerySet[FollowUpAnswer]:
    """The history of one point, newest first (the caller has already been scoped)."""
    return follow_up.answers.select_related("company", "recorded_by").order_by(
        "-recorded_at", "-pk"
    )


@dataclass(frozen=True)
class ResponseRate:
    due: Fraction
    by_point: list[tuple[int, Fraction]]


def response_rate_for(*, actor: Any, today: date) -> ResponseRate:
    """Of the follow-up points already due, how many have an answer — overall and per
    point (3, 6, 12 months …), in one query."""
    rows = (
        FollowUp.objects.for_actor(actor)
        .filter(due_on__lte=today)
        .values("months_after")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(answered=True)))
        .order_by("months_after")
    )
    by_point = [(row["months_after"], Fraction(row["done"], row["total"])) for row in rows]
    total = Fraction(0, 0)
    for _point, fraction in by_point:
        total = total + fraction
    return ResponseRate(due=total, by_point=by_point)


def own_follow_ups(*, actor: Any) -> QuerySet[FollowUp]:
    scope = scope_of(actor)
    if scope.person_id is None:
        return FollowUp.objects.none()
    return follow_up_list_for(actor=actor).filter(person_id=scope.person_id)


def indicator_regions_for(*, actor: Any) -> QuerySet[Region]:
    """Regions whose indicators the actor may read: office staff their own, viewers those
    granted to them."""
    scope = scope_of(actor)
    if scope.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(pk__in=scope.office_region_ids | scope.viewer_region_ids)


def record_regions_for(*, actor: Any) -> frozenset[int]:
    """Regions whose graduates the actor may list by name (drill-down): office staff only."""
    scope = scope_of(actor)
    if scope.is_superuser:
        return frozenset(Region.objects.values_list("pk", flat=True))
    return scope.office_region_ids


def exact_figures_for(*, actor: Any, filters: Filters) -> bool:
    """Whether the actor may read the exact counts of these filters: only when every
    region counted is one whose records they may open anyway (office staff of the region).
    Everyone else — provincial and national viewers, and office staff adding a region they
    only view — gets them with small counts withheld (`disclosure`)."""
    return filters.region_ids <= record_regions_for(actor=actor)


def definition_for(*, region: Region | None, definition_id: int | None = None) -> Definition:
    """The region's chosen (or default) definition; the built-in default when none."""
    qs = IndicatorDefinition.objects.filter(region=region) if region else None
    if qs is not None:
        chosen = qs.filter(pk=definition_id).first() if definition_id else None
        chosen = chosen or qs.filter(is_default=True).first()
        if chosen is not None:
            return Definition.from_model(chosen)
    return Definition()


def definition_list_for(*, actor: Any) -> QuerySet[IndicatorDefinition]:
    return IndicatorDefinition.objects.for_actor(actor).order_by("-is_default", "name")


def definition_get_for(*, actor: Any, definition_id: int) -> IndicatorDefinition:
    found = IndicatorDefinition.objects.for_actor(actor).filter(pk=definition_id).first()
    if found is None:
        raise NotFound(_("Definisi tidak ditemukan."))
    return found


def graduates_by_ids(*, actor: Any, ids: list[int]) -> list[Enrolment]:
    """The enrolments behind a figure, in the order given; only those the actor may see
    by name (office staff of the region), so a viewer never gets records."""
    regions = record_regions_for(actor=actor)
    found = {
        e.pk: e
        for e in Enrolment.objects.filter(pk__in=ids, region_id__in=regions).select_related(
            "person", "batch__program__vocation", "institution", "region"
        )
    }
    return [found[pk] for pk in ids if pk in found]


def published_for_region(*, region: Region) -> QuerySet[PublishedStatistics]:
    """What the office published on its public page, newest first per year."""
    return PublishedStatistics.objects.filter(region=region).order_by("-year", "-published_at")


def public_regions() -> QuerySet[Region]:
    return Region.objects.filter(
        Exists(PublishedStatistics.objects.filter(region=OuterRef("pk")))
    ).order_by("name")


def filters_for(*, actor: Any, region_ids: set[int] | None, **kwargs: Any) -> Filters:
    """Filters limited to the regions the actor may aggregate (never more)."""
    allowed = set(indicator_regions_for(actor=actor).values_list("pk", flat=True))
    chosen = allowed if not region_ids else allowed & set(region_ids)
    if not chosen:
        raise NotFound(_("Wilayah tidak ditemukan."))
    return Filters(region_ids=frozenset(chosen), **kwargs)


def company_choices(*, follow_up: FollowUp) -> list[tuple[int, str]]:
    """Companies of the follow-up's region, for recording where an alumnus works."""
    from jejaring.employers.models import Company

    return list(
        Company.objects.filter(region_id=follow_up.region_id)
        .order_by("name")
        .values_list("pk", "name")
    )


@dataclass(frozen=True)
class DashboardChoices:
    regions: list[tuple[int, str]]
    institutions: list[tuple[int, str]]
    vocations: list[tuple[int, str]]
    definitions: list[tuple[int, str]]


def dashboard_choices_for(*, actor: Any, home: Region | None) -> DashboardChoices:
    """The options of the dashboard's filters: regions the actor may aggregate, and for
    office staff their institutions and their region's definitions."""
    from jejaring.training.models import TrainingInstitution, Vocation

    regions = list(indicator_regions_for(actor=actor).order_by("name").values_list("pk", "name"))
    office = scope_of(actor).is_office
    institutions = (
        list(
            TrainingInstitution.objects.filter(region_id__in=[pk for pk, _name in regions])
            .order_by("name")
            .values_list("pk", "name")
        )
        if office
        else []
    )
    definitions = (
        list(definition_list_for(actor=actor).filter(region=home).values_list("pk", "name"))
        if office and home
        else []
    )
    vocations = list(Vocation.objects.order_by("name").values_list("pk", "name"))
    return DashboardChoices(regions, institutions, vocations, definitions)


def referrals_to_confirm_for(*, actor: Any) -> QuerySet[Any]:
    """Graduates referred to the actor's company who started work or were hired: the
    people company HR may confirm as employed."""
    from jejaring.placement.models import Referral

    return (
        Referral.objects.for_actor(actor)
        .filter(
            status__in=[
                Referral.Status.ACCEPTED,
                Referral.Status.STARTED,
                Referral.Status.COMPLETED,
                Referral.Status.HIRED,
            ]
        )
        .select_related("person", "formation", "company")
        .order_by("-referred_at", "pk")
    )


def referral_to_confirm_get(*, actor: Any, referral_id: int) -> Any:
    referral = referrals_to_confirm_for(actor=actor).filter(pk=referral_id).first()
    if referral is None:
        raise NotFound(_("Penyaluran tidak ditemukan."))
    return referral

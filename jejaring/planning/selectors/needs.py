"""Reads of industry needs, their vocation suggestions and options, and coordination meetings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.planning import matching
from jejaring.planning.models import CoordinationMeeting, IndustryNeed, VocationSynonym
from jejaring.training.models import Vocation


def need_list_for(
    *, actor: Any, mapping: str = "", vocation_id: int | None = None, year: int | None = None
) -> QuerySet[IndustryNeed]:
    qs = IndustryNeed.objects.for_actor(actor)
    if mapping in IndustryNeed.Mapping.values:
        qs = qs.filter(mapping=mapping)
    if vocation_id is not None:
        qs = qs.filter(vocation_id=vocation_id)
    if year is not None:
        qs = qs.annotate(need_year=_need_year()).filter(need_year=year)
    return qs.select_related("company", "partner", "vocation", "meeting").order_by(
        "-created_at", "-pk"
    )


def _need_year() -> Any:
    return Coalesce(ExtractYear("needed_by"), ExtractYear("created_at"))


def need_get_for(*, actor: Any, industry_need_id: int) -> IndustryNeed:
    need = (
        IndustryNeed.objects.for_actor(actor)
        .select_related("company", "partner", "vocation", "meeting", "region")
        .filter(pk=industry_need_id)
        .first()
    )
    if need is None:
        raise NotFound(_("Kebutuhan tidak ditemukan."))
    return need


@dataclass(frozen=True)
class VocationSuggestion:
    vocation: Vocation
    score: float
    phrase: str


def vocation_suggestions(*, text: str, limit: int = 5) -> list[VocationSuggestion]:
    """Vocations for a need's wording, best first, from the curated and learned phrases
    and the vocations' own names (two queries)."""
    vocations = {v.pk: v for v in Vocation.objects.filter(is_active=True)}
    phrases = [
        matching.Phrase(phrase, vocation_id, weight)
        for phrase, vocation_id, weight in VocationSynonym.objects.filter(
            vocation_id__in=vocations
        ).values_list("phrase", "vocation_id", "weight")
    ]
    phrases += [matching.Phrase(v.name, v.pk) for v in vocations.values()]
    return [
        VocationSuggestion(vocations[s.vocation_id], s.score, s.phrase)
        for s in matching.rank(text, phrases, limit=limit)
    ]


def vocation_options() -> QuerySet[Vocation]:
    return Vocation.objects.filter(is_active=True).order_by("name")


def company_options_for(*, actor: Any) -> QuerySet[Any]:
    from jejaring.employers.models import Company

    return Company.objects.for_actor(actor).order_by("name")


def partner_options_for(*, actor: Any) -> QuerySet[Any]:
    from jejaring.employers.models import NetworkPartner

    return NetworkPartner.objects.for_actor(actor).order_by("name")


def unit_options(*, vocation: Vocation | None) -> QuerySet[Any]:
    """Competency units of the vocation's programs and schemes, for mapping a need."""
    from jejaring.assessment.models import CompetencyUnit

    if vocation is None:
        return CompetencyUnit.objects.none()
    return (
        CompetencyUnit.objects.filter(
            Q(schemes__vocation=vocation) | Q(programs__vocation=vocation)
        )
        .distinct()
        .order_by("code")
    )


# ---------------------------------------------------------------- meetings


def meeting_list_for(*, actor: Any) -> QuerySet[CoordinationMeeting]:
    return (
        CoordinationMeeting.objects.for_actor(actor)
        .annotate(need_count=Count("needs"))
        .order_by("-held_on", "-pk")
    )


def meeting_get_for(*, actor: Any, coordination_meeting_id: int) -> CoordinationMeeting:
    meeting = (
        CoordinationMeeting.objects.for_actor(actor).filter(pk=coordination_meeting_id).first()
    )
    if meeting is None:
        raise NotFound(_("Rapat tidak ditemukan."))
    return meeting


def needs_by_vocation(rows: list[IndustryNeed]) -> dict[int | None, list[IndustryNeed]]:
    grouped: dict[int | None, list[IndustryNeed]] = defaultdict(list)
    for need in rows:
        grouped[need.vocation_id].append(need)
    return grouped

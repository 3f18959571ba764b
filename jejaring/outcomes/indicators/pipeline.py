"""Rates along the road from training to work, and the funnel of one year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext

from jejaring.outcomes.indicators.graduates import graduate_ids
from jejaring.outcomes.indicators.terms import Definition, Filters, Measure
from jejaring.outcomes.maths import Fraction
from jejaring.training.models import Enrolment


@dataclass
class PipelineYear:
    """The rates along the road for one year, each with its parts."""

    year: int
    completion: Fraction
    competency_pass: Fraction
    referral_placement: Fraction
    internship_to_hire: Fraction


def pipeline_rates(*, filters: Filters) -> list[PipelineYear]:
    """Completion (graduates ÷ those who finished or dropped out, by the year the batch
    ended), competency pass (K ÷ assessed, by the year of the result), referral placement
    (referrals that started work or an internship ÷ referrals made, by the year of
    referral, cancelled ones excluded) and internship-to-hire conversion (hired ÷
    internships completed or hired, by the year of referral) — four grouped queries."""
    from django.db.models import Count, Q
    from django.db.models.functions import ExtractYear

    from jejaring.assessment.models import Candidate
    from jejaring.employers.models import Formation
    from jejaring.placement.models import Referral

    regions = filters.region_ids
    start, end = date(filters.year_from, 1, 1), date(filters.year_to, 12, 31)
    enrolment_scope = Q()
    if filters.institution_id:
        enrolment_scope &= Q(institution_id=filters.institution_id)
    if filters.institution_kind:
        enrolment_scope &= Q(institution__kind=filters.institution_kind)
    if filters.vocation_id:
        enrolment_scope &= Q(batch__program__vocation_id=filters.vocation_id)
    if filters.program_id:
        enrolment_scope &= Q(batch__program_id=filters.program_id)
    if filters.funding_source:
        enrolment_scope &= Q(batch__funding_source=filters.funding_source)
    if filters.sex:
        enrolment_scope &= Q(person__sex=filters.sex)

    def by_year(rows: Any, year_key: str = "year") -> dict[int, tuple[int, int]]:
        return {int(row[year_key]): (int(row["hit"]), int(row["all"])) for row in rows}

    completion = by_year(
        Enrolment.objects.filter(
            enrolment_scope,
            region_id__in=regions,
            batch__end_date__range=(start, end),
            status__in=[Enrolment.Status.GRADUATED, Enrolment.Status.DROPPED_OUT],
        )
        .annotate(year=ExtractYear("batch__end_date"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(status=Enrolment.Status.GRADUATED)))
        .order_by()
    )
    candidate_scope = Q()
    if filters.institution_id or filters.institution_kind or filters.vocation_id:
        candidate_scope = Q(
            enrolment__in=Enrolment.objects.filter(enrolment_scope, region_id__in=regions)
        )
    passing = by_year(
        Candidate.objects.filter(
            candidate_scope,
            region_id__in=regions,
            assessed_on__range=(start, end),
            result__in=[Candidate.Result.COMPETENT, Candidate.Result.NOT_YET_COMPETENT],
        )
        .annotate(year=ExtractYear("assessed_on"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(result=Candidate.Result.COMPETENT)))
        .order_by()
    )
    referrals = Referral.objects.filter(
        region_id__in=regions, referred_at__date__range=(start, end)
    ).exclude(status=Referral.Status.CANCELLED)
    if filters.vocation_id:
        referrals = referrals.filter(
            person__enrolments__batch__program__vocation_id=filters.vocation_id
        ).distinct()
    placed = [Referral.Status.STARTED, Referral.Status.COMPLETED, Referral.Status.HIRED]
    placement = by_year(
        referrals.annotate(year=ExtractYear("referred_at"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(status__in=placed)))
        .order_by()
    )
    conversion = by_year(
        referrals.filter(
            formation__kind=Formation.Kind.INTERNSHIP,
            status__in=[Referral.Status.COMPLETED, Referral.Status.HIRED],
        )
        .annotate(year=ExtractYear("referred_at"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(status=Referral.Status.HIRED)))
        .order_by()
    )

    def fraction(table: dict[int, tuple[int, int]], year: int) -> Fraction:
        hit, total = table.get(year, (0, 0))
        return Fraction(hit, total)

    return [
        PipelineYear(
            year=year,
            completion=fraction(completion, year),
            competency_pass=fraction(passing, year),
            referral_placement=fraction(placement, year),
            internship_to_hire=fraction(conversion, year),
        )
        for year in range(filters.year_from, filters.year_to + 1)
    ]


@dataclass
class FunnelStep:
    key: str
    label: str
    count: int


def funnel(*, filters: Filters, definition: Definition, year: int) -> list[FunnelStep]:
    """Registration → graduate → competent → referred → absorbed for the graduates (and
    registrants) of the batches of one budget year, counted in people."""
    from django.db.models import Count, Exists, OuterRef, Q

    from jejaring.assessment.models import Candidate
    from jejaring.placement.models import Referral

    enrolments = Enrolment.objects.filter(region_id__in=filters.region_ids, batch__year=year)
    if filters.institution_id:
        enrolments = enrolments.filter(institution_id=filters.institution_id)
    if filters.vocation_id:
        enrolments = enrolments.filter(batch__program__vocation_id=filters.vocation_id)
    graduated = Q(status=Enrolment.Status.GRADUATED)
    competent = Exists(
        Candidate.objects.filter(enrolment=OuterRef("pk"), result=Candidate.Result.COMPETENT)
    )
    referred = Exists(
        Referral.objects.filter(person=OuterRef("person_id"))
        .exclude(status=Referral.Status.CANCELLED)
        .filter(referred_at__date__gte=OuterRef("graduated_on"))
    )
    # One pass over the year's enrolments for the four steps, not a count per step.
    counts = enrolments.aggregate(
        registered=Count("pk"),
        graduated=Count("pk", filter=graduated),
        competent=Count("pk", filter=graduated & competent),
        referred=Count("pk", filter=graduated & referred),
    )
    # A package of budget year Y may end in January of Y + 1.
    absorbed, _ids = graduate_ids(
        filters=Filters(
            region_ids=filters.region_ids,
            year_from=year,
            year_to=year + 1,
            institution_id=filters.institution_id,
            vocation_id=filters.vocation_id,
            batch_year=year,
        ),
        definition=definition,
        measure=Measure.ABSORBED,
        limit=0,
    )
    return [
        FunnelStep("registered", gettext("Mendaftar"), counts["registered"]),
        FunnelStep("graduated", gettext("Lulus"), counts["graduated"]),
        FunnelStep("competent", gettext("Kompeten"), counts["competent"]),
        FunnelStep("referred", gettext("Disalurkan"), counts["referred"]),
        FunnelStep("absorbed", gettext("Terserap"), absorbed),
    ]

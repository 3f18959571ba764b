"""Reads for the home pages and the audit page. All region-owned reads go through
`for_actor`; figures are set-based (a fixed number of queries per page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from jejaring.core.models import AuditEvent
from jejaring.core.suppression import Relation, suppress


@dataclass(frozen=True)
class AuditFilter:
    actor_query: str = ""
    target_type: str = ""  # "app_label.model"
    target_id: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_event_list_for(*, actor: Any, filters: AuditFilter) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.for_actor(actor).select_related("target_type", "region")
    if filters.actor_query:
        qs = qs.filter(
            Q(actor_label__icontains=filters.actor_query)
            | Q(actor__username__iexact=filters.actor_query)
        )
    if filters.target_type:
        app_label, _, model = filters.target_type.partition(".")
        ctype = ContentType.objects.filter(app_label=app_label, model=model).first()
        qs = qs.filter(target_type=ctype) if ctype else qs.none()
    if filters.target_id:
        qs = qs.filter(target_id=filters.target_id)
    if filters.action:
        qs = qs.filter(action__startswith=filters.action)
    if filters.date_from:
        qs = qs.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(occurred_at__date__lte=filters.date_to)
    return qs.order_by("-occurred_at", "-id")


def audited_target_types() -> list[tuple[str, str]]:
    """(value, label) of every model that appears in the audit trail, for the filter."""
    ids = AuditEvent.objects.exclude(target_type=None).values_list("target_type", flat=True)
    types = ContentType.objects.filter(pk__in=ids.distinct()).order_by("app_label", "model")
    choices = []
    for ct in types:
        model = ct.model_class()
        if model is not None:
            choices.append(
                (f"{ct.app_label}.{ct.model}", str(model._meta.verbose_name).capitalize())
            )
    return choices


def office_home_figures(*, actor: Any, today: date) -> dict[str, Any]:
    from jejaring.employers.models import Company, Formation
    from jejaring.trainees.models import Person
    from jejaring.training.models import Batch, Enrolment

    batches = Batch.objects.for_actor(actor)
    by_status = dict(batches.values_list("status").annotate(n=Count("id")).order_by())
    enrolments = Enrolment.objects.for_actor(actor)
    graduates = enrolments.filter(status=Enrolment.Status.GRADUATED)
    open_formations = Formation.objects.for_actor(actor).filter(status=Formation.Status.OPEN)
    return {
        "people": Person.objects.for_actor(actor).count(),
        "batches_by_status": [
            (status.label, status.value, by_status.get(status.value, 0)) for status in Batch.Status
        ],
        "graduates_this_year": graduates.filter(graduated_on__year=today.year).count(),
        "in_training": enrolments.filter(status=Enrolment.Status.TRAINING).count(),
        "partners": Company.objects.for_actor(actor).filter(is_partner=True).count(),
        "open_formations": open_formations.count(),
        "open_quota": open_formations.aggregate(total=Sum("quota"))["total"] or 0,
        "recent_audit": list(AuditEvent.objects.for_actor(actor).order_by("-occurred_at")[:5]),
    }


def operator_home_figures(*, actor: Any) -> dict[str, Any]:
    from jejaring.training.models import Batch, Enrolment, TrainingInstitution

    batches = (
        Batch.objects.for_actor(actor)
        .select_related("program", "institution")
        .annotate(
            applicants=Count("enrolments"),
            graduates=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.GRADUATED)),
        )
        .order_by("-start_date")[:12]
    )
    return {
        "institutions": list(TrainingInstitution.objects.for_actor(actor)),
        "batches": list(batches),
    }


def assessor_home_figures(*, actor: Any) -> dict[str, Any]:
    from jejaring.assessment.models import AssessmentSession, Candidate

    sessions = (
        AssessmentSession.objects.for_actor(actor)
        .select_related("scheme", "test_site")
        .annotate(
            candidate_count=Count("candidates"),
            competent=Count("candidates", filter=Q(candidates__result=Candidate.Result.COMPETENT)),
        )
        .order_by("-date")[:15]
    )
    return {"sessions": list(sessions)}


def company_home_figures(*, actor: Any) -> dict[str, Any]:
    from jejaring.employers.models import Company, Formation
    from jejaring.placement.models import Referral

    formations = (
        Formation.objects.for_actor(actor)
        .select_related("company")
        .annotate(
            active_referrals=Count("referrals", filter=Q(referrals__status__in=Referral.ACTIVE))
        )
        .order_by("-created_at")[:15]
    )
    referrals = (
        Referral.objects.for_actor(actor)
        .select_related("formation", "person")
        .order_by("-referred_at")[:10]
    )
    return {
        "companies": list(Company.objects.for_actor(actor)),
        "formations": list(formations),
        "referrals": list(referrals),
    }


def trainee_home_figures(*, actor: Any) -> dict[str, Any]:
    from jejaring.assessment.models import Candidate
    from jejaring.placement.models import Referral
    from jejaring.training.models import Enrolment

    return {
        "enrolments": list(
            Enrolment.objects.for_actor(actor)
            .select_related("batch", "batch__program", "institution")
            .order_by("-applied_at")
        ),
        "assessments": list(
            Candidate.objects.for_actor(actor)
            .select_related("session", "session__scheme")
            .order_by("-session__date")
        ),
        "referrals": list(
            Referral.objects.for_actor(actor)
            .select_related("formation", "company")
            .order_by("-referred_at")
        ),
    }


def viewer_home_figures(*, regions: QuerySet[Any], years: range) -> dict[str, Any]:
    """Graduates per region and year: aggregates only, never individual records, with the
    counts from 1 to 4 withheld (None), and whatever would reveal them (`suppression`).

    The outcomes dashboard publishes, for the same seven years, each region's graduates
    per year and their total, and the years' totals over all the viewer's regions: this
    table is protected as a 2-D table with those margins, and withholds at least what the
    dashboard withholds in each region's row, so that the two pages never complete each
    other."""
    from jejaring.training.models import Enrolment

    rows = (
        Enrolment.objects.filter(
            region__in=regions,
            status=Enrolment.Status.GRADUATED,
            graduated_on__year__gte=years.start,
            graduated_on__year__lt=years.stop,
        )
        .annotate(year=ExtractYear("graduated_on"))
        .values("region_id", "year")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(row["region_id"], row["year"]): row["n"] for row in rows}
    listed = list(regions)
    hidden = _withheld_graduates(counts, [region.pk for region in listed], years)
    table = [
        (
            region,
            [
                None if (region.pk, year) in hidden else counts.get((region.pk, year), 0)
                for year in years
            ],
        )
        for region in listed
    ]
    return {"years": list(years), "table": table, "protected": True}


def _withheld_graduates(
    counts: dict[tuple[int, int], int], region_ids: list[int], years: range
) -> frozenset[Any]:
    values: dict[Any, int] = {
        (region, year): counts.get((region, year), 0) for region in region_ids for year in years
    }
    rows = {region: [(region, year) for year in years] for region in region_ids}
    columns = {year: [(region, year) for region in region_ids] for year in years}
    relations: list[Relation[Any]] = []
    row_patterns: set[Any] = set()
    for region, cells in rows.items():
        values[("region", region)] = sum(values[cell] for cell in cells)
        relation = Relation(("region", region), tuple(cells))
        relations.append(relation)
        # What the dashboard withholds for this region alone (one 1-D breakdown by year).
        row_patterns |= suppress(
            {cell: values[cell] for cell in (*cells, relation.whole)}, [relation]
        )
    for year, cells in columns.items():
        values[("year", year)] = sum(values[cell] for cell in cells)
        relations.append(Relation(("year", year), tuple(cells)))
    values["total"] = sum(values[("region", region)] for region in region_ids)
    relations.append(Relation("total", tuple(("region", region) for region in region_ids)))
    relations.append(Relation("total", tuple(("year", year) for year in years)))
    return suppress(values, relations, withheld=row_patterns)

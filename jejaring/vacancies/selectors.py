"""Reads of vacancies, scoped by actor: office staff see their region's vacancies and employer
reports, company HR their own company's vacancies. The public sees published, open
vacancies only — title, occupation, place, pay, education and the company's name — never a
contact person or an unverified report.

For the apps above (matching, the IPK report): `vacancy_list_for`, `open_vacancies`,
`vacancy_counts_by_group`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.employers.models import Company
from jejaring.regions.models import Region
from jejaring.vacancies.models import EmployerReport, Vacancy

#: The order of list pages and the API (keyset pagination: unique, NULL-free columns).
LIST_ORDER = ("-created_at", "-id")
#: The public list: the nearest closing date first.
PUBLIC_ORDER = ("closes_on", "id")
#: Statuses waiting for the office.
WAITING = (Vacancy.Status.SUBMITTED, Vacancy.Status.UNVERIFIED)


def vacancy_list_for(
    *,
    actor: Any,
    status: str = "",
    company_id: int | None = None,
    occupation_group: str = "",
) -> QuerySet[Vacancy]:
    qs = Vacancy.objects.for_actor(actor).select_related("company", "employer_report")
    if status:
        qs = qs.filter(status=status)
    if company_id is not None:
        qs = qs.filter(company_id=company_id)
    if occupation_group:
        qs = qs.filter(occupation_group=occupation_group)
    return qs


def vacancy_get_for(*, actor: Any, vacancy_id: int) -> Vacancy:
    vacancy = (
        vacancy_list_for(actor=actor).select_related("region", "formation").filter(pk=vacancy_id)
    ).first()
    if vacancy is None:
        raise NotFound(_("Lowongan tidak ditemukan."))
    return vacancy


def waiting_count_for(*, actor: Any) -> int:
    """Vacancies the office still has to check (submitted, or from an unverified employer)."""
    return Vacancy.objects.for_actor(actor).filter(status__in=WAITING).count()


def employer_report_list_for(*, actor: Any, status: str = "") -> QuerySet[EmployerReport]:
    qs = EmployerReport.objects.for_actor(actor)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-id")


def employer_report_get_for(*, actor: Any, employer_report_id: int) -> EmployerReport:
    report = employer_report_list_for(actor=actor).filter(pk=employer_report_id).first()
    if report is None:
        raise NotFound(_("Laporan tidak ditemukan."))
    return report


def company_candidates(*, report: EmployerReport, limit: int = 10) -> QuerySet[Company]:
    """Companies of the report's region whose name resembles the reported one, for the office
    to link instead of registering a duplicate. Shown to office staff only."""
    words = [word for word in report.company_name.split() if len(word) > 2]
    match = Q(name__iexact=report.company_name)
    for word in words[:4]:
        if word.upper() not in {"PT", "CV", "PT.", "CV.", "TBK"}:
            match |= Q(name__icontains=word)
    return Company.objects.filter(match, region_id=report.region_id).order_by("name")[:limit]


def open_vacancies(
    *,
    today: date,
    region_id: int | None = None,
    occupation_group: str = "",
    place_code: str = "",
    education: str = "",
) -> QuerySet[Vacancy]:
    """Published vacancies still open on `today` with positions left, for the public list and
    for matching. `place_code` is a regency ("33.75") or a district ("33.75.01") code;
    `education` keeps vacancies a person of that level may apply to (no minimum, or a minimum
    at or below it)."""
    from jejaring.trainees.models import EDUCATION_RANK

    qs = Vacancy.objects.filter(
        status=Vacancy.Status.PUBLISHED, closes_on__gte=today, company__isnull=False
    ).select_related("company", "region")
    if region_id is not None:
        qs = qs.filter(region_id=region_id)
    if occupation_group:
        qs = qs.filter(occupation_group=occupation_group)
    if place_code.count(".") == 1:
        qs = qs.filter(place_regency_code=place_code)
    elif place_code.count(".") == 2:
        qs = qs.filter(place_district_code=place_code)
    if education in EDUCATION_RANK:
        rank = EDUCATION_RANK[education]
        allowed = [level for level, value in EDUCATION_RANK.items() if value <= rank]
        qs = qs.filter(Q(min_education="") | Q(min_education__in=allowed))
    return qs


def public_vacancy_get(*, vacancy_id: int, today: date) -> Vacancy:
    vacancy = open_vacancies(today=today).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise NotFound(_("Lowongan tidak ditemukan."))
    return vacancy


def public_regions() -> list[Region]:
    return list(Region.objects.filter(is_active=True).exclude(kind=Region.Kind.PROVINCE))


def vacancy_counts_by_group(
    *, region_ids: list[int], start: date, end: date
) -> dict[str, dict[str, int]]:
    """Per KBJI major group, for the IPK report: vacancies registered (`registered`, those
    published with their submission in [start, end]) and their openings (`openings`), and
    the openings filled so far (`filled`). One grouped query."""
    rows = (
        Vacancy.objects.filter(
            region_id__in=region_ids,
            published_at__isnull=False,
            submitted_at__date__gte=start,
            submitted_at__date__lte=end,
        )
        .values("occupation_group")
        .annotate(registered=Count("id"), openings=Sum("openings"), filled=Sum("filled"))
        .order_by("occupation_group")
    )
    return {
        row["occupation_group"]: {
            "registered": row["registered"],
            "openings": row["openings"] or 0,
            "filled": row["filled"] or 0,
        }
        for row in rows
    }

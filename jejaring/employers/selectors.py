"""Reads of the employers area, scoped by actor: office staff see their region's
companies and agreements (and a company's formations, for its page); company HR only
their own company's. The public sees open formations only, with no contact data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.employers.models import Agreement, Company, CompanyContact, Formation
from jejaring.regions.models import Region

#: An active agreement ending within this many days is flagged as expiring soon.
EXPIRING_WITHIN_DAYS = 90


class Expiry:
    NOT_YET = "not_yet"
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"

    LABELS = {
        NOT_YET: _("Belum berlaku"),
        VALID: _("Berlaku"),
        EXPIRING: _("Segera berakhir"),
        EXPIRED: _("Sudah berakhir"),
    }


def company_list_for(
    *, actor: Any, query: str = "", partners_only: bool = False
) -> QuerySet[Company]:
    qs = Company.objects.for_actor(actor)
    query = query.strip()
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(sector__icontains=query) | Q(kbli_code=query))
    if partners_only:
        qs = qs.filter(is_partner=True)
    return qs.annotate(
        open_formations=Count("formations", filter=Q(formations__status=Formation.Status.OPEN))
    ).order_by("name", "pk")


def company_get_for(*, actor: Any, company_id: int) -> Company:
    company = (
        Company.objects.for_actor(actor).select_related("region").filter(pk=company_id).first()
    )
    if company is None:
        raise NotFound(_("Perusahaan tidak ditemukan."))
    return company


def contact_get_for(*, actor: Any, company_contact_id: int) -> CompanyContact:
    companies = Company.objects.for_actor(actor).values("pk")
    contact = (
        CompanyContact.objects.filter(pk=company_contact_id, company_id__in=companies)
        .select_related("company")
        .first()
    )
    if contact is None:
        raise NotFound(_("Kontak tidak ditemukan."))
    return contact


def company_hr_accounts(*, company: Company) -> list[Any]:
    from jejaring.accounts.models import Membership
    from jejaring.accounts.scope import Role

    return list(
        Membership.objects.filter(company=company, role=Role.COMPANY_HR)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def _with_expiry(qs: QuerySet[Agreement], today: date) -> QuerySet[Agreement]:
    soon = today + timedelta(days=EXPIRING_WITHIN_DAYS)
    return qs.annotate(
        expiry=Case(
            When(valid_until__lt=today, then=Value(Expiry.EXPIRED)),
            When(valid_from__gt=today, then=Value(Expiry.NOT_YET)),
            When(valid_until__lte=soon, then=Value(Expiry.EXPIRING)),
            default=Value(Expiry.VALID),
            output_field=CharField(),
        )
    )


def agreement_list_for(
    *, actor: Any, company_id: int | None = None, expiry: str = "", today: date | None = None
) -> QuerySet[Agreement]:
    """Agreements with `expiry` (not_yet, valid, expiring, expired) by today's date."""
    today = today or timezone.localdate()
    qs = _with_expiry(Agreement.objects.for_actor(actor), today).select_related("company")
    if company_id is not None:
        qs = qs.filter(company_id=company_id)
    if expiry:
        # `expiry` is the annotation of _with_expiry.
        qs = qs.filter(**{"expiry": expiry})
    return qs.order_by("valid_until", "pk")


def agreement_get_for(*, actor: Any, agreement_id: int) -> Agreement:
    agreement = (
        _with_expiry(Agreement.objects.for_actor(actor), timezone.localdate())
        .select_related("company")
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None:
        raise NotFound(_("Kerja sama tidak ditemukan."))
    return agreement


def company_formation_list_for(*, actor: Any, company_id: int) -> QuerySet[Formation]:
    """A company's formations for its page (placement lists them with their seats)."""
    return (
        Formation.objects.for_actor(actor)
        .filter(company_id=company_id)
        .order_by("company__name", "title", "pk")
    )


def public_formation_list(
    *, region: Region | None = None, kind: str = "", vocation_id: int | None = None
) -> QuerySet[Formation]:
    """Open formations whose closing date has not passed, of one region or all."""
    today = timezone.localdate()
    qs = Formation.objects.filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=today),
        status=Formation.Status.OPEN,
        company__status=Company.Status.ACTIVE,
    )
    if region is not None:
        qs = qs.filter(region=region)
    if kind:
        qs = qs.filter(kind=kind)
    if vocation_id:
        qs = qs.filter(Q(accepts_all_vocations=True) | Q(vocations__pk=vocation_id)).distinct()
    return (
        qs.select_related("company", "region")
        .prefetch_related("vocations")
        .order_by("closes_on", "company__name", "title", "pk")
    )


def public_formation_get(*, public_formation_id: int) -> Formation:
    formation = public_formation_list().filter(pk=public_formation_id).first()
    if formation is None:
        raise NotFound(_("Formasi tidak ditemukan atau sudah ditutup."))
    return formation


def public_region_get(*, slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    return region


def public_regions() -> QuerySet[Region]:
    open_regions = Formation.objects.filter(status=Formation.Status.OPEN).values("region_id")
    return Region.objects.filter(pk__in=open_regions).order_by("name")

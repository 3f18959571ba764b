"""Reads for social security pages and the API, always scoped to the actor."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import NotFound
from jejaring.core.policies import OFFICE, policy_for
from jejaring.social_security import premiums
from jejaring.social_security.models import ContributionRate, Coverage, Incident

QS = TypeVar("QS", bound=QuerySet[Any])

#: Cover that the insurer bills: registered (card pending) or active, or ended in the past.
BILLED = (Coverage.Status.REGISTERED, Coverage.Status.ACTIVE, Coverage.Status.ENDED)


def as_office(actor: Any, queryset: QS) -> QS:
    """`queryset` limited to the regions where the actor is office staff (superusers: all).
    The office's own lists and exports (registrations with full NIKs, premiums, warnings)
    never include what another role of the same user sees, such as company HR's interns
    in a region where they are not staff."""
    return cast(QS, policy_for(queryset.model).permitted(actor, OFFICE, queryset))


@dataclass(frozen=True)
class PremiumLine:
    coverage: Coverage
    premium: premiums.MonthlyPremium


@dataclass
class PremiumReport:
    """One month's premiums per person for one payer; totals are sums of the lines."""

    month: date
    rate: premiums.Rate | None
    lines: list[PremiumLine] = field(default_factory=list)

    @property
    def jkk(self) -> int:
        return sum(line.premium.jkk for line in self.lines)

    @property
    def jkm(self) -> int:
        return sum(line.premium.jkm for line in self.lines)

    @property
    def total(self) -> int:
        return self.jkk + self.jkm


def rates(category: str = ContributionRate.Category.NON_WAGE) -> list[premiums.Rate]:
    # Rates are national configuration, not region-owned: every actor reads the same ones.
    return [
        premiums.Rate(r.valid_from, r.jkk_pct, r.jkm_monthly, r.min_declared_income)
        for r in ContributionRate.objects.filter(category=category)
    ]


def premium_report_for(
    *, actor: Any, month: date, payer: str = Coverage.Payer.OFFICE, company_id: int | None = None
) -> PremiumReport:
    """The premiums of `month` for the cover `actor` may see that `payer` pays (one
    company's when `company_id` is given), computed from the rate valid that month."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    rate = premiums.rate_for(rates(), first)
    report = PremiumReport(month=first, rate=rate)
    if rate is None:
        return report
    coverages = (
        as_office(actor, Coverage.objects.for_actor(actor))
        .filter(status__in=BILLED, payer=payer, cover_start__lte=last, cover_end__gte=first)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    if company_id is not None:
        coverages = coverages.filter(payer_company_id=company_id)
    for coverage in coverages:
        report.lines.append(
            PremiumLine(
                coverage,
                premiums.monthly_premium(
                    rate=rate,
                    declared_income=coverage.declared_income,
                    cover_start=coverage.cover_start,
                    cover_end=coverage.cover_end,
                    month=first,
                ),
            )
        )
    return report


# --- cover lists ---------------------------------------------------------------------


#: The cover list page's order, unique, for keyset pages (index coverage_region_start): the
#: newest period first, then the newest record (the name order of coverage_list_for needs
#: the person table and cannot be a keyset).
COVERAGE_PAGE_ORDER = ("-cover_start", "-id")


def coverage_list_for(
    *,
    actor: Any,
    status: str = "",
    kind: str = "",
    batch_id: int | None = None,
    query: str = "",
    office: bool = False,
) -> QuerySet[Coverage]:
    """Cover the actor may see (office staff: their region; HR: their interns; a person:
    their own), newest period first; with `office`, only the cover of regions where the
    actor is office staff (the office's pages and exports)."""
    coverages = (
        Coverage.objects.for_actor(actor)
        .select_related("person", "payer_company", "enrolment__batch", "referral__company")
        .order_by("-cover_start", "person__full_name", "pk")
    )
    if office:
        coverages = as_office(actor, coverages)
    if status:
        coverages = coverages.filter(status=status)
    if kind:
        coverages = coverages.filter(kind=kind)
    if batch_id is not None:
        coverages = coverages.filter(enrolment__batch_id=batch_id)
    if query:
        coverages = coverages.filter(
            Q(person__full_name__icontains=query) | Q(kpj_number__startswith=query)
        )
    return coverages


def coverage_get_for(*, actor: Any, coverage_id: int) -> Coverage:
    coverage = (
        coverage_list_for(actor=actor)
        .select_related("region", "enrolment__batch__program")
        .filter(pk=coverage_id)
        .first()
    )
    if coverage is None:
        raise NotFound(_("Kepesertaan tidak ditemukan."), code="coverage_not_found")
    return coverage


def my_coverages(*, actor: Any) -> QuerySet[Coverage]:
    """The signed-in person's own cover, with card number, newest first."""
    person_id = scope_of(actor).person_id
    return coverage_list_for(actor=actor).filter(person_id=person_id or 0)


def status_counts(coverages: QuerySet[Coverage]) -> dict[str, int]:
    counts = dict.fromkeys(Coverage.Status.values, 0)
    for row in coverages.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


@dataclass(frozen=True)
class BatchCover:
    """One batch and the state of its participants' cover."""

    batch: Any
    participants: int
    to_register: int
    registered: int
    active: int

    @property
    def missing(self) -> int:
        return max(self.participants - self.to_register - self.registered - self.active, 0)


_WILL_TRAIN = ("accepted", "training")


def batch_cover_list_for(*, actor: Any, statuses: Sequence[str] | None = None) -> list[BatchCover]:
    """Batches of the actor's region that are open, in selection or running, with the
    number of participants and of their cover in each state, in one query."""
    from jejaring.training.models import Batch

    statuses = statuses or (Batch.Status.OPEN, Batch.Status.SELECTION, Batch.Status.RUNNING)
    cover = "enrolments__coverage__status"
    batches = (
        as_office(actor, Batch.objects.for_actor(actor))
        .filter(status__in=statuses)
        .select_related("institution", "program")
        .annotate(
            n_participants=Count("enrolments", filter=Q(enrolments__status__in=_WILL_TRAIN)),
            n_to_register=Count("enrolments", filter=Q(**{cover: Coverage.Status.TO_REGISTER})),
            n_registered=Count("enrolments", filter=Q(**{cover: Coverage.Status.REGISTERED})),
            n_active=Count("enrolments", filter=Q(**{cover: Coverage.Status.ACTIVE})),
        )
        .order_by("start_date", "code")
    )
    return [
        BatchCover(b, b.n_participants, b.n_to_register, b.n_registered, b.n_active)
        for b in batches
    ]


def internship_cover_list_for(*, actor: Any, office: bool = False) -> QuerySet[Coverage]:
    """The interns' cover the actor may see (office staff: region; HR: their company);
    `office` as in `coverage_list_for`."""
    return coverage_list_for(actor=actor, kind=Coverage.Kind.INTERN, office=office).exclude(
        status=Coverage.Status.CANCELLED
    )


# --- warnings ------------------------------------------------------------------------


def warning_days() -> int:
    """How many days ahead staff are warned of uncovered participants (settings
    BPJS_WARNING_DAYS, default 14)."""
    return int(getattr(settings, "BPJS_WARNING_DAYS", 14))


@dataclass(frozen=True)
class CoverWarning:
    kind: str  # "batch" or "internship"
    label: str
    starts_on: date
    uncovered: list[str]
    batch_id: int | None = None
    coverage_id: int | None = None


def warnings_for(*, actor: Any, today: date, days: int | None = None) -> list[CoverWarning]:
    """Batches and internships of the actor's region starting from `today` to `days`
    ahead (or already started) whose participants lack active cover for the whole
    period, soonest first."""
    from jejaring.placement.models import Referral
    from jejaring.training.models import Batch, Enrolment

    days = warning_days() if days is None else days
    horizon = today + timedelta(days=days)
    found: list[CoverWarning] = []
    batches = {
        b.pk: b
        for b in as_office(actor, Batch.objects.for_actor(actor)).filter(
            status__in=(Batch.Status.OPEN, Batch.Status.SELECTION),
            start_date__gte=today,
            start_date__lte=horizon,
        )
    }
    if batches:
        uncovered: dict[int, list[str]] = {}
        rows = (
            Enrolment.objects.filter(batch_id__in=list(batches), status__in=_WILL_TRAIN)
            .exclude(
                coverage__status=Coverage.Status.ACTIVE,
                coverage__cover_start__lte=F("batch__start_date"),
                coverage__cover_end__gte=F("batch__end_date"),
            )
            .values_list("batch_id", "person__full_name")
            .order_by("person__full_name")
        )
        for batch_id, name in rows:
            uncovered.setdefault(batch_id, []).append(name)
        for batch_id, names in uncovered.items():
            batch = batches[batch_id]
            found.append(
                CoverWarning(
                    "batch", f"{batch.code} · {batch.name}", batch.start_date, names, batch_id
                )
            )
    from jejaring.social_security.coverage_gates import internship_period
    from jejaring.social_security.services import internship_referrals_to_cover

    referrals = (
        internship_referrals_to_cover()
        .filter(pk__in=as_office(actor, Referral.objects.for_actor(actor)).values("pk"))
        .select_related("person", "company", "internship_agreement")
        .prefetch_related("coverage")
    )
    referrals = referrals.filter(
        Q(internship_agreement__starts_on__lte=horizon) | Q(started_on__lte=horizon)
    )
    for referral in referrals:
        period = internship_period(referral)
        if period is None or period[1] < today:
            continue
        cover = getattr(referral, "coverage", None)
        if (
            cover is not None
            and cover.status == Coverage.Status.ACTIVE
            and cover.cover_start <= period[0]
            and cover.cover_end >= period[1]
        ):
            continue
        found.append(
            CoverWarning(
                "internship",
                f"{referral.company.name}",
                period[0],
                [referral.person.full_name],
                coverage_id=cover.pk if cover is not None else None,
            )
        )
    return sorted(found, key=lambda w: (w.starts_on, w.label))


# --- incidents -----------------------------------------------------------------------


def incident_list_for(*, actor: Any, claim_status: str = "") -> QuerySet[Incident]:
    incidents = (
        Incident.objects.for_actor(actor)
        .select_related(
            "coverage__person", "coverage__referral__company", "coverage__enrolment__batch"
        )
        .order_by("-occurred_at", "pk")
    )
    if claim_status:
        incidents = incidents.filter(claim_status=claim_status)
    return incidents


def incident_get_for(*, actor: Any, incident_id: int) -> Incident:
    incident = incident_list_for(actor=actor).filter(pk=incident_id).first()
    if incident is None:
        raise NotFound(_("Kejadian tidak ditemukan."), code="incident_not_found")
    return incident


def incident_coverage_choices(*, actor: Any, today: date) -> QuerySet[Coverage]:
    """Cover an incident may be recorded against: current or recent cover the actor may
    see (HR: their interns only)."""
    return (
        coverage_list_for(actor=actor)
        .filter(
            status__in=(Coverage.Status.ACTIVE, Coverage.Status.REGISTERED, Coverage.Status.ENDED),
            cover_start__lte=today,
        )
        .order_by("person__full_name", "-cover_start")
    )


def premium_companies_for(*, actor: Any) -> list[tuple[int, str]]:
    """Companies that pay for cover the actor may see, for the premium report's choice."""
    return list(
        as_office(actor, Coverage.objects.for_actor(actor))
        .filter(payer=Coverage.Payer.COMPANY)
        .values_list("payer_company_id", "payer_company__name")
        .distinct()
        .order_by("payer_company__name")
    )

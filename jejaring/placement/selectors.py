"""Reads of placement, scoped to what the actor may see: office staff their region's
rounds, applications and referrals; company HR the referrals to their company and their
own formations in a round; a trainee the open rounds of their region, their own
applications, results and referrals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import NotFound
from jejaring.core.numbers import format_number
from jejaring.core.policies import OFFICE, policy_for
from jejaring.employers.models import Formation
from jejaring.placement import eligibility
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    Application,
    Referral,
    RoundFormation,
)
from jejaring.trainees.models import Person


def round_list_for(*, actor: Any) -> QuerySet[AllocationRound]:
    return (
        AllocationRound.objects.for_actor(actor)
        .select_related("region")
        .annotate(
            n_formations=Count("formations", distinct=True),
            n_applications=Count(
                "applications",
                filter=Q(applications__status=Application.Status.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")
    )


def round_get_for(*, actor: Any, round_id: int) -> AllocationRound:
    rnd = (
        AllocationRound.objects.for_actor(actor)
        .select_related("region")
        .filter(pk=round_id)
        .first()
    )
    if rnd is None:
        raise NotFound(_("Putaran penyaluran tidak ditemukan."))
    return rnd


def round_for_office(*, actor: Any, round_id: int) -> AllocationRound | None:
    """A round of a region where the actor is office staff, or None."""
    return policy_for(AllocationRound).permitted(actor, OFFICE).filter(pk=round_id).first()


def round_formations(*, rnd: AllocationRound) -> list[RoundFormation]:
    return list(
        RoundFormation.objects.filter(round=rnd)
        .select_related("formation__company")
        .order_by("formation__company__name", "formation__title")
    )


def formations_for_round_form(*, actor: Any) -> QuerySet[Formation]:
    """Open formations of the office's regions that a new round may include."""
    qs = policy_for(Formation).permitted(actor, OFFICE)
    return (
        qs.filter(status=Formation.Status.OPEN)
        .select_related("company")
        .order_by("company__name", "title")
    )


def round_results(*, rnd: AllocationRound, formation_id: int | None = None, unassigned=False):
    qs = AllocationResult.objects.filter(round=rnd).select_related(
        "application__person", "formation__company"
    )
    if formation_id:
        qs = qs.filter(formation_id=formation_id)
    if unassigned:
        qs = qs.filter(formation__isnull=True)
    return qs.order_by("application__person__full_name", "pk")


def round_outcomes(*, rnd: AllocationRound) -> dict[int, dict[str, int]]:
    """Per formation: referrals of this round by status (one query)."""
    out: dict[int, dict[str, int]] = {}
    for fid, status, n in (
        Referral.objects.filter(round=rnd)
        .values("formation_id", "status")
        .annotate(n=Count("pk"))
        .values_list("formation_id", "status", "n")
    ):
        out.setdefault(fid, {})[status] = n
    return out


def company_round_formation_get_for(
    *, actor: Any, round_id: int, formation_id: int
) -> RoundFormation:
    """A round formation the actor may rank applicants for: office staff of the round's
    region, or HR of the formation's company."""
    scope = scope_of(actor)
    allowed = Q(round__region_id__in=scope.office_region_ids) | Q(
        formation__company_id__in=scope.company_ids
    )
    qs = RoundFormation.objects.select_related("round__region", "formation__company")
    if not scope.is_superuser:
        qs = qs.filter(allowed)
    rf = qs.filter(round_id=round_id, formation_id=formation_id).first()
    if rf is None:
        raise NotFound(_("Formasi pada putaran ini tidak ditemukan."))
    return rf


def company_rounds_for(*, actor: Any) -> QuerySet[RoundFormation]:
    """The actor's company formations taking part in closed or allocated rounds."""
    scope = scope_of(actor)
    return (
        RoundFormation.objects.filter(
            formation__company_id__in=scope.company_ids,
            round__status__in=[AllocationRound.Status.CLOSED, AllocationRound.Status.ALLOCATED],
        )
        .select_related("round", "formation__company")
        .order_by("-round__created_at", "formation__title")
    )


#: The referral list's order, unique, for keyset pages (index referral_region_referred).
REFERRAL_LIST_ORDER = ("-referred_at", "-id")


def referral_list_for(
    *, actor: Any, status: str = "", company_only: bool = False
) -> QuerySet[Referral]:
    qs = Referral.objects.for_actor(actor)
    if company_only:
        qs = qs.filter(company_id__in=scope_of(actor).company_ids)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("person", "formation", "company", "round").order_by(
        *REFERRAL_LIST_ORDER
    )


def referral_get_for(*, actor: Any, referral_id: int) -> Referral:
    referral = (
        Referral.objects.for_actor(actor)
        .select_related("person", "formation__company", "company", "round", "region")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise NotFound(_("Penyaluran tidak ditemukan."))
    return referral


def referral_of(*, application: Application) -> Referral | None:
    """The referral an application led to, if any (the caller already holds the
    application through `application_get_for`)."""
    return Referral.objects.filter(application=application).select_related("company").first()


# --- applicants -----------------------------------------------------------------------


def person_of(actor: Any) -> Person | None:
    person_id = scope_of(actor).person_id
    return Person.objects.filter(pk=person_id).first() if person_id else None


def _person_region_ids(person: Person) -> set[int]:
    from jejaring.training.models import Enrolment

    ids = set(
        Enrolment.objects.filter(person=person, status=Enrolment.Status.GRADUATED).values_list(
            "region_id", flat=True
        )
    )
    ids.add(person.region_id)
    return ids


def open_rounds_for_person(*, actor: Any) -> list[AllocationRound]:
    person = person_of(actor)
    if person is None:
        return []
    return list(
        AllocationRound.objects.filter(
            status=AllocationRound.Status.OPEN, region_id__in=_person_region_ids(person)
        ).order_by("closes_at", "pk")
    )


def open_round_get_for_applicant(*, actor: Any, round_id: int) -> AllocationRound:
    """An open round of the person's region (or where they graduated)."""
    person = person_of(actor)
    rnd = None
    if person is not None:
        rnd = AllocationRound.objects.filter(
            pk=round_id,
            status=AllocationRound.Status.OPEN,
            region_id__in=_person_region_ids(person),
        ).first()
    if rnd is None:
        raise NotFound(_("Putaran penyaluran tidak ditemukan."))
    return rnd


def my_applications(*, actor: Any) -> QuerySet[Application]:
    person_id = scope_of(actor).person_id
    if person_id is None:
        return Application.objects.none()
    return (
        Application.objects.filter(person_id=person_id)
        .select_related("round", "result__formation__company")
        .prefetch_related("choices__formation__company")
        .order_by("-round__created_at")
    )


def application_get_for(*, actor: Any, application_id: int) -> Application:
    application = (
        Application.objects.for_actor(actor)
        .select_related("round", "person", "region")
        .prefetch_related("choices__formation__company")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFound(_("Lamaran tidak ditemukan."))
    return application


@dataclass(frozen=True)
class WhyNot:
    rank: int
    formation: Formation | None
    full: bool
    message: str


@dataclass(frozen=True)
class Explanation:
    published: bool
    formation: Formation | None
    choice_rank: int | None
    why_not: list[WhyNot]


def explanation_for(*, application: Application) -> Explanation | None:
    """What the applicant got and why not each choice they ranked above it; only once the
    round is published (office staff see it from the allocation on)."""
    result = (
        AllocationResult.objects.filter(application=application)
        .select_related("formation__company")
        .first()
    )
    if result is None:
        return None
    ids = [entry["formation"] for entry in result.explanation]
    formations = Formation.objects.in_bulk(ids)
    why = []
    for entry in result.explanation:
        formation = formations.get(entry["formation"])
        if entry.get("reason") == "full":
            cutoff = entry.get("cutoff")
            if cutoff is None:
                message = _("Tidak ada kursi tersisa pada formasi ini di putaran ini.")
            elif entry.get("basis") == RoundFormation.PrioritySource.COMPANY_RANKING:
                message = _(
                    "Kursi penuh: semua terisi pelamar dengan peringkat perusahaan lebih baik; "
                    "yang terakhir diterima berperingkat %(cutoff)s."
                ) % {"cutoff": format_number(cutoff)}
            else:
                message = _(
                    "Kursi penuh: semua terisi pelamar dengan prioritas lebih tinggi; nilai uji "
                    "kompetensi terakhir yang diterima %(cutoff)s."
                ) % {"cutoff": format_number(cutoff, None)}
            why.append(WhyNot(entry["rank"], formation, True, message))
        else:
            message = _("Tidak memenuhi syarat: %(reason)s") % {
                "reason": eligibility.reason_message(entry.get("detail", ""), formation)
            }
            why.append(WhyNot(entry["rank"], formation, False, message))
    return Explanation(
        published=application.round.status == AllocationRound.Status.PUBLISHED,
        formation=result.formation,
        choice_rank=result.choice_rank,
        why_not=why,
    )


def may_see_result(*, actor: Any, application: Application) -> bool:
    scope = scope_of(actor)
    # Office staff of the round's own region see results before they are published; a
    # role held elsewhere does not count.
    if scope.is_office_of(application.round.region_id):
        return application.round.status in (
            AllocationRound.Status.ALLOCATED,
            AllocationRound.Status.PUBLISHED,
        )
    return application.round.status == AllocationRound.Status.PUBLISHED

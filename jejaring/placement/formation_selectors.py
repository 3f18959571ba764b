"""Reads of the employers area, scoped by actor: office staff see their region's
companies, agreements, formations and internship programs; company HR only their own
company's. The public sees open formations only, with no contact data."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.employers.models import Formation
from jejaring.placement.models import AllocationRound, InternshipAgreement, Referral
from jejaring.placement.seats import seats_taken, seats_taken_annotation


def formation_list_for(
    *, actor: Any, status: str = "", kind: str = "", company_id: int | None = None, query: str = ""
) -> QuerySet[Formation]:
    qs = Formation.objects.for_actor(actor)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if company_id is not None:
        qs = qs.filter(company_id=company_id)
    query = query.strip()
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(company__name__icontains=query))
    return (
        qs.select_related("company", "program_link")
        .prefetch_related("vocations")
        .annotate(seats_taken=seats_taken_annotation())
        .order_by("company__name", "title", "pk")
    )


def formation_get_for(*, actor: Any, formation_id: int) -> Formation:
    formation = (
        Formation.objects.for_actor(actor)
        .select_related("company", "program_link__program", "region")
        .prefetch_related("vocations")
        .filter(pk=formation_id)
        .first()
    )
    if formation is None:
        raise NotFound(_("Formasi tidak ditemukan."))
    return formation


def formation_seats_taken(*, formation: Formation) -> int:
    return seats_taken(formation.pk)


def formation_open_rounds(*, formation: Formation) -> dict[str, list[AllocationRound]]:
    """The open rounds of the formation's region (the caller has already been scoped to
    the formation): those it is offered in (`offered`) and those it could still join
    (`joinable`, while it is open itself). Two queries."""
    rounds = AllocationRound.objects.filter(
        region_id=formation.region_id, status=AllocationRound.Status.OPEN
    ).order_by("closes_at", "pk")
    offered = list(rounds.filter(formations__formation=formation))
    joinable: list[AllocationRound] = []
    if formation.status == Formation.Status.OPEN:
        joinable = list(rounds.exclude(pk__in=[rnd.pk for rnd in offered]))
    return {"offered": offered, "joinable": joinable}


def internship_referral_list_for(*, actor: Any, formation: Formation) -> QuerySet[Referral]:
    """Interns referred to an internship formation, with their agreement if any."""
    return (
        Referral.objects.for_actor(actor)
        .filter(formation=formation)
        .select_related("person", "internship_agreement")
        .order_by("person__full_name", "pk")
    )


def referral_get_for(*, actor: Any, referral_id: int) -> Referral:
    referral = (
        Referral.objects.for_actor(actor)
        .select_related("person", "formation__program_link__program", "company")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise NotFound(_("Penyaluran tidak ditemukan."))
    return referral


def internship_agreement_of(*, referral: Referral) -> InternshipAgreement | None:
    """The agreement of a referral the caller has already been scoped to, if any."""
    return InternshipAgreement.objects.filter(referral=referral).first()


def internship_agreement_list_for(*, actor: Any, status: str = "") -> QuerySet[InternshipAgreement]:
    qs = InternshipAgreement.objects.for_actor(actor)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related(
        "referral__person", "referral__company", "referral__formation"
    ).order_by("status", "-pk")


def internship_agreement_get_for(
    *, actor: Any, internship_agreement_id: int
) -> InternshipAgreement:
    agreement = (
        InternshipAgreement.objects.for_actor(actor)
        .select_related(
            "referral__person",
            "referral__company",
            "referral__formation__program_link__program",
            "ratified_by",
        )
        .filter(pk=internship_agreement_id)
        .first()
    )
    if agreement is None:
        raise NotFound(_("Perjanjian pemagangan tidak ditemukan."))
    return agreement

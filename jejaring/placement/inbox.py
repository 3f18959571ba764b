"""What placement puts in the "Perlu tindakan" inbox (found by jejaring.core.inbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core.inbox import (
    PER_KIND,
    InboxItem,
    InboxSource,
    as_role,
    one_or_list,
    summarise,
)
from jejaring.core.scope import Role, scope_of
from jejaring.placement import selectors
from jejaring.placement.models import AllocationRound, InternshipAgreement, Referral
from jejaring.placement.services import applicant_problem

#: What the office does next with a round in each status.
_ROUND_STEPS = {
    AllocationRound.Status.OPEN: _("Tutup putaran: %(name)s"),
    AllocationRound.Status.CLOSED: _("Hitung hasil putaran: %(name)s"),
    AllocationRound.Status.ALLOCATED: _("Periksa dan umumkan hasil: %(name)s"),
}


def rounds_to_move(*, actor: Any, today: date) -> list[InboxItem]:
    """Rounds whose applications have closed (to close), closed rounds (to allocate) and
    allocated ones (to publish)."""
    rounds = (
        as_role(actor, Role.OFFICE_STAFF, AllocationRound.objects.all())
        .filter(
            Q(status=AllocationRound.Status.OPEN, closes_at__lte=timezone.now())
            | Q(status__in=(AllocationRound.Status.CLOSED, AllocationRound.Status.ALLOCATED))
        )
        .order_by("closes_at", "pk")
        .values("pk", "name", "status", "closes_at")[:PER_KIND]
    )
    return [
        InboxItem(
            _ROUND_STEPS[AllocationRound.Status(row["status"])] % {"name": row["name"]},
            reverse("placement:round_detail", args=[row["pk"]]),
            1,
            timezone.localdate(row["closes_at"]) if row["closes_at"] else None,
        )
        for row in rounds
    ]


def agreements_to_ratify(*, actor: Any, today: date) -> list[InboxItem]:
    signed = as_role(actor, Role.OFFICE_STAFF, InternshipAgreement.objects.all()).filter(
        status=InternshipAgreement.Status.SIGNED
    )
    return one_or_list(
        summarise(signed, "starts_on"),
        title=_("Sahkan perjanjian pemagangan"),
        one_url=_agreement_url,
        list_url=reverse("internship_agreements:internship_agreement_list") + "?status=signed",
        detail=_("Sudah ditandatangani, menunggu pengesahan dinas"),
    )


def referrals_to_answer(*, actor: Any, today: date) -> list[InboxItem]:
    waiting = as_role(actor, Role.COMPANY_HR, Referral.objects.all()).filter(
        status=Referral.Status.REFERRED
    )
    return one_or_list(
        summarise(waiting),
        title=_("Jawab kandidat yang disalurkan"),
        one_url=lambda pk: reverse("placement:referral_detail", args=[pk]),
        list_url=reverse("placement:referral_list") + "?status=referred",
        detail=_("Terima atau tolak dengan alasan"),
    )


def agreements_to_sign(*, actor: Any, today: date) -> list[InboxItem]:
    drafts = as_role(actor, Role.COMPANY_HR, InternshipAgreement.objects.all()).filter(
        status=InternshipAgreement.Status.DRAFT
    )
    return one_or_list(
        summarise(drafts, "starts_on"),
        title=_("Tandatangani perjanjian pemagangan"),
        one_url=_agreement_url,
        list_url=reverse("internship_agreements:internship_agreement_list") + "?status=draft",
        detail=_("Unggah perjanjian bertanda tangan sebelum magang dimulai"),
    )


def rounds_to_apply(*, actor: Any, today: date) -> list[InboxItem]:
    """Open rounds of the trainee's regions that they have not applied to, when they may
    apply at all."""
    rounds = selectors.open_rounds_for_person(actor=actor)
    if not rounds:
        return []
    person = selectors.person_of(actor)
    if person is None or applicant_problem(person):
        return []
    applied = set(
        selectors.my_applications(actor=actor)
        .filter(round__in=[r.pk for r in rounds])
        .values_list("round_id", flat=True)
    )
    return [
        InboxItem(
            _("Lamar formasi: %(name)s") % {"name": rnd.name},
            reverse("placement:apply", args=[rnd.pk]),
            1,
            timezone.localdate(rnd.closes_at) if rnd.closes_at else None,
            _("Pilih formasi magang/kerja yang Anda minati"),
        )
        for rnd in rounds[:PER_KIND]
        if rnd.pk not in applied
    ]


def referral_letters(*, actor: Any, today: date) -> list[InboxItem]:
    """The trainee's referrals waiting for the company: take the letter there."""
    person_id = scope_of(actor).person_id
    if person_id is None:
        return []
    referrals = (
        Referral.objects.filter(person_id=person_id, status=Referral.Status.REFERRED)
        .order_by("-referred_at", "pk")
        .values("pk", "company__name")[:PER_KIND]
    )
    return [
        InboxItem(
            _("Surat pengantar ke %(company)s") % {"company": row["company__name"]},
            reverse("placement:referral_detail", args=[row["pk"]]),
            1,
            None,
            _("Unduh surat pengantar dan bawa ke perusahaan"),
        )
        for row in referrals
    ]


def _agreement_url(pk: int) -> str:
    return reverse("internship_agreements:internship_agreement_detail", args=[pk])


SOURCES = [
    InboxSource(Role.OFFICE_STAFF, rounds_to_move, 40),
    InboxSource(Role.OFFICE_STAFF, agreements_to_ratify, 20),
    InboxSource(Role.COMPANY_HR, referrals_to_answer, 10),
    InboxSource(Role.COMPANY_HR, agreements_to_sign, 20),
    InboxSource(Role.TRAINEE, rounds_to_apply, 10),
    InboxSource(Role.TRAINEE, referral_letters, 20),
]

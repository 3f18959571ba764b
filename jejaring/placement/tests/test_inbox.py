"""Placement's items in the home inbox: rounds to move on and agreements to ratify
(office), referrals to answer and agreements to sign (company HR), rounds to apply to
and referral letters (trainee)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import inbox
from jejaring.placement.models import AllocationRound, Application, InternshipAgreement, Referral
from jejaring.placement.tests.factories import (
    InternshipAgreementFactory,
    ReferralFactory,
    graduate,
)
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def _round(region, status, **fields):
    return AllocationRound.objects.create(
        region=region, name="Putaran", seed=1, status=status, **fields
    )


def test_a_round_past_its_closing_time_is_to_close_then_allocate_then_publish(cast):
    rnd = _round(
        cast.region_a, AllocationRound.Status.OPEN, closes_at=timezone.now() - timedelta(hours=1)
    )
    _round(cast.region_a, AllocationRound.Status.OPEN, closes_at=timezone.now() + timedelta(days=3))
    _round(cast.region_b, AllocationRound.Status.CLOSED)

    [item] = inbox.rounds_to_move(actor=cast.staff_a, today=TODAY)
    assert item.url == reverse("placement:round_detail", args=[rnd.pk])
    assert "Tutup putaran" in str(item.title)
    for status, words in [
        (AllocationRound.Status.CLOSED, "Hitung hasil"),
        (AllocationRound.Status.ALLOCATED, "umumkan"),
    ]:
        AllocationRound.objects.filter(pk=rnd.pk).update(status=status)
        [item] = inbox.rounds_to_move(actor=cast.staff_a, today=TODAY)
        assert words in str(item.title)
    AllocationRound.objects.filter(pk=rnd.pk).update(status=AllocationRound.Status.PUBLISHED)
    assert inbox.rounds_to_move(actor=cast.staff_a, today=TODAY) == []
    assert inbox.rounds_to_move(actor=cast.hr_a, today=TODAY) == []


def test_a_signed_agreement_waits_for_the_office_and_a_draft_for_the_company(cast):
    agreement = InternshipAgreementFactory(referral__formation__company=cast.company_a)
    assert agreement.region == cast.region_a

    [to_sign] = inbox.agreements_to_sign(actor=cast.hr_a, today=TODAY)
    assert to_sign.url == reverse(
        "internship_agreements:internship_agreement_detail", args=[agreement.pk]
    )
    assert to_sign.due == agreement.starts_on
    assert inbox.agreements_to_sign(actor=cast.hr_b, today=TODAY) == []
    assert inbox.agreements_to_ratify(actor=cast.staff_a, today=TODAY) == []

    InternshipAgreement.objects.filter(pk=agreement.pk).update(
        status=InternshipAgreement.Status.SIGNED
    )
    assert inbox.agreements_to_sign(actor=cast.hr_a, today=TODAY) == []
    [to_ratify] = inbox.agreements_to_ratify(actor=cast.staff_a, today=TODAY)
    assert to_ratify.url == to_sign.url
    assert inbox.agreements_to_ratify(actor=cast.staff_b, today=TODAY) == []


def test_several_referrals_to_answer_link_to_the_filtered_list(cast):
    formation = FormationFactory(company=cast.company_a)
    first = ReferralFactory(formation=formation)
    [item] = inbox.referrals_to_answer(actor=cast.hr_a, today=TODAY)
    assert item.url == reverse("placement:referral_detail", args=[first.pk])

    ReferralFactory(formation=formation)
    [item] = inbox.referrals_to_answer(actor=cast.hr_a, today=TODAY)
    assert (item.url, item.count) == (reverse("placement:referral_list") + "?status=referred", 2)
    assert inbox.referrals_to_answer(actor=cast.hr_b, today=TODAY) == []
    Referral.objects.update(status=Referral.Status.ACCEPTED)
    assert inbox.referrals_to_answer(actor=cast.hr_a, today=TODAY) == []


def test_a_graduate_is_invited_to_an_open_round_until_they_apply(cast):
    person = graduate(region=cast.region_a, vocation=VocationFactory(), person=cast.person_1)
    rnd = _round(cast.region_a, AllocationRound.Status.OPEN)
    _round(cast.region_b, AllocationRound.Status.OPEN)

    [item] = inbox.rounds_to_apply(actor=cast.trainee_1, today=TODAY)
    assert item.url == reverse("placement:apply", args=[rnd.pk])
    assert inbox.rounds_to_apply(actor=cast.trainee_2, today=TODAY) == []  # not a graduate

    Application.objects.create(
        region=cast.region_a,
        round=rnd,
        person=person,
        enrolment=person.enrolments.get(),
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    assert inbox.rounds_to_apply(actor=cast.trainee_1, today=TODAY) == []


def test_a_referred_trainee_is_pointed_to_their_referral_letter(cast):
    referral = ReferralFactory(
        formation=FormationFactory(company=cast.company_a), person=cast.person_1
    )
    ReferralFactory(formation=FormationFactory(company=cast.company_a), person=cast.person_2)

    [item] = inbox.referral_letters(actor=cast.trainee_1, today=TODAY)
    assert item.url == reverse("placement:referral_detail", args=[referral.pk])
    Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.HIRED)
    assert inbox.referral_letters(actor=cast.trainee_1, today=TODAY) == []

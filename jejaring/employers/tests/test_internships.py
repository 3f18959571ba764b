from datetime import date

import pytest
from django.utils import timezone

from jejaring.employers.internships import internship_agreement_ratified
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import InternshipAgreement
from jejaring.placement.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def _agreement(referral, status):
    return InternshipAgreement.objects.create(
        region=referral.region,
        referral=referral,
        number="PKS/1",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 5, 31),
        rights_and_duties="Hak dan kewajiban",
        status=status,
        signed_at=timezone.now(),
        ratified_at=timezone.now() if status == InternshipAgreement.Status.RATIFIED else None,
    )


def test_an_internship_without_an_agreement_may_not_start():
    referral = ReferralFactory(formation=FormationFactory(kind=Formation.Kind.INTERNSHIP))
    assert internship_agreement_ratified(referral) is False


def test_a_signed_but_unratified_agreement_is_not_enough_to_start():
    referral = ReferralFactory(formation=FormationFactory(kind=Formation.Kind.INTERNSHIP))
    _agreement(referral, InternshipAgreement.Status.SIGNED)
    assert internship_agreement_ratified(referral) is False


def test_a_ratified_agreement_lets_the_internship_start():
    referral = ReferralFactory(formation=FormationFactory(kind=Formation.Kind.INTERNSHIP))
    _agreement(referral, InternshipAgreement.Status.RATIFIED)
    assert internship_agreement_ratified(referral) is True

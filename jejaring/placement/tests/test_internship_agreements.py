"""Internship agreements: no agreement, no start."""

from datetime import date

import pytest
from django.utils import timezone

from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.employers.tests.helpers import pdf
from jejaring.internships.tests.factories import InternshipFormationFactory
from jejaring.placement import audit_actions, internship_agreements
from jejaring.placement.internship_agreements import internship_agreement_ratified
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.placement.tests.factories import InternshipAgreementFactory, ReferralFactory

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


def _intern(cast, **person):
    formation = InternshipFormationFactory(
        company=cast.company_a, period_start=date(2027, 1, 4), period_end=date(2027, 6, 30)
    )
    person.setdefault("person__birth_date", date(2000, 1, 1))
    return ReferralFactory(formation=formation, status=Referral.Status.ACCEPTED, **person)


def test_the_agreement_is_generated_signed_ratified_and_then_lets_the_internship_start(cast):
    referral = _intern(cast)
    agreement = internship_agreements.internship_agreement_create(
        actor=cast.hr_a,
        referral=referral,
        starts_on=date(2027, 1, 4),
        ends_on=date(2027, 6, 30),
        stipend_transport=400_000,
        stipend_meals=300_000,
        stipend_incentive=200_000,
    )
    assert "Rp" in agreement.rights_and_duties and "JKK" in agreement.rights_and_duties
    assert internship_agreements.internship_agreement_pdf(agreement).startswith(b"%PDF")
    assert not internship_agreement_ratified(referral)
    with pytest.raises(InvalidTransition):
        internship_agreements.internship_agreement_ratify(actor=cast.staff_a, agreement=agreement)
    internship_agreements.internship_agreement_sign(
        actor=cast.hr_a, agreement=agreement, signed_document=pdf()
    )
    with pytest.raises(NotFound):
        internship_agreements.internship_agreement_ratify(actor=cast.hr_a, agreement=agreement)
    internship_agreements.internship_agreement_ratify(actor=cast.staff_a, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == InternshipAgreement.Status.RATIFIED
    assert agreement.ratified_by == cast.staff_a
    assert internship_agreement_ratified(referral)
    assert AuditEvent.objects.filter(action=audit_actions.INTERNSHIP_AGREEMENT_RATIFY).exists()


def test_an_agreement_without_stipend_or_too_long_is_refused(cast):
    referral = _intern(cast)
    with pytest.raises(ValidationError) as raised:
        internship_agreements.internship_agreement_create(
            actor=cast.hr_a, referral=referral, starts_on=date(2027, 1, 4), ends_on=date(2027, 6, 1)
        )
    assert raised.value.code == "stipend_required"
    with pytest.raises(ValidationError) as raised:
        internship_agreements.internship_agreement_create(
            actor=cast.hr_a,
            referral=referral,
            starts_on=date(2027, 1, 4),
            ends_on=date(2028, 3, 1),
            stipend_meals=1,
        )
    assert raised.value.code == "internship_too_long"
    assert not InternshipAgreement.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        # 15 January to 15 January of the next year: a year and a day (the formation agrees).
        (date(2027, 1, 15), date(2028, 1, 15), "internship_too_long"),
        (date(2027, 1, 15), date(2027, 1, 15), "invalid_dates"),
    ],
)
def test_an_agreement_refuses_the_periods_a_formation_refuses(cast, start, end, code):
    referral = _intern(cast)
    with pytest.raises(ValidationError) as raised:
        internship_agreements.internship_agreement_create(
            actor=cast.hr_a, referral=referral, starts_on=start, ends_on=end, stipend_meals=1
        )
    assert raised.value.code == code
    assert not InternshipAgreement.objects.exists()


def test_an_agreement_of_exactly_the_longest_period_is_drawn_up(cast):
    referral = _intern(cast)
    agreement = internship_agreements.internship_agreement_create(
        actor=cast.hr_a,
        referral=referral,
        starts_on=date(2027, 1, 15),
        ends_on=date(2028, 1, 14),
        stipend_meals=1,
    )
    assert agreement.ends_on == date(2028, 1, 14)


def test_a_seventeen_year_old_needs_parental_consent_to_sign(cast):
    referral = _intern(cast, person__birth_date=date(2009, 6, 1))
    agreement = InternshipAgreementFactory(
        referral=referral, starts_on=date(2027, 1, 4), ends_on=date(2027, 6, 30)
    )
    with pytest.raises(ValidationError) as raised:
        internship_agreements.internship_agreement_sign(
            actor=cast.hr_a, agreement=agreement, signed_document=pdf()
        )
    assert raised.value.code == "parental_consent_required"
    internship_agreements.internship_agreement_sign(
        actor=cast.hr_a,
        agreement=agreement,
        signed_document=pdf(),
        parental_consent=pdf("izin.pdf"),
    )


def test_hr_of_another_company_cannot_draw_up_the_agreement(cast):
    referral = _intern(cast)
    with pytest.raises(NotFound):
        internship_agreements.internship_agreement_create(
            actor=cast.hr_b,
            referral=referral,
            starts_on=date(2027, 1, 4),
            ends_on=date(2027, 6, 30),
            stipend_meals=100_000,
        )

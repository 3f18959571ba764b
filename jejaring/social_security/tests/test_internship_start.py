"""Placement's internship start asks our gate; a started intern lands on the list."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from jejaring.core.errors import Conflict
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.placement.referrals import referral_record_outcome
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.social_security import services
from jejaring.social_security.models import Coverage, CoverageOverride

TODAY = timezone.localdate()


@pytest.fixture
def referral(cast):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    referral = ReferralFactory(
        formation=formation, person=cast.person_1, status=Referral.Status.ACCEPTED
    )
    InternshipAgreement.objects.create(
        region=cast.region_a,
        referral=referral,
        number="PKS-MAG/1",
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=180),
        rights_and_duties="-",
        status=InternshipAgreement.Status.RATIFIED,
        signed_at=timezone.now(),
        ratified_at=timezone.now(),
    )
    return referral


def test_an_intern_without_active_cover_cannot_start(cast, referral):
    with pytest.raises(Conflict) as error:
        referral_record_outcome(actor=cast.hr_a, referral=referral, status="started")
    assert "belum memiliki perlindungan BPJS Ketenagakerjaan aktif" in str(error.value.message)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def test_an_intern_listed_registered_and_activated_before_the_day_starts(cast, referral):
    assert services.coverage_list_build_internships(actor=cast.staff_a) == 1
    cover = Coverage.objects.get(referral=referral)
    services.coverage_change_status(
        actor=cast.staff_a, coverage_ids=[cover.pk], status="registered"
    )
    services.coverage_change_status(
        actor=cast.staff_a, coverage_ids=[cover.pk], status="active", kpj_number="12345678901"
    )
    referral_record_outcome(actor=cast.hr_a, referral=referral, status="started")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.STARTED
    assert Coverage.objects.filter(referral=referral).count() == 1


def test_staff_override_starts_the_internship_and_the_intern_goes_on_the_list(cast, referral):
    referral_record_outcome(
        actor=cast.staff_a,
        referral=referral,
        status="started",
        override_reason="Pendaftaran BPJS sedang diproses.",
    )
    assert CoverageOverride.objects.filter(referral=referral).exists()
    cover = Coverage.objects.get(referral=referral)
    assert (cover.status, cover.payer_company, cover.cover_start) == (
        Coverage.Status.TO_REGISTER,
        cast.company_a,
        TODAY,
    )


def test_a_hired_worker_is_not_put_on_the_interns_list(cast):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.JOB)
    referral = ReferralFactory(
        formation=formation,
        person=cast.person_2,
        status=Referral.Status.STARTED,
        started_on=date(2026, 9, 1),
    )
    referral_record_outcome(actor=cast.hr_a, referral=referral, status="hired")
    assert not Coverage.objects.filter(referral=referral).exists()

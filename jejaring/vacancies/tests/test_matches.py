"""Matching on the database: who the office sees for a vacancy, referring them with
placement's letter, and a hire closing the card and filling an opening in one transaction."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.core.errors import Conflict, NotFound
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.jobseekers.models import CardStatus, CloseSource
from jejaring.jobseekers.tests.factories import IssuedCardFactory
from jejaring.placement.models import Referral
from jejaring.placement.referrals import referral_record_outcome
from jejaring.placement.tests.factories import graduate
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.tests.factories import VocationFactory
from jejaring.vacancies import audit_actions, matches, referrals
from jejaring.vacancies.models import Vacancy
from jejaring.vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def published(cast, **extra):
    values = {
        "company": cast.company_a,
        "status": Vacancy.Status.PUBLISHED,
        "kbji_code": "8153",
        "occupation_group": "8",
        "min_education": "sma",
        "place_district_code": "33.75.01",
        "openings": 2,
    }
    values.update(extra)
    return VacancyFactory(**values)


def card(region, **extra):
    person_fields = {
        k.removeprefix("person__"): v for k, v in extra.items() if k.startswith("person__")
    }
    values = {k: v for k, v in extra.items() if not k.startswith("person__")}
    person = PersonFactory(region=region, domicile_regency_code=region.code, **person_fields)
    return IssuedCardFactory(region=region, person=person, **values)


@pytest.fixture
def sewing(db):
    return VocationFactory(code="menjahit-garmen", name="Menjahit Garmen")


def test_the_office_sees_card_holders_and_graduates_who_fit_ranked_with_reasons(cast, sewing):
    vacancy = published(cast)
    wants_it = card(
        cast.region_a, occupation_code="8153", person__domicile_district_code="33.75.01"
    )
    near_it = card(cast.region_a, occupation_code="8159")
    alumna = graduate(region=cast.region_a, vocation=sewing, education="smk")
    card(cast.region_a, occupation_code="5120")  # a cook: nothing of the work fits
    card(cast.region_a, occupation_code="8153", education="smp")  # below the minimum
    card(cast.region_b, occupation_code="8153")  # another office's job seeker
    found = matches.vacancy_matches(actor=cast.staff_a, vacancy=vacancy, today=timezone.localdate())
    assert [m.person_id for m in found] == [wants_it.person_id, alumna.pk, near_it.person_id]
    first = found[0]
    assert first.card_number == wants_it.number and not first.is_graduate
    assert first.masked_nik.startswith(wants_it.person.nik[:4]) and "•" in first.masked_nik
    assert wants_it.person.nik not in str(found)
    assert [r.points for r in first.reasons] == [20, 30, 15, 10]
    assert "Berdomisili di kecamatan tempat kerja" in [r.text for r in first.reasons]
    texts = [r.text for r in found[1].reasons]
    assert "Lulus pelatihan kejuruan Menjahit Garmen" in texts
    assert "Kompeten (K) pada uji kompetensi Menjahit Garmen" in texts


def test_a_graduate_already_working_through_a_referral_is_not_suggested(cast, sewing):
    vacancy = published(cast)
    alumna = graduate(region=cast.region_a, vocation=sewing, education="smk")
    from jejaring.placement.tests.factories import ReferralFactory

    ReferralFactory(person=alumna, region=cast.region_a, status=Referral.Status.HIRED)
    assert (
        matches.vacancy_matches(actor=cast.staff_a, vacancy=vacancy, today=timezone.localdate())
        == []
    )


@pytest.mark.parametrize("who", ["staff_b", "hr_a", "trainee_1"])
def test_only_the_vacancy_s_office_sees_its_candidates(cast, who):
    vacancy = published(cast)
    with pytest.raises(NotFound):
        matches.vacancy_matches(
            actor=getattr(cast, who), vacancy=vacancy, today=timezone.localdate()
        )


def test_referring_opens_a_job_formation_and_writes_placement_s_referral_letters(cast, sewing):
    vacancy = published(cast)
    people = [card(cast.region_a, occupation_code="8153").person for _ in range(2)]
    made = referrals.vacancy_refer(
        actor=cast.staff_a, vacancy=vacancy, person_ids=[p.pk for p in people]
    )
    vacancy.refresh_from_db()
    formation = vacancy.formation
    assert formation.kind == Formation.Kind.JOB and formation.status == Formation.Status.OPEN
    assert list(formation.vocations.values_list("code", flat=True)) == ["menjahit-garmen"]
    assert all(r.letter_number.startswith("560/PNY-L/") for r in made)
    assert {r.person_id for r in made} == {p.pk for p in people}
    assert AuditEvent.objects.filter(action=audit_actions.VACANCY_REFER).count() == 1
    found = matches.vacancy_matches(actor=cast.staff_a, vacancy=vacancy, today=timezone.localdate())
    assert [(m.may_refer, m.referral_label) for m in found] == [(False, "Disalurkan")] * 2


def test_referring_more_people_than_openings_refers_nobody(cast):
    vacancy = published(cast, openings=1)
    people = [card(cast.region_a).person, card(cast.region_a).person]
    with pytest.raises(Conflict):
        referrals.vacancy_refer(
            actor=cast.staff_a, vacancy=vacancy, person_ids=[p.pk for p in people]
        )
    assert not Referral.objects.exists()
    vacancy.refresh_from_db()
    assert vacancy.formation is None


def test_another_office_s_person_or_vacancy_is_not_found(cast):
    vacancy = published(cast)
    stranger = card(cast.region_b).person
    with pytest.raises(NotFound):
        referrals.vacancy_refer(actor=cast.staff_a, vacancy=vacancy, person_ids=[stranger.pk])
    with pytest.raises(NotFound):
        referrals.vacancy_refer(
            actor=cast.staff_b, vacancy=vacancy, person_ids=[card(cast.region_a).person.pk]
        )
    assert not Referral.objects.exists()


def _hire(actor, referral):
    for status in ("accepted", "started", "hired"):
        referral = referral_record_outcome(actor=actor, referral=referral, status=status)
    return referral


@pytest.mark.parametrize("who", ["hr_a", "staff_a"])
def test_a_hire_closes_the_card_and_fills_an_opening(cast, who):
    vacancy = published(cast, openings=2)
    held = card(cast.region_a)
    (referral,) = referrals.vacancy_refer(
        actor=cast.staff_a, vacancy=vacancy, person_ids=[held.person_id]
    )
    _hire(getattr(cast, who), referral)
    held.refresh_from_db()
    vacancy.refresh_from_db()
    assert held.status == CardStatus.HIRED
    assert held.close_source == CloseSource.EMPLOYER
    assert held.employer_company_id == cast.company_a.pk
    assert held.employer_name == cast.company_a.name
    assert held.closed_on == timezone.localdate()
    assert (vacancy.filled, vacancy.status) == (1, Vacancy.Status.PUBLISHED)


def test_the_last_hire_fills_the_vacancy(cast):
    vacancy = published(cast, openings=1)
    (referral,) = referrals.vacancy_refer(
        actor=cast.staff_a, vacancy=vacancy, person_ids=[card(cast.region_a).person_id]
    )
    _hire(cast.hr_a, referral)
    vacancy.refresh_from_db()
    assert (vacancy.filled, vacancy.status) == (1, Vacancy.Status.FILLED)


def test_the_card_and_the_vacancy_change_in_the_hire_s_own_transaction(cast, monkeypatch):
    vacancy = published(cast)
    held = card(cast.region_a)
    (referral,) = referrals.vacancy_refer(
        actor=cast.staff_a, vacancy=vacancy, person_ids=[held.person_id]
    )
    referral = referral_record_outcome(actor=cast.hr_a, referral=referral, status="accepted")
    referral = referral_record_outcome(actor=cast.hr_a, referral=referral, status="started")

    def broken(**kwargs):
        raise Conflict("no")

    monkeypatch.setattr(referrals.services, "vacancy_fill_record", broken)
    with pytest.raises(Conflict):
        referral_record_outcome(actor=cast.hr_a, referral=referral, status="hired")
    referral.refresh_from_db()
    held.refresh_from_db()
    assert referral.status == Referral.Status.STARTED
    assert held.status == CardStatus.ACTIVE


def test_a_hire_outside_any_vacancy_only_closes_the_card(cast):
    from jejaring.employers.tests.factories import FormationFactory
    from jejaring.placement.tests.factories import ReferralFactory

    held = card(cast.region_a)
    formation = FormationFactory(company=cast.company_a, region=cast.region_a, kind="job")
    referral = ReferralFactory(formation=formation, person=held.person)
    _hire(cast.hr_a, referral)
    held.refresh_from_db()
    assert held.status == CardStatus.HIRED
    assert not Vacancy.objects.exists()


def test_a_job_seeker_is_suggested_open_vacancies_that_fit_with_reasons(cast, sewing):
    fits = published(cast)
    published(cast, kbji_code="5120", occupation_group="5")  # a cook's job
    published(cast, status=Vacancy.Status.SUBMITTED)  # not published yet
    published(cast, closes_on=timezone.localdate() - timedelta(days=1))  # closed
    from jejaring.employers.tests.factories import CompanyFactory

    published(cast, company=CompanyFactory(region=cast.region_b), place_regency_code="33.19")
    held = card(cast.region_a, occupation_code="8153")
    found = matches.card_suggestions(card=held, today=timezone.localdate())
    assert [s.vacancy.pk for s in found] == [fits.pk]
    assert found[0].points == 20 + 30 + 10 + 10


def test_a_closed_card_is_suggested_nothing(cast):
    published(cast)
    held = card(cast.region_a, occupation_code="8153", status=CardStatus.HIRED)
    assert matches.card_suggestions(card=held, today=timezone.localdate()) == []

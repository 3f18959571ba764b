from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest

from jejaring.accounts.tests.factories import UserFactory
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import audit_actions, referrals, services
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    ApplicationChoice,
    Referral,
)
from jejaring.placement.tests.factories import ReferralFactory, graduate
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def garment():
    return VocationFactory(code="menjahit", name="Menjahit")


def _applicant(cast, vocation, score, **kwargs):
    person = graduate(region=cast.region_a, vocation=vocation, score=score, **kwargs)
    person.user = UserFactory()
    person.save()
    return person


def _formation(cast, vocation, quota=1, company=None, **kwargs):
    formation = FormationFactory(
        company=company or cast.company_a, quota=quota, accepts_all_vocations=False, **kwargs
    )
    formation.vocations.add(vocation)
    return formation


def _round(cast, formations, **kwargs):
    return services.round_create(
        actor=cast.staff_a,
        region=cast.region_a,
        name="Tahap I",
        formation_ids=[f.pk for f in formations],
        **kwargs,
    )


def _run(cast, rnd):
    services.round_close(actor=cast.staff_a, rnd=rnd)
    return services.round_allocate(actor=cast.staff_a, rnd=rnd)


def test_a_round_stores_its_lottery_seed_and_only_office_staff_of_the_region_open_it(cast, garment):
    f = _formation(cast, garment)
    rnd = _round(cast, [f])
    assert rnd.status == AllocationRound.Status.OPEN and rnd.seed > 0
    assert AuditEvent.objects.filter(action=audit_actions.ROUND_CREATE).exists()
    with pytest.raises(NotFound):
        services.round_create(
            actor=cast.staff_b, region=cast.region_a, name="x", formation_ids=[f.pk]
        )


def test_graduates_apply_with_ranked_choices_up_to_the_rounds_limit(cast, garment):
    forms = [_formation(cast, garment) for _ in range(3)]
    rnd = _round(cast, forms, max_choices=2)
    person = _applicant(cast, garment, "80")
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=person.user, rnd=rnd, formation_ids=[f.pk for f in forms])
    assert error.value.code == "too_many_choices"
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            actor=person.user, rnd=rnd, formation_ids=[forms[0].pk, forms[0].pk]
        )
    assert error.value.code == "duplicate_choice"
    application = services.application_submit(
        actor=person.user, rnd=rnd, formation_ids=[forms[1].pk, forms[0].pk]
    )
    assert list(application.choices.values_list("formation_id", "rank")) == [
        (forms[1].pk, 1),
        (forms[0].pk, 2),
    ]


def test_someone_who_never_graduated_or_was_never_tested_is_told_why(cast, garment):
    rnd = _round(cast, [_formation(cast, garment)])
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            actor=cast.trainee_1, rnd=rnd, formation_ids=[rnd.formations.get().formation_id]
        )
    assert "belum lulus" in str(error.value.message)


def test_an_ineligible_choice_is_refused_with_the_reason_for_that_formation(cast, garment):
    hotel = VocationFactory(code="hotel", name="Perhotelan")
    wrong_vocation = _formation(cast, hotel)
    too_demanding = _formation(cast, garment, min_score="90.00")
    rnd = _round(cast, [wrong_vocation, too_demanding])
    person = _applicant(cast, garment, "80")
    with pytest.raises(ValidationError) as error:
        services.application_submit(
            actor=person.user, rnd=rnd, formation_ids=[wrong_vocation.pk, too_demanding.pk]
        )
    assert error.value.detail["formations"] == {
        str(wrong_vocation.pk): "vocation",
        str(too_demanding.pk): "score_below_minimum",
    }
    assert "tidak menerima kejuruan" in str(error.value.message)
    assert "90" in str(error.value.message)


def test_the_higher_score_wins_and_the_loser_is_told_the_cutoff(cast, garment):
    first = _formation(cast, garment, quota=1)
    second = _formation(cast, garment, quota=1)
    rnd = _round(cast, [first, second])
    strong = _applicant(cast, garment, "90")
    weak = _applicant(cast, garment, "70")
    for person in (strong, weak):
        services.application_submit(actor=person.user, rnd=rnd, formation_ids=[first.pk, second.pk])
    _run(cast, rnd)
    results = {r.application.person_id: r for r in AllocationResult.objects.filter(round=rnd)}
    assert results[strong.pk].formation_id == first.pk
    assert results[weak.pk].formation_id == second.pk
    assert results[weak.pk].choice_rank == 2
    assert results[weak.pk].explanation == [
        {"formation": first.pk, "rank": 1, "reason": "full", "cutoff": "90.00", "basis": "score"}
    ]


def test_ties_go_to_the_earlier_competency_test(cast, garment):
    seat = _formation(cast, garment, quota=1)
    rnd = _round(cast, [seat])
    later = _applicant(cast, garment, "80", tested_on=date(2026, 5, 1))
    earlier = _applicant(cast, garment, "80", tested_on=date(2026, 3, 1))
    for person in (later, earlier):
        services.application_submit(actor=person.user, rnd=rnd, formation_ids=[seat.pk])
    _run(cast, rnd)
    placed = AllocationResult.objects.get(round=rnd, formation__isnull=False)
    assert placed.application.person_id == earlier.pk


def test_a_round_rerun_from_its_stored_inputs_and_seed_gives_the_same_result(cast, garment):
    seats = [_formation(cast, garment, quota=2) for _ in range(3)]
    rnd = _round(cast, seats)
    for i in range(9):
        person = _applicant(cast, garment, "75")  # all tied: the lottery decides
        services.application_submit(
            actor=person.user,
            rnd=rnd,
            formation_ids=[seats[i % 3].pk, seats[(i + 1) % 3].pk],
        )
    rnd = _run(cast, rnd)
    first = dict(AllocationResult.objects.values_list("application_id", "formation_id"))
    assert services.round_replay(rnd=rnd)
    services.round_allocate(actor=cast.staff_a, rnd=rnd)
    assert dict(AllocationResult.objects.values_list("application_id", "formation_id")) == first


def test_ineligible_choices_are_explained_after_the_round(cast, garment):
    internship = _formation(cast, garment, kind=Formation.Kind.INTERNSHIP, max_age=20)
    job = _formation(cast, garment)
    rnd = _round(cast, [internship, job])
    person = _applicant(cast, garment, "80", birth_date=date(2000, 1, 1))
    application = services.application_submit(actor=person.user, rnd=rnd, formation_ids=[job.pk])
    # Staff could not be stopped from adding a choice the rules refuse later.
    ApplicationChoice.objects.create(application=application, formation=internship, rank=2)
    ApplicationChoice.objects.filter(application=application, formation=job).update(rank=3)
    ApplicationChoice.objects.filter(application=application, formation=internship).update(rank=1)
    _run(cast, rnd)
    result = AllocationResult.objects.get(application=application)
    assert result.formation_id == job.pk
    assert result.explanation == [
        {"formation": internship.pk, "rank": 1, "reason": "ineligible", "detail": "age"}
    ]


def test_closing_judges_every_choice_as_it_would_be_judged_alone(cast, garment):
    """Closing judges a person's choices once per distinct set of formation rules; each
    stored verdict is still the one that choice gets when judged by itself."""
    from jejaring.employers.tests.factories import CompanyFactory
    from jejaring.internships.tests.factories import InternshipFormationFactory, permenaker_rules
    from jejaring.placement.models import Application

    permenaker_rules()  # gone if a transactional test flushed the tables
    hotel = VocationFactory(code="hotel", name="Perhotelan")
    other_company = CompanyFactory(region=cast.region_a)
    job_a, job_b = _formation(cast, garment), _formation(cast, garment)  # the same rules
    demanding = _formation(cast, garment, min_score="85.00")
    competent_only = _formation(cast, garment, min_result=Formation.MinimumResult.COMPETENT)
    young_only = _formation(cast, garment, max_age=35)
    hotel_job = _formation(cast, hotel)
    any_vocation = FormationFactory(company=cast.company_a, accepts_all_vocations=True)
    held = InternshipFormationFactory(company=cast.company_a, title="Operator Jahit")
    held.vocations.add(garment)
    same_internship = InternshipFormationFactory(company=cast.company_a, title="Operator Jahit")
    same_internship.vocations.add(garment)
    other_internship = InternshipFormationFactory(company=other_company, title="Penjahit")
    other_internship.vocations.add(garment)
    outside = _formation(cast, garment)  # chosen, but not a formation of the round
    in_round = [
        job_a,
        job_b,
        demanding,
        competent_only,
        young_only,
        hotel_job,
        any_vocation,
        same_internship,
        other_internship,
    ]
    rnd = _round(cast, in_round)

    strong = _applicant(cast, garment, "90")
    weak = _applicant(cast, garment, "80", result="BK")
    two_vocations = _applicant(cast, garment, "75", tested_on=date(2026, 2, 1))
    graduate(region=cast.region_a, vocation=hotel, score="88", person=two_vocations)
    older = _applicant(cast, garment, "86", birth_date=date(1980, 5, 5))
    former_intern = _applicant(cast, garment, "82")
    ReferralFactory(formation=held, person=former_intern, status=Referral.Status.COMPLETED)
    people = [strong, weak, two_vocations, older, former_intern]
    for person in people:
        application = Application.objects.create(
            region=cast.region_a,
            round=rnd,
            person=person,
            enrolment=services.qualifying_enrolment(person),
            status=Application.Status.SUBMITTED,
            submitted_at=rnd.opens_at,
        )
        for rank, formation in enumerate([*in_round, outside], start=1):
            ApplicationChoice.objects.create(
                application=application, formation=formation, rank=rank
            )

    services.round_close(actor=cast.staff_a, rnd=rnd)

    stored = {
        (c.application.person_id, c.formation_id): c
        for c in ApplicationChoice.objects.filter(application__round=rnd).select_related(
            "application"
        )
    }
    assert len(stored) == len(people) * (len(in_round) + 1)
    for person in people:
        alone = services.verdicts_for(person, [f.pk for f in in_round])
        for formation in in_round:
            choice, verdict = stored[person.pk, formation.pk], alone[formation.pk]
            assert (choice.eligible, choice.ineligible_reason) == (
                not verdict.reason,
                verdict.reason,
            ), (person, formation)
            assert (choice.priority, choice.tested_on) == (verdict.priority, verdict.tested_on)
        assert stored[person.pk, outside.pk].ineligible_reason == "formation_closed"
    reason = {key: choice.ineligible_reason for key, choice in stored.items()}
    assert reason[strong.pk, job_a.pk] == reason[strong.pk, demanding.pk] == ""
    assert reason[weak.pk, demanding.pk] == "score_below_minimum"
    assert reason[weak.pk, competent_only.pk] == "not_competent"
    assert reason[older.pk, young_only.pk] == "age"
    assert reason[strong.pk, hotel_job.pk] == "vocation"
    assert reason[two_vocations.pk, hotel_job.pk] == ""
    assert stored[two_vocations.pk, hotel_job.pk].priority == Decimal("88")
    assert stored[two_vocations.pk, any_vocation.pk].priority == Decimal("88")
    assert stored[two_vocations.pk, job_b.pk].priority == Decimal("75")
    assert reason[former_intern.pk, same_internship.pk] == "internship_repeat"
    assert reason[former_intern.pk, other_internship.pk] == ""
    assert reason[strong.pk, same_internship.pk] == ""


def test_publishing_creates_referrals_with_letter_numbers(cast, garment):
    seat = _formation(cast, garment, quota=1)
    rnd = _round(cast, [seat])
    person = _applicant(cast, garment, "80")
    services.application_submit(actor=person.user, rnd=rnd, formation_ids=[seat.pk])
    rnd = _run(cast, rnd)
    services.round_publish(actor=cast.staff_a, rnd=rnd)
    referral = Referral.objects.get()
    assert referral.person == person and referral.company == cast.company_a
    assert referral.letter_number.startswith("560/PNY-")
    with pytest.raises(InvalidTransition):
        services.round_publish(actor=cast.staff_a, rnd=rnd)


def test_seats_held_by_earlier_referrals_are_not_offered_again_but_declined_ones_are(cast, garment):
    seat = _formation(cast, garment, quota=2)
    ReferralFactory(formation=seat, status=Referral.Status.HIRED)
    ReferralFactory(formation=seat, status=Referral.Status.DECLINED, status_reason="kuliah")
    rnd = _round(cast, [seat])
    _run(cast, rnd)
    assert rnd.formations.get().seats == 1


def test_publishing_refuses_when_seats_were_taken_since_the_allocation(cast, garment):
    seat = _formation(cast, garment, quota=1)
    rnd = _round(cast, [seat])
    person = _applicant(cast, garment, "80")
    services.application_submit(actor=person.user, rnd=rnd, formation_ids=[seat.pk])
    rnd = _run(cast, rnd)
    ReferralFactory(formation=seat)
    with pytest.raises(Conflict):
        services.round_publish(actor=cast.staff_a, rnd=rnd)
    assert not Referral.objects.filter(round=rnd).exists()


def _csv(text: str) -> BytesIO:
    data = BytesIO(text.encode())
    data.name = "peringkat.csv"
    return data


def test_a_company_ranking_replaces_the_score_order(cast, garment):
    seat = _formation(cast, garment, quota=1)
    rnd = _round(cast, [seat])
    strong = _applicant(cast, garment, "95")
    chosen = _applicant(cast, garment, "60")
    for person in (strong, chosen):
        services.application_submit(actor=person.user, rnd=rnd, formation_ids=[seat.pk])
    services.round_close(actor=cast.staff_a, rnd=rnd)
    rf = rnd.formations.get()
    with pytest.raises(ValidationError) as error:
        services.ranking_upload(
            actor=cast.hr_a, round_formation=rf, file=_csv("Peringkat,NIK\n1,1234\nx,5\n")
        )
    assert [e["row"] for e in error.value.detail["errors"]] == [2, 3]
    services.ranking_upload(
        actor=cast.hr_a,
        round_formation=rf,
        file=_csv(f"Peringkat,NIK\n1,{chosen.nik}\n2,{strong.nik}\n"),
    )
    services.round_allocate(actor=cast.staff_a, rnd=rnd)
    placed = AllocationResult.objects.get(round=rnd, formation__isnull=False)
    assert placed.application.person_id == chosen.pk
    other = AllocationResult.objects.get(round=rnd, formation__isnull=True)
    assert other.explanation[0]["cutoff"] == "1"


# --- referrals ------------------------------------------------------------------------


def test_company_hr_records_outcomes_of_their_own_candidates_only(cast):
    referral = ReferralFactory(formation__company=cast.company_a)
    with pytest.raises(NotFound):
        referrals.referral_record_outcome(actor=cast.hr_b, referral=referral, status="accepted")
    referrals.referral_record_outcome(actor=cast.hr_a, referral=referral, status="accepted")
    referrals.referral_record_outcome(actor=cast.hr_a, referral=referral, status="started")
    referral = referrals.referral_record_outcome(actor=cast.hr_a, referral=referral, status="hired")
    assert referral.status == "hired" and referral.hired_on == date.today()


def test_a_rejection_needs_a_reason_and_frees_the_seat(cast):
    referral = ReferralFactory(formation__company=cast.company_a)
    with pytest.raises(ValidationError):
        referrals.referral_record_outcome(actor=cast.hr_a, referral=referral, status="rejected")
    referrals.referral_record_outcome(
        actor=cast.hr_a, referral=referral, status="rejected", reason="Tidak lolos wawancara"
    )
    assert services.seats_held([referral.formation_id]) == {}


def test_an_internship_does_not_start_without_a_ratified_agreement(cast):
    referral = ReferralFactory(
        formation__company=cast.company_a,
        formation__kind=Formation.Kind.INTERNSHIP,
        status=Referral.Status.ACCEPTED,
    )
    with pytest.raises(Conflict) as error:
        referrals.referral_record_outcome(actor=cast.hr_a, referral=referral, status="started")
    assert error.value.code == "agreement_not_ratified"


def test_a_job_cannot_be_completed_like_an_internship(cast):
    referral = ReferralFactory(formation__company=cast.company_a, status=Referral.Status.STARTED)
    with pytest.raises(InvalidTransition):
        referrals.referral_record_outcome(actor=cast.hr_a, referral=referral, status="completed")


def test_a_direct_referral_refuses_a_full_formation(cast, garment):
    seat = _formation(cast, garment, quota=1)
    referrals.referral_create(actor=cast.staff_a, formation=seat, person=cast.person_1)
    with pytest.raises(Conflict):
        referrals.referral_create(actor=cast.staff_a, formation=seat, person=cast.person_2)


def _queries_for_round(cast, garment, applicants):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seats = [_formation(cast, garment, quota=1) for _ in range(2)]
    rnd = _round(cast, seats)
    for _ in range(applicants):
        person = _applicant(cast, garment, "70")
        services.application_submit(
            actor=person.user, rnd=rnd, formation_ids=[seats[0].pk, seats[1].pk]
        )
    counts = []
    for step in (services.round_close, services.round_allocate, services.round_publish):
        with CaptureQueriesContext(connection) as queries:
            rnd = step(actor=cast.staff_a, rnd=rnd)
        counts.append(len(queries))
    return counts


def test_a_round_takes_the_same_number_of_queries_whatever_its_size(cast, garment):
    _queries_for_round(cast, garment, 1)  # warms the caches a first call fills
    assert _queries_for_round(cast, garment, 2) == _queries_for_round(cast, garment, 8)

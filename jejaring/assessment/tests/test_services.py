"""Competency testing and certificates, through the services."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail

from jejaring.assessment import audit_actions, selectors, services
from jejaring.assessment.models import (
    AssessmentSession,
    Candidate,
    CompetencyCertificate,
    TrainingCertificate,
    UnitAssessment,
)
from jejaring.assessment.tests.factories import SessionFactory
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _all(world, result="K", note=""):
    return {unit.pk: (result, note) for unit in world.units}


def test_unit_codes_are_checked_leniently_and_compared_normalised():
    assert services.check_unit_code(" J.620100.004.02 ") == "J.620100.004.02"
    assert services.check_unit_code("TIK.OP02.001.01") == "TIK.OP02.001.01"
    assert services.normalise_unit_code("j 620100-004.02") == "J.620100.004.02"
    for bad in ["", "J.620100;004", "<script>", "x" * 41]:
        with pytest.raises(ValidationError):
            services.check_unit_code(bad)


def test_a_scheme_listing_the_same_unit_twice_in_two_spellings_is_refused(cast, world):
    with pytest.raises(ValidationError) as error:
        services.scheme_create(
            actor=cast.staff_a,
            code="SKM-X",
            name="X",
            kind="cluster",
            vocation=world.scheme.vocation,
            units=[
                services.UnitData("J.620100.004.02", "A"),
                services.UnitData("j 620100-004-02", "A"),
            ],
        )
    assert error.value.code == "duplicate_unit"


def test_a_new_scheme_reuses_a_unit_already_known_under_another_spelling(cast, world):
    scheme = services.scheme_create(
        actor=cast.staff_a,
        code="SKM-CLU",
        name="Klaster potong",
        kind="cluster",
        vocation=world.scheme.vocation,
        units=[services.UnitData("c 141000 002 01", "")],
    )
    assert [link.unit_id for link in scheme.scheme_units.all()] == [world.units[1].pk]


def test_a_session_for_a_finished_batch_takes_only_its_graduates(world):
    assert world.session.candidates.count() == 2
    assert world.session.institution == world.batch.institution
    assert AuditEvent.objects.filter(action=audit_actions.SESSION_CREATE).exists()


def test_an_assigned_assessor_records_all_k_and_the_scheme_result_is_k_with_score_100(cast, world):
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=_all(world)
    )
    assert candidate.result == Candidate.Result.COMPETENT
    assert candidate.status == Candidate.Status.ASSESSED
    assert candidate.score == Decimal("100.00")
    world.session.refresh_from_db()
    assert world.session.status == AssessmentSession.Status.ONGOING


def test_one_bk_unit_makes_the_scheme_result_bk_and_the_score_the_share_of_k(cast, world):
    results = _all(world)
    results[world.units[2].pk] = ("BK", "Jahitan belum rapi")
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=results
    )
    assert candidate.result == Candidate.Result.NOT_YET_COMPETENT
    assert candidate.score == Decimal("66.67")


def test_a_bk_without_an_evidence_note_is_refused_and_nothing_is_saved(cast, world):
    results = _all(world)
    results[world.units[0].pk] = ("BK", "  ")
    with pytest.raises(ValidationError):
        services.unit_results_record(
            actor=cast.assessor_user, candidate=world.candidate_1, results=results
        )
    assert not UnitAssessment.objects.exists()


def test_partial_results_leave_the_candidate_registered(cast, world):
    candidate = services.unit_results_record(
        actor=cast.assessor_user,
        candidate=world.candidate_1,
        results={world.units[0].pk: ("K", "")},
    )
    assert candidate.status == Candidate.Status.REGISTERED
    assert candidate.result == ""


def test_only_an_assigned_assessor_may_record_results(cast, world):
    with pytest.raises(PermissionDenied):
        services.unit_results_record(
            actor=cast.operator, candidate=world.candidate_1, results=_all(world)
        )
    other = SessionFactory(region=cast.region_a, scheme=world.scheme)
    outsider_candidate = Candidate.objects.create(
        region=cast.region_a, session=other, person=cast.person_1
    )
    with pytest.raises(NotFound):
        services.unit_results_record(
            actor=cast.assessor_user, candidate=outsider_candidate, results=_all(world)
        )
    assert not UnitAssessment.objects.exists()


def test_assessors_see_only_the_sessions_assigned_to_them(cast, world):
    SessionFactory(region=cast.region_a, scheme=world.scheme, assessors=[world.other_assessor])
    assert list(selectors.session_list_for(actor=cast.assessor_user)) == [world.session]


def test_a_unit_outside_the_scheme_is_refused(cast, world):
    other = services.scheme_create(
        actor=cast.staff_a,
        code="SKM-O",
        name="Lain",
        kind="cluster",
        vocation=world.scheme.vocation,
        units=[services.UnitData("Z.1", "Lain")],
    )
    unit = other.scheme_units.get().unit
    with pytest.raises(ValidationError):
        services.unit_results_record(
            actor=cast.assessor_user,
            candidate=world.candidate_1,
            results={unit.pk: ("K", "")},
        )


def test_a_retake_carries_k_units_over_and_reassesses_only_the_bk_ones(cast, world):
    results = _all(world)
    results[world.units[1].pk] = ("BK", "Potongan miring")
    first = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=results
    )
    later = SessionFactory(
        region=cast.region_a,
        scheme=world.scheme,
        institution=cast.lpks,
        lsp=world.lsp,
        test_site=world.site,
        date=date(2026, 6, 1),
        assessors=[cast.assessor],
    )
    retake = services.candidate_retake(actor=cast.operator, candidate=first, session=later)
    assert retake.retake_of == first
    assert UnitAssessment.objects.filter(candidate=retake).count() == 2
    with pytest.raises(ValidationError):
        services.unit_results_record(
            actor=cast.assessor_user,
            candidate=retake,
            results={world.units[0].pk: ("BK", "ulang")},
        )
    done = services.unit_results_record(
        actor=cast.assessor_user, candidate=retake, results={world.units[1].pk: ("K", "")}
    )
    assert done.result == Candidate.Result.COMPETENT
    assert done.score == Decimal("100.00")
    scores = selectors.competency_score_for(
        person_ids=[cast.person_1.pk, cast.person_2.pk], vocation_id=world.scheme.vocation_id
    )
    assert scores == {cast.person_1.pk: Decimal("100.00")}


def test_a_competent_candidate_cannot_be_retaken(cast, world):
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=_all(world)
    )
    with pytest.raises(InvalidTransition):
        services.candidate_retake(actor=cast.operator, candidate=candidate, session=world.session)


def test_the_trainee_submits_apl01_and_a_self_assessment_for_every_unit(cast, world):
    services.candidate_submit_application(
        actor=cast.trainee_1,
        candidate=world.candidate_1,
        claims={u.pk: ("K", "Pernah bekerja di konveksi") for u in world.units},
    )
    world.candidate_1.refresh_from_db()
    assert world.candidate_1.apl01_submitted_at is not None
    assert world.candidate_1.apl02.count() == 3
    with pytest.raises(NotFound):
        services.candidate_submit_application(
            actor=cast.trainee_2, candidate=world.candidate_1, claims={}
        )


def test_certificates_are_numbered_per_institution_and_year_without_gaps(cast, world):
    issued = services.training_certificates_issue(
        actor=cast.operator, batch=world.batch, issued_on=date(2026, 4, 13)
    )
    prefix = services.certificate_prefix(cast.lpks)
    assert sorted(c.number for c in issued) == [f"{prefix}/2026/0001", f"{prefix}/2026/0002"]
    assert len({c.verification_token for c in issued}) == 2
    assert all(len(c.verification_token) == 32 for c in issued)
    with pytest.raises(Conflict):
        services.training_certificates_issue(actor=cast.operator, batch=world.batch)


def test_another_region_cannot_issue_certificates_for_the_batch(cast, world):
    with pytest.raises(NotFound):
        services.training_certificates_issue(actor=cast.staff_b, batch=world.batch)
    assert not TrainingCertificate.objects.exists()


def test_revocation_needs_a_reason_and_is_audited(cast, world):
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    with pytest.raises(ValidationError):
        services.training_certificate_revoke(
            actor=cast.staff_a, certificate=certificate, reason=" "
        )
    revoked = services.training_certificate_revoke(
        actor=cast.staff_a, certificate=certificate, reason="Data kehadiran dipalsukan"
    )
    assert revoked.status == TrainingCertificate.Status.REVOKED
    event = AuditEvent.objects.get(action=audit_actions.TRAINING_CERTIFICATE_REVOKE)
    assert event.actor == cast.staff_a
    assert event.changes["reason"] == [None, "Data kehadiran dipalsukan"]
    with pytest.raises(InvalidTransition):
        services.training_certificate_revoke(actor=cast.staff_a, certificate=revoked, reason="lagi")


def test_a_competency_certificate_is_valid_three_years_by_default(cast, world):
    # No certificate is dated before its test: this test was held long ago.
    AssessmentSession.objects.filter(pk=world.session.pk).update(date=date(2024, 2, 1))
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=_all(world)
    )
    certificate = services.competency_certificate_record(
        actor=cast.operator,
        candidate=candidate,
        registration_number="JHT 1234 0000001 2026",
        issued_on=date(2024, 2, 29),
    )
    assert certificate.valid_until == date(2027, 2, 28)
    assert certificate.lsp == world.lsp


def test_a_not_yet_competent_candidate_gets_no_competency_certificate(cast, world):
    with pytest.raises(InvalidTransition):
        services.competency_certificate_record(
            actor=cast.operator,
            candidate=world.candidate_1,
            registration_number="X",
            issued_on=date(2026, 5, 1),
        )


def test_expiry_reminders_are_sent_once(cast, world):
    AssessmentSession.objects.filter(pk=world.session.pk).update(date=date(2023, 5, 1))
    cast.person_1.email = "siti@example.org"
    cast.person_1.save()
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=_all(world)
    )
    services.competency_certificate_record(
        actor=cast.operator,
        candidate=candidate,
        registration_number="JHT 1",
        issued_on=date(2023, 6, 1),
    )
    today = date(2026, 4, 1)
    assert services.competency_expiry_remind(today=today, days=90) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@example.org"]
    assert services.competency_expiry_remind(today=today, days=90) == 0
    assert len(mail.outbox) == 1
    assert CompetencyCertificate.objects.get().reminder_sent_at is not None


def test_the_public_verification_masks_the_name(cast, world):
    cast.person_1.full_name = "Siti Nurhaliza"
    cast.person_1.save()
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)
    mine = next(c for c in certificate if c.enrolment.person_id == cast.person_1.pk)
    found = selectors.verification_get(code=mine.verification_token)
    assert found.masked_name == "Sit* Nur******"
    assert found.valid
    with pytest.raises(NotFound):
        selectors.verification_get(code="0" * 32)


def test_the_reminder_command_can_run_every_day_without_reminding_twice(cast, world):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    today = timezone.localdate()
    AssessmentSession.objects.filter(pk=world.session.pk).update(date=services.add_years(today, -3))
    cast.person_1.email = "siti@example.org"
    cast.person_1.save()
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=_all(world)
    )
    services.competency_certificate_record(
        actor=cast.operator,
        candidate=candidate,
        registration_number="JHT 2",
        issued_on=services.add_years(today, -3) + timedelta(days=30),
    )
    first, second = StringIO(), StringIO()
    call_command("remind_competency_expiry", stdout=first)
    call_command("remind_competency_expiry", stdout=second)
    assert first.getvalue().startswith("1 ")
    assert second.getvalue().startswith("0 ")
    assert len(mail.outbox) == 1

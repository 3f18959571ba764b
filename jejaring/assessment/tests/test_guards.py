"""Guards on order and time in competency testing and certificates: no result or absence
before the test date, no certificate dated before the training ended or the test took
place, and revoking a certificate asks for confirmation first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.assessment import services
from jejaring.assessment.models import Candidate, CompetencyCertificate, TrainingCertificate
from jejaring.core.errors import ValidationError
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def _future_session(cast, world):
    return services.session_create(
        actor=cast.operator,
        scheme=world.scheme,
        lsp=world.lsp,
        test_site=world.site,
        day=timezone.localdate() + timedelta(days=7),
        assessors=[cast.assessor],
        enrolments=[world.enrolment_1],
    )


def _all_competent(world):
    return {unit.pk: ("K", "") for unit in world.units}


# --- results and absences wait for the test date ---------------------------------------


def test_results_cannot_be_recorded_before_the_test_date(cast, world):
    candidate = _future_session(cast, world).candidates.get()
    with pytest.raises(ValidationError) as refused:
        services.unit_results_record(
            actor=cast.assessor_user, candidate=candidate, results=_all_competent(world)
        )
    assert refused.value.code == "before_test_date"
    candidate.refresh_from_db()
    assert (candidate.status, candidate.result) == (Candidate.Status.REGISTERED, "")
    assert not candidate.unit_results.exists()


def test_a_candidate_cannot_be_marked_absent_before_the_test_date(cast, world):
    candidate = _future_session(cast, world).candidates.get()
    with pytest.raises(ValidationError):
        services.candidate_mark_absent(actor=cast.assessor_user, candidate=candidate)
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.REGISTERED


def test_results_on_or_after_the_test_date_are_accepted(cast, world):
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=_all_competent(world)
    )
    assert candidate.result == Candidate.Result.COMPETENT
    assert candidate.assessed_on >= world.session.date


def test_the_candidate_page_says_when_results_can_be_recorded(client, cast, world):
    candidate = _future_session(cast, world).candidates.get()
    client.force_login(cast.assessor_user)
    page = client.get(reverse("assessment:candidate_detail", args=[candidate.pk]))
    html = page.content.decode()
    assert 'data-testid="test-not-held"' in html
    assert "Simpan hasil" not in html
    response = client.post(
        reverse("assessment:candidate_results", args=[candidate.pk]),
        {f"result_{unit.pk}": "K" for unit in world.units},
    )
    assert response.status_code == 422
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.REGISTERED


def test_the_api_refuses_results_before_the_test_date_with_422(client, cast, world):
    candidate = _future_session(cast, world).candidates.get()
    client.force_login(cast.assessor_user)
    response = client.post(
        f"/api/assessment/candidates/{candidate.pk}/results",
        {"results": [{"unit_id": u.pk, "result": "K"} for u in world.units]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "before_test_date"
    assert "hasil baru dapat dicatat" in response.json()["message"]
    assert Candidate.objects.get(pk=candidate.pk).status == Candidate.Status.REGISTERED


# --- certificates are not dated before what they certify -------------------------------


def _finished_batch_ending_later(cast, world):
    end = timezone.localdate() + timedelta(days=3)
    batch = BatchFactory(
        program=world.batch.program,
        status=Batch.Status.FINISHED,
        start_date=end - timedelta(days=30),
        end_date=end,
    )
    EnrolmentFactory(batch=batch, status=Enrolment.Status.GRADUATED, graduated_on=end)
    return batch


def test_a_training_certificate_is_not_issued_before_the_training_ended(cast, world):
    batch = _finished_batch_ending_later(cast, world)
    with pytest.raises(ValidationError) as refused:
        services.training_certificates_issue(actor=cast.operator, batch=batch)
    assert refused.value.code == "issued_before_training_end"
    with pytest.raises(ValidationError):
        services.training_certificates_issue(
            actor=cast.operator, batch=world.batch, issued_on=world.batch.end_date - timedelta(1)
        )
    assert not TrainingCertificate.objects.exists()
    issued = services.training_certificates_issue(
        actor=cast.operator, batch=world.batch, issued_on=world.batch.end_date
    )
    assert len(issued) == 2


def test_the_api_refuses_an_early_certificate_with_422(client, cast, world):
    batch = _finished_batch_ending_later(cast, world)
    client.force_login(cast.operator)
    response = client.post(
        "/api/assessment/certificates/issue",
        {"batch_id": batch.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "issued_before_training_end"
    assert not TrainingCertificate.objects.exists()


def test_a_competency_certificate_is_not_dated_before_the_test(cast, world):
    candidate = services.unit_results_record(
        actor=cast.assessor_user, candidate=world.candidate_1, results=_all_competent(world)
    )
    with pytest.raises(ValidationError) as refused:
        services.competency_certificate_record(
            actor=cast.operator,
            candidate=candidate,
            registration_number="BNSP-1",
            issued_on=world.session.date - timedelta(days=1),
        )
    assert refused.value.field == "issued_on"
    assert not CompetencyCertificate.objects.exists()


# --- revoking asks for confirmation ----------------------------------------------------


def test_revoking_without_confirmation_changes_nothing_and_names_the_person(client, cast, world):
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    client.force_login(cast.staff_a)
    url = reverse("assessment:certificate_revoke", args=[certificate.pk])
    response = client.post(url, {"reason": "Salah cetak nama"})
    html = response.content.decode()
    assert response.status_code == 200
    assert certificate.enrolment.person.full_name in html
    assert "1 orang" in html
    assert 'name="reason" value="Salah cetak nama"' in html
    assert ">Cabut sertifikat</button>" in html
    certificate.refresh_from_db()
    assert certificate.status == TrainingCertificate.Status.VALID
    client.post(url, {"reason": "Salah cetak nama", "confirm": "1"})
    certificate.refresh_from_db()
    assert certificate.status == TrainingCertificate.Status.REVOKED

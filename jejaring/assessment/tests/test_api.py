"""The assessment API, scoped like the pages."""

import pytest

from jejaring.assessment import services
from jejaring.assessment.models import Candidate

pytestmark = pytest.mark.django_db


def test_the_assessor_lists_their_sessions_and_records_results(client, cast, world):
    client.force_login(cast.assessor_user)
    body = client.get("/api/assessment/sessions").json()
    assert [item["id"] for item in body["items"]] == [world.session.pk]
    response = client.post(
        f"/api/assessment/candidates/{world.candidate_1.pk}/results",
        {"results": [{"unit_id": u.pk, "result": "K"} for u in world.units]},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["result"] == "K"


def test_results_from_the_operator_are_refused_with_the_error_shape(client, cast, world):
    client.force_login(cast.operator)
    response = client.post(
        f"/api/assessment/candidates/{world.candidate_1.pk}/results",
        {"results": [{"unit_id": world.units[0].pk, "result": "K"}]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert set(response.json()) == {"code", "message", "detail"}
    assert Candidate.objects.get(pk=world.candidate_1.pk).status == "registered"


def test_a_malformed_result_is_a_422(client, cast, world):
    client.force_login(cast.assessor_user)
    response = client.post(
        f"/api/assessment/candidates/{world.candidate_1.pk}/results",
        {"results": [{"unit_id": world.units[0].pk, "result": "MAYBE"}]},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_another_region_s_staff_get_a_404(client, cast, world):
    client.force_login(cast.staff_b)
    assert client.get(f"/api/assessment/candidates/{world.candidate_1.pk}").status_code == 404
    sessions = f"/api/assessment/sessions/{world.session.pk}/candidates"
    assert client.get(sessions).status_code == 404


def test_certificates_revoke_and_public_verify(client, cast, world):
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    client.force_login(cast.staff_a)
    assert client.get("/api/assessment/certificates").json()["count"] == 2
    response = client.post(
        f"/api/assessment/certificates/{certificate.pk}/revoke",
        {"reason": "Salah nama"},
        content_type="application/json",
    )
    assert response.json()["status"] == "revoked"
    client.logout()
    public = client.get(f"/api/assessment/verify/{certificate.verification_token}").json()
    assert public["valid"] is False
    assert "nik" not in public
    assert client.get("/api/assessment/verify/unknown").status_code == 404


def test_the_public_verify_api_finds_a_certificate_by_its_printed_number(client, cast, world):
    certificate = services.training_certificates_issue(actor=cast.operator, batch=world.batch)[0]
    public = client.get(f"/api/assessment/verify/{certificate.number}")
    assert public.status_code == 200
    assert public.json()["number"] == certificate.number
    for code in ("BLK-1/2026/9999", "%00", "a/%00", "../.."):
        assert client.get(f"/api/assessment/verify/{code}").status_code == 404


def test_the_trainee_reads_only_their_own_results(client, cast, world):
    client.force_login(cast.trainee_1)
    body = client.get("/api/assessment/my/results").json()
    assert [row["candidate"]["id"] for row in body] == [world.candidate_1.pk]
    other = client.get(f"/api/assessment/candidates/{world.candidate_2.pk}")
    assert other.status_code == 404


@pytest.mark.parametrize("actor_name", ["staff_a", "operator", "assessor_user", "trainee_1"])
def test_another_region_s_records_are_a_404_whatever_the_body(client, cast, actor_name):
    from jejaring.assessment.tests.outsiders import OUTSIDERS

    ids = {name: make(cast) for name, make in OUTSIDERS.items()}
    client.force_login(getattr(cast, actor_name))
    urls = [
        f"/api/assessment/sessions/{ids['assessment_session_id']}/candidates",
        f"/api/assessment/candidates/{ids['candidate_id']}",
        f"/api/assessment/certificates/{ids['training_certificate_id']}/pdf",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = [
        f"/api/assessment/candidates/{ids['candidate_id']}/results",
        f"/api/assessment/certificates/{ids['training_certificate_id']}/revoke",
    ]
    for url in posts:
        assert client.post(url).status_code == 404, url
        assert client.post(url, {"reason": "x"}, content_type="application/json").status_code == 404


def test_the_operator_plans_a_session_for_hand_picked_graduates(client, cast, world):
    client.force_login(cast.operator)
    response = client.post(
        "/api/assessment/sessions",
        {
            "scheme_id": world.scheme.pk,
            "lsp_id": world.lsp.pk,
            "test_site_id": world.site.pk,
            "date": "2026-06-02",
            "assessor_ids": [cast.assessor.pk],
            "enrolment_ids": [world.enrolment_1.pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    session = Candidate.objects.filter(session_id=response.json()["id"])
    assert [c.person_id for c in session] == [cast.person_1.pk]


def test_a_session_with_another_region_s_enrolment_is_a_404_and_creates_nothing(
    client, cast, world
):
    from jejaring.assessment.models import AssessmentSession
    from jejaring.assessment.tests.outsiders import OUTSIDERS

    other = Candidate.objects.get(pk=OUTSIDERS["candidate_id"](cast))
    before = AssessmentSession.objects.count()
    client.force_login(cast.staff_a)
    response = client.post(
        "/api/assessment/sessions",
        {
            "scheme_id": world.scheme.pk,
            "lsp_id": world.lsp.pk,
            "test_site_id": world.site.pk,
            "date": "2026-06-02",
            "assessor_ids": [cast.assessor.pk],
            "enrolment_ids": [other.enrolment_id],
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert AssessmentSession.objects.count() == before


def test_issuing_over_the_api_numbers_every_graduate(client, cast, world):
    client.force_login(cast.operator)
    response = client.post(
        "/api/assessment/certificates/issue",
        {"batch_id": world.batch.pk},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert len(response.json()) == 2
    again = client.post(
        "/api/assessment/certificates/issue",
        {"batch_id": world.batch.pk},
        content_type="application/json",
    )
    assert again.status_code == 409


def test_a_competency_certificate_is_recorded_for_a_competent_candidate(client, cast, world):
    services.unit_results_record(
        actor=cast.assessor_user,
        candidate=world.candidate_1,
        results={u.pk: ("K", "") for u in world.units},
    )
    client.force_login(cast.operator)
    url = f"/api/assessment/candidates/{world.candidate_1.pk}/competency-certificate"
    response = client.post(
        url,
        {"registration_number": "JHT 1 2026", "issued_on": "2026-05-01"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["valid_until"] == "2029-05-01"
    soon = client.get("/api/assessment/competency-certificates?expiring_within=99999")
    assert soon.status_code == 422


def test_a_body_that_is_not_json_is_a_422_with_the_error_shape(client, cast, world):
    client.force_login(cast.assessor_user)
    response = client.post(
        f"/api/assessment/candidates/{world.candidate_1.pk}/results",
        b"\xff\xfe not json",
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"

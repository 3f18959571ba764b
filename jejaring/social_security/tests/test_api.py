"""The BPJS API: scoped like the pages, clear 4xx answers, writes looked up first."""

from datetime import date

import pytest

from jejaring.social_security.models import Coverage, Incident
from jejaring.social_security.tests.factories import CoverageFactory, IncidentFactory, bpu_rate
from jejaring.social_security.tests.outsiders import _coverage_of_region_b, _incident_of_region_b
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(cast):
    return BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 4, 30),
    )


@pytest.fixture
def cover(cast, batch):
    return CoverageFactory(enrolment=EnrolmentFactory(batch=batch, person=cast.person_1))


def test_staff_list_cover_with_masked_niks(client, cast, cover):
    client.force_login(cast.staff_a)
    body = client.get("/api/social-security/coverages?status=registered").json()
    [item] = body["items"]
    assert item["id"] == cover.pk and item["full_name"] == cast.person_1.full_name
    assert item["nik_masked"] != cast.person_1.nik and "•" in item["nik_masked"]


def test_staff_activate_cover_with_its_card_number(client, cast, cover):
    client.force_login(cast.staff_a)
    url = f"/api/social-security/coverages/{cover.pk}/activate"
    response = client.post(url, {"kpj_number": "123"}, content_type="application/json")
    assert response.status_code == 422
    response = client.post(url, {"kpj_number": "12345678901"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "active"


def test_an_outsiders_cover_is_a_404_even_with_an_empty_body(client, cast):
    other = _coverage_of_region_b(cast)
    client.force_login(cast.staff_a)
    assert client.post(f"/api/social-security/coverages/{other}/activate").status_code == 404
    incident = _incident_of_region_b(cast)
    assert client.post(f"/api/social-security/incidents/{incident}/claim").status_code == 404


def test_bulk_status_is_all_or_nothing(client, cast, cover):
    client.force_login(cast.staff_a)
    response = client.post(
        "/api/social-security/coverages/status",
        {"coverage_ids": [cover.pk], "status": "ended"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_coverage_transition"
    response = client.post(
        "/api/social-security/coverages/status",
        {"coverage_ids": [cover.pk], "status": "to_register"},
        content_type="application/json",
    )
    assert response.json() == {"count": 1}


def test_the_insurer_return_lists_every_bad_row(client, cast, cover):
    client.force_login(cast.staff_a)
    response = client.post(
        "/api/social-security/insurer-return",
        {"rows": [{"nik": cast.person_1.nik, "kpj": "1"}, {"nik": "x", "kpj": "12345678901"}]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert [e["row"] for e in response.json()["detail"]["errors"]] == [1, 2]
    cover.refresh_from_db()
    assert cover.status == Coverage.Status.REGISTERED


def test_the_premium_report_matches_its_lines(client, cast, cover):
    bpu_rate()
    client.force_login(cast.staff_a)
    body = client.get("/api/social-security/premium-report?month=2026-03").json()
    assert body["total"] == sum(line["total"] for line in body["lines"]) == 16_258
    assert client.get("/api/social-security/premium-report?month=2026-13").status_code == 422
    client.force_login(cast.hr_a)
    assert client.get("/api/social-security/premium-report?month=2026-03").status_code == 403


def test_a_trainee_reads_their_own_cover(client, cast, cover):
    cover.status, cover.kpj_number = Coverage.Status.ACTIVE, "12345678901"
    cover.save()
    client.force_login(cast.trainee_1)
    [own] = client.get("/api/social-security/my-coverages").json()
    assert own["kpj_number"] == "12345678901"
    client.force_login(cast.trainee_2)
    assert client.get("/api/social-security/my-coverages").json() == []
    assert client.get(f"/api/social-security/coverages/{cover.pk}").status_code == 404


def test_staff_record_an_incident_and_follow_its_claim(client, cast, cover):
    client.force_login(cast.staff_a)
    response = client.post(
        "/api/social-security/incidents",
        {
            "coverage_id": cover.pk,
            "kind": "accident",
            "occurred_at": "2026-03-10T09:00:00+07:00",
            "place": "Bengkel",
            "description": "Terjatuh dari tangga.",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    incident_id = response.json()["id"]
    response = client.post(
        f"/api/social-security/incidents/{incident_id}/claim",
        {"claim_status": "submitted", "claim_number": "K-1"},
        content_type="application/json",
    )
    assert response.json()["claim_status"] == "submitted"
    assert Incident.objects.get().claim_number == "K-1"


def test_company_hr_cannot_record_for_a_trainee_of_a_batch(client, cast, cover):
    client.force_login(cast.hr_a)
    response = client.post(
        "/api/social-security/incidents",
        {
            "coverage_id": cover.pk,
            "kind": "accident",
            "occurred_at": "2026-03-10T09:00:00+07:00",
            "place": "Bengkel",
            "description": "x",
        },
        content_type="application/json",
    )
    assert response.status_code == 404


def test_incidents_list_for_staff(client, cast):
    incident = IncidentFactory(coverage__enrolment__batch__region=cast.region_a)
    client.force_login(cast.staff_a)
    assert [i["id"] for i in client.get("/api/social-security/incidents").json()["items"]] == [
        incident.pk
    ]


def test_rebuilding_a_batch_list_over_the_api(client, cast, batch):
    EnrolmentFactory(batch=batch, person=cast.person_2, status="accepted")
    client.force_login(cast.staff_a)
    url = f"/api/social-security/batches/{batch.pk}/list"
    assert client.post(url).json() == {"count": 1}
    assert client.post(url).json() == {"count": 0}
    client.force_login(cast.operator)
    assert client.post(url).status_code == 403


def test_warnings_name_the_uncovered_and_are_for_staff_only(client, cast):
    from datetime import timedelta

    from django.utils import timezone

    soon = timezone.localdate() + timedelta(days=3)
    batch = BatchFactory(
        region=cast.region_a,
        start_date=soon,
        end_date=soon + timedelta(days=30),
        status="selection",
    )
    EnrolmentFactory(batch=batch, person=cast.person_1, status="accepted")
    client.force_login(cast.staff_a)
    [warning] = client.get("/api/social-security/warnings").json()
    assert (warning["batch_id"], warning["uncovered"]) == (batch.pk, [cast.person_1.full_name])
    assert client.get("/api/social-security/warnings?days=1").json() == []
    assert client.get("/api/social-security/warnings?days=-1").status_code == 422
    client.force_login(cast.staff_b)
    assert client.get("/api/social-security/warnings").json() == []
    client.force_login(cast.hr_a)
    assert client.get("/api/social-security/warnings").status_code == 403


def test_staff_build_the_internship_list_over_the_api(client, cast):
    from jejaring.employers.models import Formation
    from jejaring.employers.tests.factories import FormationFactory
    from jejaring.placement.tests.factories import ReferralFactory

    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP)
    ReferralFactory(
        formation=formation, person=cast.person_1, status="started", started_on=date(2026, 11, 2)
    )
    client.force_login(cast.staff_a)
    assert client.post("/api/social-security/internships/list").json() == {"count": 1}
    client.force_login(cast.hr_a)
    [cover] = client.get("/api/social-security/coverages").json()["items"]
    assert (cover["payer"], cover["payer_company_id"]) == ("company", cast.company_a.pk)

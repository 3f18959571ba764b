"""The employers API: scoped like the pages; write routes answer an outsider 404 before
reading the body; bad bodies are a clear 422 that changes nothing."""

from datetime import date

import pytest

from jejaring.employers.models import Company, Formation
from jejaring.employers.tests.factories import (
    AgreementFactory,
    CompanyFactory,
    FormationFactory,
    InternshipAgreementFactory,
    InternshipProgramFactory,
)

pytestmark = pytest.mark.django_db

JSON = "application/json"


def test_company_hr_list_only_their_company(client, cast):
    client.force_login(cast.hr_a)
    body = client.get("/api/employers/companies").json()
    assert [item["name"] for item in body["items"]] == ["PT Garmen Sejahtera"]
    assert client.get(f"/api/employers/companies/{cast.company_b.pk}").status_code == 404


def test_office_staff_register_a_company_and_duplicates_are_409(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        "/api/employers/companies",
        {"name": "PT Baru", "kbli_code": "C 14111", "workforce_size": 40},
        content_type=JSON,
    )
    assert response.status_code == 201 and response.json()["kbli_code"] == "C 14111"
    again = client.post("/api/employers/companies", {"name": "PT Baru"}, content_type=JSON)
    assert again.status_code == 409 and again.json()["code"] == "name_taken"


def test_hr_patch_of_the_name_is_refused(client, cast):
    client.force_login(cast.hr_a)
    url = f"/api/employers/companies/{cast.company_a.pk}"
    assert client.patch(url, {"name": "X"}, content_type=JSON).status_code == 422
    response = client.patch(url, {"workforce_size": 99}, content_type=JSON)
    assert response.status_code == 200 and response.json()["workforce_size"] == 99


def test_an_empty_write_to_an_outsiders_company_is_404(client, cast):
    other = CompanyFactory(region=cast.region_b)
    client.force_login(cast.staff_a)
    assert client.patch(f"/api/employers/companies/{other.pk}").status_code == 404
    assert client.post(f"/api/employers/companies/{other.pk}/formations").status_code == 404


def test_agreements_come_with_their_expiry(client, cast):
    AgreementFactory(
        company=cast.company_a, valid_from=date(2020, 1, 1), valid_until=date(2021, 1, 1)
    )
    client.force_login(cast.staff_a)
    body = client.get("/api/employers/agreements").json()
    assert body["items"][0]["expiry"] == "expired"
    assert client.get("/api/employers/agreements?expiry=nonsense").status_code == 422


def test_hr_create_publish_and_close_a_formation(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        f"/api/employers/companies/{cast.company_a.pk}/formations",
        {"kind": "job", "title": "Penjahit", "quota": 4, "accepts_all_vocations": True},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    formation_id = response.json()["id"]
    published = client.post(f"/api/employers/formations/{formation_id}/publish")
    assert published.json()["status"] == "open"
    again = client.post(f"/api/employers/formations/{formation_id}/publish")
    assert again.status_code == 409
    closed = client.post(f"/api/employers/formations/{formation_id}/close")
    assert closed.json()["status"] == "closed"


def test_a_malformed_formation_is_422_and_nothing_is_written(client, cast):
    client.force_login(cast.hr_a)
    url = f"/api/employers/companies/{cast.company_a.pk}/formations"
    for body in ("{", '{"kind": "job", "title": "X", "quota": 0}', "null"):
        response = client.post(url, body, content_type=JSON)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid"
    assert not Formation.objects.exists()


def test_the_public_formation_list_needs_no_login_and_filters_by_region(client, cast):
    FormationFactory(company=cast.company_a, title="Kasir")
    FormationFactory(company=CompanyFactory(region=cast.region_b), title="Kasir Kudus")
    body = client.get("/api/employers/public/formations?formation_region=kota-pekalongan").json()
    assert [item["title"] for item in body["items"]] == ["Kasir"]
    assert "phone" not in body["items"][0]
    missing = client.get("/api/employers/public/formations?formation_region=tidak-ada")
    assert missing.status_code == 404


def test_the_office_decides_a_program_over_the_api(client, cast):
    program = InternshipProgramFactory(company=cast.company_a, status="submitted")
    url = f"/api/employers/internship-programs/{program.pk}/decision"
    client.force_login(cast.hr_a)
    assert client.post(url, {"decision": "approve"}, content_type=JSON).status_code == 404
    client.force_login(cast.staff_a)
    bad = client.post(url, {"decision": "maybe"}, content_type=JSON)
    assert bad.status_code == 422
    response = client.post(
        url, {"decision": "reject", "note": "Fasilitas kurang."}, content_type=JSON
    )
    assert response.status_code == 200 and response.json()["status"] == "rejected"


def test_hr_draft_a_program_over_the_api(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        f"/api/employers/companies/{cast.company_a.pk}/internship-programs",
        {
            "title": "Magang",
            "description": "Praktik",
            "facilities": "Mesin",
            "supervisors": "Budi",
            "plan": "Rencana",
            "duration_months": 6,
            "theory_pct": 50,
        },
        content_type=JSON,
    )
    assert response.status_code == 422 and response.json()["code"] == "invalid_theory_pct"


def test_the_office_ratifies_a_signed_agreement_over_the_api(client, cast):
    agreement = InternshipAgreementFactory(
        referral__formation__company=cast.company_a, status="signed"
    )
    client.force_login(cast.hr_a)
    url = f"/api/employers/internship-agreements/{agreement.pk}/ratify"
    assert client.post(url).status_code == 404
    client.force_login(cast.staff_a)
    response = client.post(url)
    assert response.status_code == 200 and response.json()["status"] == "ratified"
    assert client.post(url).status_code == 409


def test_a_trainee_sees_no_companies(client, cast):
    client.force_login(cast.trainee_1)
    assert client.get("/api/employers/companies").json()["count"] == 0
    assert Company.objects.count() == 2

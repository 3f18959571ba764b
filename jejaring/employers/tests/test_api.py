"""The employers API: scoped like the pages; write routes answer an outsider 404 before
reading the body; bad bodies are a clear 422 that changes nothing."""

from datetime import date

import pytest

from jejaring.employers.models import Company
from jejaring.employers.tests.factories import (
    AgreementFactory,
    CompanyFactory,
    FormationFactory,
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


def test_the_public_formation_list_needs_no_login_and_filters_by_region(client, cast):
    FormationFactory(company=cast.company_a, title="Kasir")
    FormationFactory(company=CompanyFactory(region=cast.region_b), title="Kasir Kudus")
    body = client.get("/api/employers/public/formations?formation_region=kota-pekalongan").json()
    assert [item["title"] for item in body["items"]] == ["Kasir"]
    assert "phone" not in body["items"][0]
    missing = client.get("/api/employers/public/formations?formation_region=tidak-ada")
    assert missing.status_code == 404


def test_a_trainee_sees_no_companies(client, cast):
    client.force_login(cast.trainee_1)
    assert client.get("/api/employers/companies").json()["count"] == 0
    assert Company.objects.count() == 2

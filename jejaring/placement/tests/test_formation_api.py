"""The formation and internship agreement API (mounted at /api/employers/): scoped like
the pages; bad bodies are a clear 422 that changes nothing."""

import pytest

from jejaring.employers.models import Formation
from jejaring.internships.tests.factories import InternshipProgramFactory
from jejaring.placement.tests.factories import InternshipAgreementFactory

JSON = "application/json"

pytestmark = pytest.mark.django_db


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


def test_an_internship_formation_names_its_program_in_the_api(client, cast):
    program = InternshipProgramFactory(company=cast.company_a)
    client.force_login(cast.hr_a)
    response = client.post(
        f"/api/employers/companies/{cast.company_a.pk}/formations",
        {
            "kind": "internship",
            "title": "Operator Jahit",
            "quota": 2,
            "accepts_all_vocations": True,
            "internship_program_id": program.pk,
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["internship_program_id"] == program.pk
    listed = client.get("/api/employers/formations").json()["items"]
    assert [row["internship_program_id"] for row in listed] == [program.pk]


def test_a_malformed_formation_is_422_and_nothing_is_written(client, cast):
    client.force_login(cast.hr_a)
    url = f"/api/employers/companies/{cast.company_a.pk}/formations"
    for body in ("{", '{"kind": "job", "title": "X", "quota": 0}', "null"):
        response = client.post(url, body, content_type=JSON)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid"
    assert not Formation.objects.exists()


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

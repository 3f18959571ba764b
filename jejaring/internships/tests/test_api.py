"""The internship program API: scoped like the pages."""

import pytest

from jejaring.internships.tests.factories import InternshipProgramFactory

JSON = "application/json"

pytestmark = pytest.mark.django_db


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

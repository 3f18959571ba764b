"""Internship program pages for office staff and company HR."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jejaring.internships.models import InternshipProgram
from jejaring.internships.tests.factories import InternshipProgramFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


def test_the_office_sees_the_deadline_and_overdue_requests(client, cast):
    InternshipProgramFactory(
        company=cast.company_a,
        title="Magang Terlambat",
        status="submitted",
        decision_due_on=timezone.localdate() - timedelta(days=2),
    )
    client.force_login(cast.staff_a)
    page = client.get("/perusahaan/program-magang/").content.decode()
    assert "Magang Terlambat" in page and "lewat batas" in page


def test_hr_submits_a_program_and_the_office_approves_it(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        f"/perusahaan/{cast.company_a.pk}/program-magang/baru/",
        {
            "title": "Magang Jahit",
            "description": "Praktik menjahit.",
            "facilities": "Mesin jahit",
            "supervisors": "Budi",
            "plan": "Teori lalu praktik",
            "duration_months": 6,
            "theory_pct": 20,
            "draft_agreement": SimpleUploadedFile("draft.pdf", PDF),
        },
    )
    program = InternshipProgram.objects.get(title="Magang Jahit")
    assert response.status_code == 302
    client.post(f"/perusahaan/program-magang/{program.pk}/ajukan/")
    program.refresh_from_db()
    assert program.status == "submitted" and program.decision_due_on
    assert (
        client.post(
            f"/perusahaan/program-magang/{program.pk}/putuskan/", {"decision": "approve"}
        ).status_code
        == 404
    )
    client.force_login(cast.staff_a)
    page = client.get(f"/perusahaan/program-magang/{program.pk}/").content.decode()
    assert "Keputusan dinas" in page
    response = client.post(
        f"/perusahaan/program-magang/{program.pk}/putuskan/", {"decision": "return", "note": ""}
    )
    assert response.status_code == 422
    client.post(f"/perusahaan/program-magang/{program.pk}/putuskan/", {"decision": "approve"})
    program.refresh_from_db()
    assert program.status == "approved"

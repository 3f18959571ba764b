"""Formation and internship agreement pages for office staff and company HR."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jejaring.employers.models import Formation
from jejaring.internships.tests.factories import InternshipFormationFactory
from jejaring.placement.models import InternshipAgreement
from jejaring.placement.tests.factories import InternshipAgreementFactory, ReferralFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


def test_hr_drafts_and_publishes_a_formation_that_then_shows_publicly(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        f"/perusahaan/{cast.company_a.pk}/formasi/baru/",
        {
            "kind": "job",
            "title": "Operator Jahit",
            "accepts_all_vocations": "on",
            "quota": 5,
            "monthly_pay": 2_300_000,
            "min_result": "competent",
            "closes_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
        },
    )
    formation = Formation.objects.get(title="Operator Jahit")
    assert response.url == f"/perusahaan/formasi/{formation.pk}/"
    client.post(f"/perusahaan/formasi/{formation.pk}/buka/")
    formation.refresh_from_db()
    assert formation.status == "open"
    client.logout()
    page = client.get("/perusahaan/lowongan/").content.decode()
    assert "Operator Jahit" in page
    detail = client.get(f"/perusahaan/lowongan/{formation.pk}/").content.decode()
    assert "Rp" in detail and "Harus Kompeten" in detail


def test_a_zero_quota_is_refused_with_a_message(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(
        f"/perusahaan/{cast.company_a.pk}/formasi/baru/",
        {"kind": "job", "title": "X", "accepts_all_vocations": "on", "quota": 0},
    )
    assert response.status_code == 200 and not Formation.objects.exists()


def test_hr_draws_up_signs_and_the_office_ratifies_an_internship_agreement(client, cast):
    formation = InternshipFormationFactory(
        company=cast.company_a, period_start=date(2027, 1, 4), period_end=date(2027, 6, 30)
    )
    referral = ReferralFactory(
        formation=formation, status="accepted", person__birth_date=date(2000, 1, 1)
    )
    client.force_login(cast.hr_a)
    assert "Buat perjanjian" in client.get(f"/perusahaan/formasi/{formation.pk}/").content.decode()
    response = client.post(
        f"/perusahaan/penyaluran/{referral.pk}/perjanjian-magang/",
        {
            "starts_on": "2027-01-04",
            "ends_on": "2027-06-30",
            "stipend_transport": 400000,
            "stipend_meals": 300000,
            "stipend_incentive": 0,
        },
    )
    agreement = InternshipAgreement.objects.get(referral=referral)
    assert response.url == f"/perusahaan/perjanjian-magang/{agreement.pk}/"
    pdf = client.get(f"/perusahaan/perjanjian-magang/{agreement.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.post(
        f"/perusahaan/perjanjian-magang/{agreement.pk}/tanda-tangan/",
        {"signed_document": SimpleUploadedFile("ttd.pdf", PDF)},
    )
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    client.post(f"/perusahaan/perjanjian-magang/{agreement.pk}/sahkan/")
    agreement.refresh_from_db()
    assert agreement.status == "signed"
    client.force_login(cast.staff_a)
    client.post(f"/perusahaan/perjanjian-magang/{agreement.pk}/sahkan/")
    agreement.refresh_from_db()
    assert agreement.status == "ratified"


def test_hr_of_another_company_cannot_open_the_agreement(client, cast):
    agreement = InternshipAgreementFactory(referral__formation__company=cast.company_a)
    client.force_login(cast.hr_b)
    assert client.get(f"/perusahaan/perjanjian-magang/{agreement.pk}/").status_code == 404
    assert client.get(f"/perusahaan/perjanjian-magang/{agreement.pk}/pdf/").status_code == 404

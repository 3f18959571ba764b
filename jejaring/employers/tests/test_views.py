"""Employers pages for office staff, company HR and the public."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jejaring.employers.models import Agreement, Company
from jejaring.employers.tests.factories import AgreementFactory, FormationFactory
from jejaring.placement.tests.factories import InternshipAgreementFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_office_staff_list_their_companies_only(client, cast):
    from jejaring.employers.tests.factories import CompanyFactory

    CompanyFactory(region=cast.region_b, name="PT Kudus Jaya")
    client.force_login(cast.staff_a)
    page = client.get("/perusahaan/").content.decode()
    assert "PT Garmen Sejahtera" in page and "Hotel Batik Indah" in page
    assert "PT Kudus Jaya" not in page


def test_the_company_list_takes_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    from jejaring.employers.tests.factories import CompanyFactory

    CompanyFactory.create_batch(10, region=cast.region_a)
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(12):
        assert client.get("/perusahaan/").status_code == 200


def test_office_staff_register_a_company(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        "/perusahaan/baru/",
        {
            "name": "PT Bengkel Maju",
            "sector": "Reparasi sepeda motor",
            "kbli_code": "G 45405",
            "workforce_size": 12,
            "status": "active",
            "is_partner": "on",
        },
    )
    company = Company.objects.get(name="PT Bengkel Maju")
    assert response.status_code == 302 and company.region == cast.region_a
    assert company.is_partner


def test_a_bad_kbli_code_is_shown_next_to_the_field(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        "/perusahaan/baru/",
        {"name": "PT X", "kbli_code": "zz", "workforce_size": 1, "status": "active"},
    )
    assert response.status_code == 200 and "Kode KBLI" in response.content.decode()
    assert not Company.objects.filter(name="PT X").exists()


def test_company_hr_land_on_their_company_and_cannot_open_another(client, cast):
    client.force_login(cast.hr_a)
    response = client.get("/perusahaan/saya/")
    assert response.url == f"/perusahaan/{cast.company_a.pk}/"
    assert client.get(f"/perusahaan/{cast.company_a.pk}/").status_code == 200
    assert client.get(f"/perusahaan/{cast.company_b.pk}/").status_code == 404


def test_company_hr_edit_only_contact_and_workforce_fields(client, cast):
    client.force_login(cast.hr_a)
    page = client.get(f"/perusahaan/{cast.company_a.pk}/ubah/").content.decode()
    assert 'name="workforce_size"' in page and 'name="name"' not in page
    client.post(
        f"/perusahaan/{cast.company_a.pk}/ubah/",
        {"workforce_size": 250, "phone": "0285123456", "name": "Diretas"},
    )
    cast.company_a.refresh_from_db()
    assert cast.company_a.workforce_size == 250 and cast.company_a.name == "PT Garmen Sejahtera"


def test_office_staff_invite_an_hr_account(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        f"/perusahaan/{cast.company_b.pk}/undang-hrd/",
        {"full_name": "Rina", "email": "rina@hotel.example"},
    )
    assert response.status_code == 302
    assert cast.company_b.memberships.filter(user__email="rina@hotel.example").exists()
    client.force_login(cast.hr_a)
    assert client.get(f"/perusahaan/{cast.company_a.pk}/undang-hrd/").status_code == 404


def test_an_agreement_is_uploaded_and_downloaded_by_its_company_only(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        f"/perusahaan/{cast.company_a.pk}/kerja-sama/baru/",
        {
            "kind": "pks",
            "number": "560/9/PKS/2026",
            "title": "Pemagangan",
            "valid_from": "2026-01-01",
            "valid_until": "2028-12-31",
            "status": "active",
            "document": SimpleUploadedFile("pks.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    client.force_login(cast.hr_a)
    assert client.get(f"/perusahaan/kerja-sama/{agreement.pk}/dokumen/").status_code == 200
    client.force_login(cast.hr_b)
    assert client.get(f"/perusahaan/kerja-sama/{agreement.pk}/dokumen/").status_code == 404


def test_an_oversize_agreement_document_is_refused_with_a_message(client, cast):
    client.force_login(cast.staff_a)
    big = SimpleUploadedFile("pks.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024))
    response = client.post(
        f"/perusahaan/{cast.company_a.pk}/kerja-sama/baru/",
        {
            "kind": "pks",
            "number": "560/9/PKS/2026",
            "title": "Pemagangan",
            "valid_from": "2026-01-01",
            "valid_until": "2028-12-31",
            "status": "active",
            "document": big,
        },
    )
    assert "terlalu besar" in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_agreement_list_shows_expired_ones(client, cast):
    AgreementFactory(
        company=cast.company_a,
        number="LAMA/1",
        valid_from=date(2021, 1, 1),
        valid_until=date(2024, 1, 1),
    )
    client.force_login(cast.staff_a)
    page = client.get("/perusahaan/kerja-sama/?masa=expired").content.decode()
    assert "LAMA/1" in page and "Sudah berakhir" in page


def test_the_public_list_is_scoped_by_region_and_hides_drafts(client, cast):
    from jejaring.employers.tests.factories import CompanyFactory

    FormationFactory(company=cast.company_a, title="Kasir Pekalongan")
    FormationFactory(company=CompanyFactory(region=cast.region_b), title="Kasir Kudus")
    draft = FormationFactory(company=cast.company_a, title="Konsep Rahasia", status="draft")
    page = client.get("/perusahaan/lowongan/wilayah/kota-pekalongan/").content.decode()
    assert "Kasir Pekalongan" in page and "Kasir Kudus" not in page
    assert "Konsep Rahasia" not in client.get("/perusahaan/lowongan/").content.decode()
    assert client.get(f"/perusahaan/lowongan/{draft.pk}/").status_code == 404
    assert client.get("/perusahaan/lowongan/wilayah/tidak-ada/").status_code == 404


def test_the_menu_shows_each_role_its_entries(client, cast):
    client.force_login(cast.hr_a)
    page = client.get("/perusahaan/formasi/").content.decode()
    assert "Perusahaan saya" in page and "Program magang" in page
    client.force_login(cast.staff_a)
    page = client.get("/perusahaan/formasi/").content.decode()
    assert 'href="/perusahaan/"' in page
    client.force_login(cast.trainee_1)
    assert client.get("/perusahaan/formasi/").status_code == 404


def test_hr_remove_a_contact_of_their_company_only(client, cast):
    from jejaring.employers.models import CompanyContact

    own = CompanyContact.objects.create(company=cast.company_a, full_name="Sari")
    other = CompanyContact.objects.create(company=cast.company_b, full_name="Dewi")
    client.force_login(cast.hr_a)
    assert client.post(f"/perusahaan/kontak/{other.pk}/hapus/").status_code == 404
    assert client.post(f"/perusahaan/kontak/{own.pk}/hapus/").status_code == 302
    assert list(CompanyContact.objects.values_list("full_name", flat=True)) == ["Dewi"]


@pytest.mark.parametrize(
    "url",
    [
        "/perusahaan/kerja-sama/",
        "/perusahaan/formasi/",
        "/perusahaan/program-magang/",
        "/perusahaan/perjanjian-magang/",
    ],
)
def test_list_pages_take_a_constant_number_of_queries(
    client, cast, url, django_assert_max_num_queries
):
    for _ in range(8):
        AgreementFactory(company=cast.company_a)
        InternshipAgreementFactory(referral__formation__company=cast.company_a)
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    client.force_login(cast.hr_a)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200

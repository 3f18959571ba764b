from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jejaring.trainees.models import Person
from jejaring.training.models import Batch, Enrolment, EnrolmentDocument
from jejaring.training.tests.test_registration import BIRTH, NIK, PDF, open_batch

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    values = {
        "nik": NIK,
        "full_name": "Siti Rahayu",
        "sex": "F",
        "birth_place": "Pekalongan",
        "birth_date": BIRTH.isoformat(),
        "education": "smk",
        "address": "Jl. Hayam Wuruk 5",
        "domicile_regency_code": "33.75",
        "domicile_district_code": "33.75.01",
        "phone": "081234567890",
        "email": "siti@example.id",
        "consent": "on",
    }
    values.update(overrides)
    return values


def test_anyone_sees_open_batches_with_quota_and_criteria_but_not_planned_ones(client, cast):
    batch = open_batch(cast, min_age=18, max_age=35, min_education="smp", capacity=16)
    planned = open_batch(cast, status=Batch.Status.PLANNED, name="Paket Rahasia")
    response = client.get("/daftar/")
    body = response.content.decode()
    assert response.status_code == 200
    assert batch.program.name in body
    assert "Sisa kuota 16 dari 16" in body
    assert "Usia 18–35 tahun" in body
    assert "Pendidikan minimal SMP/sederajat" in body
    assert planned.name not in body
    assert client.get(f"/daftar/{planned.pk}/").status_code == 404
    assert client.get(f"/daftar/{planned.pk}/formulir/").status_code == 404
    detail = client.get(f"/daftar/{batch.pk}/")
    assert detail.status_code == 200
    assert cast.lpks.name in detail.content.decode()


def test_the_form_defaults_the_domicile_to_the_batch_s_regency(client, cast):
    batch = open_batch(cast)
    response = client.get(f"/daftar/{batch.pk}/formulir/")
    assert response.status_code == 200
    assert 'value="33.75" selected' in response.content.decode()


def test_a_person_registers_through_the_form_and_sees_a_neutral_confirmation(client, cast):
    batch = open_batch(cast)
    ktp = SimpleUploadedFile("ktp.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/daftar/{batch.pk}/formulir/", form_data(document_ktp=ktp), follow=True
    )
    assert response.redirect_chain[-1][0] == f"/daftar/{batch.pk}/terkirim/"
    assert "Pendaftaran Anda untuk" in response.content.decode()
    enrolment = Enrolment.objects.get(batch=batch)
    assert enrolment.person.nik == NIK
    assert EnrolmentDocument.objects.filter(enrolment=enrolment, kind="ktp").exists()


def test_a_duplicate_registration_is_answered_like_the_first_and_left_to_staff(client, cast):
    batch = open_batch(cast)
    first = client.post(f"/daftar/{batch.pk}/formulir/", form_data())
    second = client.post(f"/daftar/{batch.pk}/formulir/", form_data())
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    assert "sudah mendaftar" not in second.content.decode()
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"nik": "12345"}, "NIK"),
        ({"consent": ""}, "Bidang ini tidak boleh kosong."),
        # A phone is enough (the email is optional), but one of them is a way to reach
        # the applicant: the phone is required.
        ({"phone": ""}, "Bidang ini tidak boleh kosong."),
        ({"email": "bukan-alamat"}, "Masukkan alamat email yang valid."),
        ({"domicile_district_code": "33.19.01"}, "Kecamatan"),
    ],
)
def test_bad_input_shows_an_error_and_writes_nothing(client, cast, overrides, message):
    batch = open_batch(cast)
    response = client.post(f"/daftar/{batch.pk}/formulir/", form_data(**overrides))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Enrolment.objects.exists()
    assert Person.objects.count() == 2


def test_a_file_that_is_not_a_document_is_refused_on_the_form(client, cast):
    batch = open_batch(cast)
    fake = SimpleUploadedFile("ktp.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = client.post(f"/daftar/{batch.pk}/formulir/", form_data(document_ktp=fake))
    assert response.status_code == 422
    assert "harus PDF, JPG atau PNG" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_a_filled_honeypot_looks_like_success_but_writes_nothing(client, cast):
    batch = open_batch(cast)
    response = client.post(
        f"/daftar/{batch.pk}/formulir/", form_data(website="http://spam.example")
    )
    assert response.status_code == 302
    assert not Enrolment.objects.exists()


def test_an_oversized_request_is_refused_before_it_is_read(client, cast):
    batch = open_batch(cast)
    response = client.post(
        f"/daftar/{batch.pk}/formulir/", form_data(), CONTENT_LENGTH=str(50 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert not Enrolment.objects.exists()


def test_registration_after_the_closing_date_is_a_404(client, cast):
    batch = open_batch(cast, registration_closes_on=timezone.localdate() - timedelta(days=1))
    assert client.post(f"/daftar/{batch.pk}/formulir/", form_data()).status_code == 404
    assert not Enrolment.objects.exists()


def test_the_list_filters_by_region_and_its_queries_do_not_grow_with_batches(
    client, cast, django_assert_max_num_queries
):
    from jejaring.training.tests.factories import BatchFactory

    for _ in range(5):
        open_batch(cast)
    kudus = BatchFactory(
        program__institution__region=cast.region_b,
        program__name="Las Listrik",
        status=Batch.Status.OPEN,
    )
    with django_assert_max_num_queries(8):
        body = client.get("/daftar/").content.decode()
    assert "Kabupaten Kudus" in body
    body = client.get("/daftar/?wilayah=kabupaten-kudus").content.decode()
    assert kudus.program.name in body
    assert "Menjahit" not in body

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jejaring.accounts.models import User
from jejaring.accounts.tests.factories import UserFactory
from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.trainees.models import Person
from jejaring.trainees.nik import format_nik
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Batch, Enrolment, EnrolmentDocument, IdentityReview
from jejaring.training.registration import (
    DocumentUpload,
    RegistrationData,
    open_batch_get,
    open_batch_list,
    registration_submit,
    seats_left,
)
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db

BIRTH = date(2001, 5, 17)
NIK = format_nik(district_code="33.75.01", birth_date=BIRTH, sex="F", serial=12)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def open_batch(cast, **kwargs):
    today = timezone.localdate()
    values = {
        "program": ProgramFactory(region=cast.region_a, institution=cast.lpks, name="Menjahit"),
        "status": Batch.Status.OPEN,
        "start_date": today + timedelta(days=30),
        "end_date": today + timedelta(days=70),
    }
    values.update(kwargs)
    return BatchFactory(**values)


def data(**overrides):
    values = {
        "nik": NIK,
        "full_name": "  Siti   Rahayu ",
        "sex": "F",
        "birth_date": BIRTH,
        "birth_place": "Pekalongan",
        "education": "smk",
        "address": "Jl. Hayam Wuruk 5",
        "domicile_regency_code": "33.75",
        "domicile_district_code": "33.75.01",
        "phone": "0812 3456 7890",
        "email": "Siti@Example.ID",
        "consent": True,
    }
    values.update(overrides)
    return RegistrationData(**values)


def submit(batch, registration, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return registration_submit(
            batch_id=batch.pk, data=registration, base_url="https://jejaring.example"
        )


def test_a_new_person_is_recorded_unverified_and_the_account_gets_only_the_registration(
    cast, django_capture_on_commit_callbacks
):
    batch = open_batch(cast)
    enrolment = submit(batch, data(), django_capture_on_commit_callbacks)

    assert enrolment.status == Enrolment.Status.APPLIED
    assert enrolment.source == Enrolment.Source.SELF
    assert enrolment.identity == Enrolment.Identity.UNVERIFIED
    assert enrolment.region == cast.region_a
    assert enrolment.institution == cast.lpks
    assert enrolment.applicant["full_name"] == "Siti Rahayu"
    person = enrolment.person
    assert person.region == cast.region_a
    assert person.full_name == "Siti Rahayu"
    assert person.phone == "+6281234567890"
    assert person.email == "siti@example.id"
    assert person.consent_at is not None
    assert not person.is_verified
    # The invited account owns the registration, not the person's record.
    assert person.user is None
    account = enrolment.applicant_user
    assert account.email == "siti@example.id"
    assert not account.has_usable_password()
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Akun Jejaring Anda", f"Pendaftaran pelatihan diterima: {batch.name}"]
    assert all(message.to == ["siti@example.id"] for message in mail.outbox)
    account_mail = next(m for m in mail.outbox if m.subject == "Akun Jejaring Anda")
    assert "https://jejaring.example/akun/" in account_mail.body
    assert AuditEvent.objects.filter(action="training.enrolment.register").count() == 1


def test_a_known_nik_of_another_region_is_named_without_changing_taking_or_mailing_the_record(
    cast, django_capture_on_commit_callbacks
):
    person = PersonFactory(
        region=cast.region_b,
        nik=NIK,
        sex="F",
        birth_date=BIRTH,
        full_name="Siti Rahayu",
        email="pemilik@example.id",
    )
    batch = open_batch(cast)
    enrolment = submit(
        batch,
        data(full_name="Orang Lain", email="lain@example.id"),
        django_capture_on_commit_callbacks,
    )

    person.refresh_from_db()
    assert enrolment.person == person
    assert enrolment.identity == Enrolment.Identity.UNVERIFIED
    assert enrolment.display_name == "Orang Lain"
    assert person.region == cast.region_b
    assert person.full_name == "Siti Rahayu"
    assert person.email == "pemilik@example.id"
    assert person.user is None
    # The typed address hears about its own submission; the record's address hears nothing.
    assert {tuple(m.to) for m in mail.outbox} == {("lain@example.id",)}
    assert Person.objects.count() == 3  # the cast's two trainees and this one
    # The differing contact is for the person's home office to look at.
    review = IdentityReview.objects.get()
    assert (review.kind, review.region) == (IdentityReview.Kind.CONTACT_DIFFERS, cast.region_b)


def test_an_email_already_used_by_an_account_registers_without_a_second_account(
    cast, django_capture_on_commit_callbacks
):
    UserFactory(username="siti", email="siti@example.id")
    batch = open_batch(cast)
    enrolment = submit(batch, data(), django_capture_on_commit_callbacks)

    assert enrolment.person.user is None
    assert User.objects.filter(email__iexact="siti@example.id").count() == 1
    assert [m.subject for m in mail.outbox] == [f"Pendaftaran pelatihan diterima: {batch.name}"]


def test_the_same_nik_twice_in_a_batch_is_answered_alike_and_becomes_a_review_item(
    cast, django_capture_on_commit_callbacks
):
    batch = open_batch(cast)
    submit(batch, data(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert submit(batch, data(), django_capture_on_commit_callbacks) is None
    assert Enrolment.objects.count() == 1
    review = IdentityReview.objects.get()
    assert (review.kind, review.region, review.batch) == (
        IdentityReview.Kind.DUPLICATE,
        cast.region_a,
        batch,
    )
    assert [m.subject for m in mail.outbox] == [f"Pendaftaran pelatihan diterima: {batch.name}"]


def test_an_active_registration_in_an_overlapping_batch_is_not_told_to_the_registrant(
    cast, django_capture_on_commit_callbacks
):
    first = open_batch(cast)
    person = PersonFactory(region=cast.region_b, nik=NIK, sex="F", birth_date=BIRTH)
    EnrolmentFactory(batch=first, person=person, status=Enrolment.Status.ACCEPTED)
    second = open_batch(cast, start_date=first.start_date + timedelta(days=10))
    enrolment = submit(second, data(), django_capture_on_commit_callbacks)
    assert enrolment.identity == Enrolment.Identity.UNVERIFIED


@pytest.mark.parametrize(
    "status", [Batch.Status.PLANNED, Batch.Status.SELECTION, Batch.Status.RUNNING]
)
def test_only_a_batch_open_for_registration_takes_registrations(
    cast, status, django_capture_on_commit_callbacks
):
    batch = open_batch(cast, status=status)
    with pytest.raises(NotFound):
        submit(batch, data(), django_capture_on_commit_callbacks)
    assert not Person.objects.filter(nik=NIK).exists()


def test_registration_closes_after_the_closing_date(cast, django_capture_on_commit_callbacks):
    yesterday = timezone.localdate() - timedelta(days=1)
    batch = open_batch(cast, registration_closes_on=yesterday)
    assert batch not in open_batch_list()
    with pytest.raises(NotFound):
        submit(batch, data(), django_capture_on_commit_callbacks)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nik": "1234"}, "nik"),
        ({"sex": "M"}, "sex"),
        ({"birth_date": date(2001, 5, 18)}, "birth_date"),
        ({"full_name": "   "}, "full_name"),
        ({"education": "phd"}, "education"),
        ({"email": "bukan-email"}, "email"),
        ({"phone": ""}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"domicile_district_code": "33.19.01"}, "domicile_district_code"),
        ({"domicile_regency_code": "99.99", "domicile_district_code": ""}, "domicile_regency_code"),
        ({"consent": False}, "consent"),
    ],
)
def test_bad_input_gets_an_indonesian_error_and_writes_nothing(
    cast, overrides, field, django_capture_on_commit_callbacks
):
    batch = open_batch(cast)
    with pytest.raises(ValidationError) as error:
        submit(batch, data(**overrides), django_capture_on_commit_callbacks)
    assert error.value.field == field
    assert str(error.value.message)
    assert Person.objects.count() == 2
    assert not Enrolment.objects.exists()
    assert not User.objects.filter(email="siti@example.id").exists()
    assert mail.outbox == []


def test_documents_are_kept_with_the_registration(cast, django_capture_on_commit_callbacks):
    batch = open_batch(cast)
    upload = DocumentUpload(kind="ktp", file=SimpleUploadedFile("ktp.pdf", PDF))
    enrolment = submit(batch, data(documents=(upload,)), django_capture_on_commit_callbacks)
    document = EnrolmentDocument.objects.get(enrolment=enrolment)
    assert document.kind == "ktp"
    assert document.file.read().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("ktp.pdf", b"", "empty_document"),
        ("ktp.exe", PDF, "invalid_document_type"),
        ("ktp.pdf", b"MZ\x90\x00 not a pdf", "invalid_document_type"),
        ("ktp.jpg", b"%PDF-1.4", "invalid_document_type"),
        ("ktp.pdf", b"%PDF" + b"0" * (3 * 1024 * 1024), "document_too_large"),
    ],
)
def test_a_bad_document_rejects_the_registration(
    cast, name, content, code, django_capture_on_commit_callbacks
):
    batch = open_batch(cast)
    upload = DocumentUpload(kind="ktp", file=SimpleUploadedFile(name, content))
    with pytest.raises(ValidationError) as error:
        submit(batch, data(documents=(upload,)), django_capture_on_commit_callbacks)
    assert error.value.code == code
    assert not Enrolment.objects.exists()
    assert not EnrolmentDocument.objects.exists()


def test_more_than_three_documents_are_refused(cast, django_capture_on_commit_callbacks):
    batch = open_batch(cast)
    uploads = tuple(
        DocumentUpload(kind="other", file=SimpleUploadedFile(f"d{i}.pdf", PDF)) for i in range(4)
    )
    with pytest.raises(ValidationError):
        submit(batch, replace(data(), documents=uploads), django_capture_on_commit_callbacks)


def test_open_batches_show_the_seats_left_and_hide_other_statuses(cast):
    batch = open_batch(cast, capacity=16)
    open_batch(cast, status=Batch.Status.PLANNED)
    EnrolmentFactory(batch=batch, status=Enrolment.Status.ACCEPTED)
    EnrolmentFactory(batch=batch, status=Enrolment.Status.APPLIED)
    assert list(open_batch_list()) == [batch]
    assert seats_left(open_batch_get(batch_id=batch.pk)) == 15


def test_a_signed_in_trainee_owns_the_registration_and_the_record_gets_no_mail(
    cast, django_capture_on_commit_callbacks
):
    Person.objects.filter(pk=cast.person_1.pk).update(email="peserta1@example.id")
    person = Person.objects.get(pk=cast.person_1.pk)
    batch = open_batch(cast)
    registration = data(
        nik=person.nik, sex=person.sex, birth_date=person.birth_date, email="baru@example.id"
    )
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = registration_submit(
            batch_id=batch.pk, data=registration, submitter=cast.trainee_1
        )
    assert enrolment.person == person
    assert enrolment.applicant_user == cast.trainee_1
    assert [(m.subject, m.to) for m in mail.outbox] == [
        (f"Pendaftaran pelatihan diterima: {batch.name}", ["baru@example.id"])
    ]


@pytest.mark.parametrize(
    "name", ["Menangkan hadiah di evil.com", "http//x", "Budi 123", "www budi", "<b>Budi</b>"]
)
def test_a_name_that_reads_as_a_link_or_markup_is_refused(
    cast, name, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as error:
        submit(open_batch(cast), data(full_name=name), django_capture_on_commit_callbacks)
    assert error.value.field == "full_name"
    assert mail.outbox == []


@pytest.mark.parametrize("name", ["R.A. Kartini", "Moh. Ali", "Siti Nur'aini", "Ni Luh-Putu"])
def test_names_as_printed_on_a_ktp_are_accepted(cast, name, django_capture_on_commit_callbacks):
    enrolment = submit(open_batch(cast), data(full_name=name), django_capture_on_commit_callbacks)
    assert enrolment.applicant["full_name"] == name


def test_the_audit_trail_keeps_no_nik_or_phone_in_clear(cast, django_capture_on_commit_callbacks):
    submit(open_batch(cast), data(), django_capture_on_commit_callbacks)
    trail = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    # The account's username (the email) is recorded by accounts, as for every invitation.
    assert NIK not in trail
    assert "6281234567890" not in trail

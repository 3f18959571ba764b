"""The insurer's KPJ return file marks every person it names (on the office's list) as
registered with their card number, without staff ticking each first; a person's KPJ
number is carried over to their later cover."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jejaring.core.errors import ValidationError
from jejaring.core.models import ImportJob
from jejaring.core.spreadsheets import Sheet, xlsx_bytes
from jejaring.social_security import coverage_gates
from jejaring.social_security.models import Coverage
from jejaring.social_security.services import (
    coverage_apply_insurer_return,
    coverage_change_status,
)
from jejaring.social_security.tests.factories import CoverageFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
TO_REGISTER = Coverage.Status.TO_REGISTER


def batch_of(cast, region=None):
    return BatchFactory(
        region=region or cast.region_a,
        program__institution__region=region or cast.region_a,
        start_date=TODAY + timedelta(days=5),
        end_date=TODAY + timedelta(days=60),
        status=Batch.Status.SELECTION,
    )


def on_the_list(batch, person, **fields):
    enrolment = EnrolmentFactory(batch=batch, person=person, status=Enrolment.Status.ACCEPTED)
    return CoverageFactory(enrolment=enrolment, status=fields.pop("status", TO_REGISTER), **fields)


def upload(rows):
    content = xlsx_bytes([Sheet("Balikan", ["NIK", "Nama", "Nomor KPJ"], rows)])
    return SimpleUploadedFile(
        "balikan.xlsx",
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_the_return_file_activates_people_still_to_register_without_ticking_them_first(
    client, cast, django_capture_on_commit_callbacks
):
    batch = batch_of(cast)
    never_ticked = on_the_list(batch, cast.person_1)
    ticked = on_the_list(batch, cast.person_2, status=Coverage.Status.REGISTERED)
    client.force_login(cast.staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/bpjs/impor-kpj/",
            {
                "file": upload(
                    [
                        [cast.person_1.nik, "x", "34567890123"],
                        [cast.person_2.nik, "y", "45678901234"],
                    ]
                )
            },
        )
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.VALIDATED, job.errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/impor/{job.pk}/impor/")
    never_ticked.refresh_from_db()
    ticked.refresh_from_db()
    assert (never_ticked.status, never_ticked.kpj_number) == ("active", "34567890123")
    assert (ticked.status, ticked.kpj_number) == ("active", "45678901234")
    job.refresh_from_db()
    assert job.summary["activated"] == 2


def test_every_waiting_cover_of_a_person_named_gets_the_card_number(cast):
    first = on_the_list(batch_of(cast), cast.person_1)
    second = on_the_list(batch_of(cast), cast.person_1)
    count = coverage_apply_insurer_return(
        actor=cast.staff_a, rows=[(2, cast.person_1.nik, "11111111111")]
    )
    assert count == 2
    for cover in (first, second):
        cover.refresh_from_db()
        assert (cover.status, cover.kpj_number) == ("active", "11111111111")


def test_a_nik_not_on_the_list_gets_the_same_neutral_answer_wherever_it_lives(cast):
    theirs = on_the_list(batch_of(cast, cast.region_b), cast.person_2)
    mine = on_the_list(batch_of(cast), cast.person_1)
    with pytest.raises(ValidationError) as refused:
        coverage_apply_insurer_return(
            actor=cast.staff_a,
            rows=[
                (2, cast.person_1.nik, "11111111111"),
                (3, "3375010101900009", "22222222222"),
                (4, theirs.person.nik, "33333333333"),
            ],
        )
    errors = {e["row"]: e["message"] for e in refused.value.detail["errors"]}
    assert set(errors) == {3, 4}
    assert errors[3] == errors[4]
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, mine.kpj_number) == (TO_REGISTER, "")
    assert (theirs.status, theirs.kpj_number) == (TO_REGISTER, "")


def test_a_later_cover_reuses_the_persons_kpj_and_is_activated_without_asking_again(cast):
    CoverageFactory(
        enrolment__batch=batch_of(cast),
        enrolment__person=cast.person_1,
        status=Coverage.Status.ENDED,
        kpj_number="12345678901",
        cover_start=date(2025, 1, 6),
        cover_end=date(2025, 3, 28),
    )
    later = batch_of(cast)
    enrolment = EnrolmentFactory(
        batch=later, person=cast.person_1, status=Enrolment.Status.ACCEPTED
    )
    coverage_gates.cover_accepted_enrolment(obj=enrolment)
    cover = Coverage.objects.get(enrolment=enrolment)
    assert (cover.status, cover.kpj_number) == (TO_REGISTER, "12345678901")

    coverage_change_status(actor=cast.staff_a, coverage_ids=[cover.pk], status="registered")
    coverage_change_status(actor=cast.staff_a, coverage_ids=[cover.pk], status="active")
    cover.refresh_from_db()
    assert (cover.status, cover.kpj_number) == ("active", "12345678901")


def test_the_cover_page_offers_the_known_kpj_number(client, cast):
    CoverageFactory(
        enrolment__batch=batch_of(cast),
        enrolment__person=cast.person_1,
        status=Coverage.Status.ENDED,
        kpj_number="12345678901",
    )
    later = batch_of(cast)
    enrolment = EnrolmentFactory(
        batch=later, person=cast.person_1, status=Enrolment.Status.ACCEPTED
    )
    coverage_gates.batch_list_build(later)
    cover = Coverage.objects.get(enrolment=enrolment)
    client.force_login(cast.staff_a)
    page = client.get(f"/bpjs/kepesertaan/{cover.pk}/").content.decode()
    assert 'value="12345678901"' in page


def test_another_regions_card_number_is_not_carried_over(cast):
    CoverageFactory(
        enrolment__batch=batch_of(cast, cast.region_b),
        enrolment__person=cast.person_1,
        status=Coverage.Status.ACTIVE,
        kpj_number="98765432109",
    )
    enrolment = EnrolmentFactory(
        batch=batch_of(cast), person=cast.person_1, status=Enrolment.Status.ACCEPTED
    )
    coverage_gates.cover_accepted_enrolment(obj=enrolment)
    assert Coverage.objects.get(enrolment=enrolment).kpj_number == ""


def test_the_import_page_says_no_ticking_is_needed(client, cast):
    client.force_login(cast.staff_a)
    page = client.get("/bpjs/impor-kpj/").content.decode()
    assert "tanpa perlu ditandai" in page

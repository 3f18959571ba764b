"""Importing a batch's participants from a spreadsheet: every bad row is named, nothing is
written until the whole file is good, and a good file is written whole."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jejaring.core import imports
from jejaring.core.models import AuditEvent, ImportJob
from jejaring.core.spreadsheets import read_rows
from jejaring.trainees.models import Person
from jejaring.trainees.nik import format_nik, mask_nik
from jejaring.training.imports import COLUMNS, KIND
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

HEADERS = [column.header for column in COLUMNS]

# What every job records about the file read (not about the people in it).
READ_NOTES = ("preview", "format", "encoding")


def nik(i: int) -> str:
    """A distinct valid NIK of Kota Pekalongan for each i below 10,950."""
    sex = "F" if i % 2 else "M"
    return format_nik(
        district_code="33.75.01", birth_date=born(i), sex=sex, serial=9876 if i < 10950 else 1
    )


def born(i: int) -> date:
    return date(1975, 1, 1) + timedelta(days=i)


def row(i: int) -> list[Any]:
    return [
        nik(i),
        f"Peserta {i}",
        born(i).strftime("%d/%m/%Y"),
        "Pekalongan",
        "P" if i % 2 else "L",
        "SMK",
        f"Jl. Merdeka No. {i}, Medono",
        "33.75.01.1002",
        "0812 3456 7890" if i % 3 == 0 else "",
        f"peserta{i}@example.com" if i % 5 == 0 else "",
    ]


def xlsx(rows: list[list[Any]], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Peserta")
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("peserta.xlsx", out.getvalue())


def csv(rows: list[list[Any]], headers: list[str] = HEADERS) -> SimpleUploadedFile:
    lines = [";".join(headers)] + [";".join(str(v) for v in values) for values in rows]
    return SimpleUploadedFile("peserta.csv", "\n".join(lines).encode("utf-8"))


@pytest.fixture
def committed(settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    """Test transactions never commit: run the tasks enqueued on commit as a commit would."""
    settings.MEDIA_ROOT = str(tmp_path)
    for name in ("import_job_create", "import_job_confirm"):
        service = getattr(imports, name)

        def run(*args: Any, _service: Any = service, **kwargs: Any) -> Any:
            with django_capture_on_commit_callbacks(execute=True):
                return _service(*args, **kwargs)

        monkeypatch.setattr(imports, name, run)


@pytest.fixture
def batch(cast) -> Batch:
    program = ProgramFactory(institution=cast.lpks, default_capacity=20)
    return BatchFactory(program=program, capacity=20, status=Batch.Status.OPEN)


def upload(actor: Any, batch: Batch, file: Any) -> ImportJob:
    job = imports.import_job_create(actor=actor, kind=KIND, file=file, target=batch)
    job.refresh_from_db()
    return job


def bad_rows(job: ImportJob) -> dict[int, str]:
    """Each bad row with its reasons, one per line."""
    found: dict[int, str] = {}
    for error in job.errors:
        found[error["row"]] = (found.get(error["row"], "") + "\n" + error["message"]).strip()
    return found


def test_a_10000_row_file_with_3_bad_rows_names_exactly_those_rows_then_imports_corrected(
    cast, committed
):
    batch = BatchFactory(
        program=ProgramFactory(institution=cast.lpks), capacity=10_000, status=Batch.Status.OPEN
    )
    rows = [row(i) for i in range(10_000)]
    rows[1][0] = rows[1][0][:15]  # spreadsheet row 3: a NIK one digit short
    rows[4998][0] = rows[0][0]  # row 5000: the NIK of row 2 again
    rows[9999][5] = "Kuliah"  # row 10001: an education level nobody knows
    people_before = Person.objects.count()

    job = upload(cast.operator, batch, xlsx(rows))

    assert job.status == ImportJob.Status.REJECTED
    assert set(bad_rows(job)) == {3, 5000, 10001}
    assert "16 angka" in bad_rows(job)[3]
    assert "baris 2" in bad_rows(job)[5000]
    assert "Kuliah" in bad_rows(job)[10001]
    assert Person.objects.count() == people_before
    assert not Enrolment.objects.filter(batch=batch).exists()

    fixed = [row(i) for i in range(10_000)]
    job = upload(cast.operator, batch, xlsx(fixed))
    assert job.status == ImportJob.Status.VALIDATED
    assert job.total_rows == 10_000
    imports.import_job_confirm(actor=cast.operator, job=job)
    job.refresh_from_db()

    assert job.status == ImportJob.Status.DONE
    assert job.processed_rows == 10_000
    # Imported rows are applicants whose KTP is checked at selection.
    assert Enrolment.objects.filter(
        batch=batch,
        status=Enrolment.Status.APPLIED,
        identity=Enrolment.Identity.UNVERIFIED,
    ).count() == (10_000)
    assert Person.objects.count() == people_before + 10_000
    siti = Person.objects.get(nik=nik(1))
    assert (siti.sex, siti.birth_date, siti.domicile_village_code) == (
        "F",
        born(1),
        "33.75.01.1002",
    )
    assert AuditEvent.objects.filter(action="trainees.person.create").count() == 10_000


def test_a_csv_file_enrols_everyone_and_finds_people_already_registered(cast, batch, committed):
    rows = [row(i) for i in range(3)]
    rows[2][0] = cast.person_1.nik
    rows[2][2] = cast.person_1.birth_date.strftime("%d/%m/%Y")
    rows[2][4] = "P" if cast.person_1.sex == "F" else "L"

    job = upload(cast.operator, batch, csv(rows))
    assert job.status == ImportJob.Status.VALIDATED, job.errors
    imports.import_job_confirm(actor=cast.operator, job=job)
    job.refresh_from_db()

    assert job.status == ImportJob.Status.DONE
    # The summary does not tell the importer which NIKs were already known.
    assert {k: v for k, v in job.summary.items() if k not in READ_NOTES} == {"enrolled": 3}
    enrolments = Enrolment.objects.filter(batch=batch)
    assert enrolments.count() == 3
    assert {e.source for e in enrolments} == {Enrolment.Source.IMPORT}
    assert enrolments.filter(person=cast.person_1).exists()
    event = AuditEvent.objects.get(action="training.enrolment.import")
    assert event.target_id == str(batch.pk) and event.changes["enrolled"] == [0, 3]


def test_an_imported_person_from_another_region_is_marked_away_from_home(cast, batch, committed):
    from jejaring.trainees.tests.factories import PersonFactory

    visitor = PersonFactory(region=cast.region_b)
    rows = [row(i) for i in range(2)]
    rows[1][0] = visitor.nik
    rows[1][2] = visitor.birth_date.strftime("%d/%m/%Y")
    rows[1][4] = "P" if visitor.sex == "F" else "L"
    job = upload(cast.operator, batch, csv(rows))
    imports.import_job_confirm(actor=cast.operator, job=job)
    away = dict(Enrolment.objects.filter(batch=batch).values_list("person_id", "away_from_home"))
    # bulk_create skips Enrolment.save: the import marks the visitor itself.
    assert away[visitor.pk] is True
    assert sorted(away.values()) == [False, True]


def test_the_preview_never_shows_a_full_nik(cast, batch, committed, client):
    job = upload(cast.operator, batch, csv([row(0)]))
    client.force_login(cast.operator)
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Peserta 0" in page
    assert nik(0) not in page and mask_nik(nik(0)) in page


def test_the_job_page_says_which_encoding_a_csv_was_read_with(cast, batch, committed, client):
    rows = [row(0)]
    lines = [";".join(HEADERS)] + [";".join(str(v) for v in values) for values in rows]
    windows = SimpleUploadedFile("peserta.csv", "\n".join(lines).encode("cp1252"))
    job = upload(cast.operator, batch, windows)
    client.force_login(cast.operator)
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert job.summary["encoding"] in page
    assert "dibaca dengan pengodean" in page


def test_an_empty_or_header_only_file_is_refused(cast, batch, committed, client):
    client.force_login(cast.operator)
    url = reverse("training_import:upload", args=[batch.pk])
    response = client.post(url, {"file": SimpleUploadedFile("kosong.csv", b"")})
    assert response.status_code == 400 and "Berkas kosong" in response.content.decode()
    assert not ImportJob.objects.exists()

    job = upload(cast.operator, batch, xlsx([]))
    assert job.status == ImportJob.Status.REJECTED
    assert "tidak berisi baris data" in job.errors[0]["message"]


def test_wrong_headers_are_named(cast, batch, committed):
    job = upload(cast.operator, batch, csv([["1", "A"]], headers=["Nomor", "Nama lengkap"]))
    assert job.status == ImportJob.Status.REJECTED
    assert "NIK" in job.errors[0]["message"] and "Pendidikan" in job.errors[0]["message"]


def test_every_bad_value_is_listed_with_its_reason(cast, batch, committed):
    rows = [row(i) for i in range(6)]
    rows[0][2] = "31/02/1990"  # row 2
    rows[1][4] = "L"  # row 3: a woman's NIK
    rows[2][7] = "99.99"  # row 4
    rows[3][8] = "12345"  # row 5
    rows[4][9] = "bukan-email"  # row 6
    rows[5][0] = rows[0][0]  # row 7: duplicate of row 2
    job = upload(cast.operator, batch, csv(rows))
    errors = bad_rows(job)
    assert set(errors) == {2, 3, 4, 5, 6, 7}
    assert "tidak dikenali" in errors[2]
    assert "tidak sesuai dengan NIK" in errors[3]
    assert "Kode wilayah" in errors[4]
    assert "email" in errors[6]
    assert "baris 2" in errors[7]
    assert not Enrolment.objects.exists()


def test_people_already_in_this_batch_are_refused_but_enrolments_elsewhere_are_not_told(
    cast, batch, committed
):
    EnrolmentFactory(batch=batch, person=cast.person_1)
    other = BatchFactory(
        program=ProgramFactory(institution=cast.lpks),
        start_date=batch.start_date + timedelta(days=7),
        end_date=batch.end_date + timedelta(days=7),
    )
    EnrolmentFactory(batch=other, person=cast.person_2, status=Enrolment.Status.ACCEPTED)
    rows = [row(0), row(1), row(2)]
    for index, person in ((1, cast.person_1), (2, cast.person_2)):
        rows[index][0] = person.nik
        rows[index][2] = ""
        rows[index][4] = ""
    job = upload(cast.operator, batch, csv(rows))
    errors = bad_rows(job)
    # Row 4's overlap is checked when the person is accepted, after the KTP check; saying
    # it here would tell the importer about the person's other enrolments.
    assert set(errors) == {3}
    assert "sudah mendaftar di paket ini" in errors[3]


def test_a_file_larger_than_the_places_left_is_refused(cast, committed):
    small = BatchFactory(program=ProgramFactory(institution=cast.lpks), capacity=2)
    job = upload(cast.operator, small, csv([row(i) for i in range(3)]))
    assert job.status == ImportJob.Status.REJECTED
    assert "Kuota paket tidak cukup" in job.errors[0]["message"] and job.errors[0]["row"] == 0


def test_a_running_batch_takes_no_import(cast, committed):
    running = BatchFactory(
        program=ProgramFactory(institution=cast.lpks), status=Batch.Status.RUNNING
    )
    job = upload(cast.operator, running, csv([row(0)]))
    assert job.status == ImportJob.Status.REJECTED
    assert "tidak menerima peserta baru" in job.errors[0]["message"]


def test_the_upload_page_starts_a_job_and_sends_the_user_to_its_progress(
    cast, batch, committed, client
):
    client.force_login(cast.operator)
    url = reverse("training_import:upload", args=[batch.pk])
    page = client.get(url).content.decode()
    assert batch.code in page and "templat" in page.lower()

    response = client.post(url, {"file": xlsx([row(0), row(1)])})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:job_detail", args=[job.pk])
    assert job.status == ImportJob.Status.VALIDATED and job.kind == KIND


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("peserta.pdf", b"%PDF-1.4", "tidak didukung"),
        ("peserta.xls", b"\xd0\xcf\x11\xe0", ".xls lama"),
        ("peserta.xlsx", b"PK\x03\x04rusak", "lembar kerja Excel"),
        ("peserta.csv", b"NIK\x00\x00", "bukan CSV"),
    ],
)
def test_a_file_of_the_wrong_kind_gets_a_clear_error(
    cast, batch, committed, client, name, content, message
):
    client.force_login(cast.operator)
    response = client.post(
        reverse("training_import:upload", args=[batch.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("kind", ["utf-16.csv", "ods"])
def test_a_utf16_csv_and_an_ods_workbook_are_taken(cast, batch, committed, client, kind):
    from jejaring.core.tests.hostile_files import ods

    values = [HEADERS, [str(v) for v in row(0)]]
    if kind == "ods":
        upload = SimpleUploadedFile("peserta.ods", ods(values))
    else:
        text = "\n".join(";".join(line) for line in values)
        upload = SimpleUploadedFile("peserta.csv", text.encode("utf-16"))
    client.force_login(cast.operator)
    response = client.post(reverse("training_import:upload", args=[batch.pk]), {"file": upload})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.VALIDATED, job.errors


def test_a_file_over_the_size_limit_is_refused(cast, batch, committed, client, monkeypatch):
    from jejaring.training import views_import

    monkeypatch.setattr(views_import, "DEFAULT_MAX_BYTES", 10)
    client.force_login(cast.operator)
    response = client.post(
        reverse("training_import:upload", args=[batch.pk]), {"file": csv([row(0)])}
    )
    assert response.status_code == 400 and "terlalu besar" in response.content.decode()


def test_another_regions_or_institutions_batch_is_not_found(cast, committed, client):
    region_b_batch = BatchFactory(program=ProgramFactory(institution__region=cast.region_b))
    blk_batch = BatchFactory(program=ProgramFactory(institution__region=cast.region_a))
    client.force_login(cast.staff_a)
    url = reverse("training_import:upload", args=[region_b_batch.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"file": csv([row(0)])}).status_code == 404
    client.force_login(cast.operator)  # an LPKS operator, not the BLK's
    assert client.get(reverse("training_import:upload", args=[blk_batch.pk])).status_code == 404
    client.force_login(cast.trainee_1)
    assert client.get(reverse("training_import:upload", args=[blk_batch.pk])).status_code == 404
    assert not ImportJob.objects.exists()


def template_file(client) -> bytes:
    response = client.get(reverse("training_import:template"))
    assert response.status_code == 200
    return b"".join(response) if response.streaming else response.content


def test_the_template_has_the_headers_and_an_example_row_that_is_not_a_person(
    cast, batch, committed, client
):
    client.force_login(cast.staff_a)
    content = template_file(client)
    rows = read_rows(io.BytesIO(content), columns=COLUMNS)
    assert len(rows) == 1
    job = upload(cast.staff_a, batch, SimpleUploadedFile("templat.xlsx", content))
    assert job.status == ImportJob.Status.REJECTED
    assert "hanya berisi baris contoh" in job.errors[0]["message"]
    assert not Person.objects.filter(full_name="Siti Aminah").exists()


def test_the_template_filled_in_below_its_example_imports_only_the_people_typed(
    cast, batch, committed, client
):
    client.force_login(cast.staff_a)
    book = openpyxl.load_workbook(io.BytesIO(template_file(client)))
    sheet = book.worksheets[0]
    for i in (1, 2):
        sheet.append(row(i))
    out = io.BytesIO()
    book.save(out)
    job = upload(cast.staff_a, batch, SimpleUploadedFile("templat.xlsx", out.getvalue()))
    assert job.status == ImportJob.Status.VALIDATED, job.errors
    assert job.total_rows == 2
    assert [values["full_name"] for values in job.summary["preview"]] == [
        "Peserta 1",
        "Peserta 2",
    ]
    imports.import_job_confirm(actor=cast.staff_a, job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert sorted(
        Enrolment.objects.filter(batch=batch).values_list("person__full_name", flat=True)
    ) == [
        "Peserta 1",
        "Peserta 2",
    ]
    assert not Person.objects.filter(full_name="Siti Aminah").exists()


def test_the_page_of_a_running_batch_offers_no_upload(cast, committed, client):
    running = BatchFactory(
        program=ProgramFactory(institution=cast.lpks), status=Batch.Status.RUNNING
    )
    client.force_login(cast.operator)
    url = reverse("training_import:upload", args=[running.pk])
    page = client.get(url).content.decode()
    assert "tidak menerima peserta baru" in page and 'type="file"' not in page
    response = client.post(url, {"file": csv([row(0)])})
    assert response.status_code == 400
    assert not ImportJob.objects.exists()


def test_a_person_of_another_region_is_named_by_an_unverified_enrolment_not_linked(
    cast, batch, committed
):
    from jejaring.trainees.tests.factories import PersonFactory

    elsewhere = PersonFactory(region=cast.region_b, nik=nik(7), sex="F", birth_date=born(7))
    job = upload(cast.operator, batch, csv([row(7), row(8)]))
    imports.import_job_confirm(actor=cast.operator, job=job)
    job.refresh_from_db()

    assert job.status == ImportJob.Status.DONE
    assert {k: v for k, v in job.summary.items() if k not in READ_NOTES} == {"enrolled": 2}
    assert Person.objects.filter(nik=nik(7)).get() == elsewhere
    enrolment = Enrolment.objects.get(batch=batch, person=elsewhere)
    assert enrolment.identity == Enrolment.Identity.UNVERIFIED
    # The importing operator gets nothing of the record through it.
    from jejaring.trainees.models import Person as PersonModel

    assert not PersonModel.objects.for_actor(cast.operator).filter(pk=elsewhere.pk).exists()
    created = AuditEvent.objects.get(action="trainees.person.create")
    assert created.changes["nik"] == ["•••", "•••"] and created.actor == cast.operator

"""Hostile and odd files: each gets a clear message, nothing is written, the process lives.

Files are read in a child process with a memory and time limit
(`jejaring.core.sheet_reader`); the corpus is built at test time by `hostile_files`.
"""

import io
import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jejaring.core import imports
from jejaring.core.models import ImportJob
from jejaring.core.spreadsheets import Column, RowError, SpreadsheetError, read_sheet
from jejaring.core.tests import hostile_files as corpus

COLUMNS = [Column("nik", "NIK"), Column("name", "Nama", required=False)]
KIND = ImportJob.Kind.INDUSTRY_NEEDS


def named(data: bytes, name: str) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name  # type: ignore[attr-defined]
    return file


def refusal(data: bytes, name: str, **options: Any) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as refused:
        read_sheet(named(data, name), columns=COLUMNS, **options)
    return refused.value


@pytest.mark.parametrize("label", list(corpus.HOSTILE))
def test_each_hostile_file_is_refused_with_its_own_message_and_this_process_lives(label):
    name, build, code = corpus.HOSTILE[label]
    pid = os.getpid()
    error = refusal(build(), name)
    assert error.code == code
    assert str(error.message)
    assert os.getpid() == pid


def test_a_huge_declared_dimension_is_named_in_the_message():
    error = refusal(corpus.huge_dimension(), "dimensi.xlsx")
    assert "A1:XFD1048576" in str(error.message)
    assert "100 kolom" in str(error.message)


def test_a_zip_bomb_is_refused_from_its_declared_sizes_before_anything_is_inflated():
    assert refusal(corpus.zip_bomb(50), "bom.xlsx").code == "spreadsheet_zip_bomb"


def test_a_workbook_that_needs_more_memory_than_the_limit_is_answered_not_crashed():
    error = refusal(corpus.rows_out_of_order(), "acak.xlsx")
    assert str(error.message).startswith("Berkas tidak dapat dibaca:")


def test_a_reader_that_runs_out_of_time_is_killed_and_answered(settings):
    settings.READER_TIMEOUT = 0.001
    error = refusal(b"NIK,Nama\n1,a\n", "data.csv")
    assert error.code == "spreadsheet_timeout"


def test_a_million_row_csv_is_refused_at_the_row_cap():
    error = refusal(corpus.million_rows_csv(), "sejuta.csv")
    assert error.code == "spreadsheet_too_many_rows"
    assert "200.000" in str(error.message)


def test_an_empty_file_an_empty_workbook_and_headers_alone_each_say_so():
    assert refusal(b"", "kosong.csv").code == "spreadsheet_empty"
    assert str(refusal(corpus.empty_workbook(), "kosong.xlsx").message) == "Berkas kosong."
    assert str(refusal(corpus.only_headers(), "judul.xlsx").message) == (
        "Berkas tidak berisi baris data."
    )


def test_a_password_protected_workbook_says_to_remove_the_password():
    assert "kata sandi" in str(refusal(corpus.password_protected(), "rahasia.xlsx").message)


def test_an_old_xls_says_to_save_it_as_xlsx():
    assert ".xlsx" in str(refusal(corpus.old_xls(), "lama.xls").message)


def test_a_file_whose_content_is_not_its_extension_is_refused():
    assert "PNG" in str(refusal(corpus.png_named_xlsx(), "gambar.xlsx").message)
    assert refusal(b"NIK,Nama\n1,a\n", "data.xlsx").code == "spreadsheet_mismatch"
    assert refusal(corpus.only_headers(), "data.csv").code == "spreadsheet_mismatch"
    assert refusal(b"NIK,Nama\n1,a\n", "data.exe").code == "spreadsheet_type"


def test_an_ods_is_read():
    sheet = read_sheet(
        named(corpus.ods([["NIK", "Nama"], ["1", "Siti"]]), "peserta.ods"), columns=COLUMNS
    )
    assert (sheet.format, sheet.rows) == ("ODS", [(2, {"nik": "1", "name": "Siti"})])


def test_formulas_read_their_saved_value_and_a_merged_area_only_its_top_left_cell():
    columns = [*COLUMNS, Column("score", "Nilai")]
    sheet = read_sheet(named(corpus.formulas_and_merged_cells(), "nilai.xlsx"), columns=columns)
    assert sheet.rows == [
        (2, {"nik": "1", "name": "Siti", "score": "84"}),
        (3, {"nik": "2", "name": "", "score": ""}),
    ]


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        ("NIK;Nama\n1;José Śmigły\n".encode(), "UTF-8"),
        ("NIK;Nama\n1;José Śmigły\n".encode("utf-8-sig"), "UTF-8 (BOM)"),
        ("NIK\tNama\n1\tJosé Śmigły\n".encode("utf-16"), "UTF-16"),
        ("NIK;Nama\n1;José Œ\n".encode("cp1252"), "Windows-1252"),
    ],
)
def test_a_csv_in_each_encoding_is_read_and_says_which_was_assumed(encoded, encoding):
    sheet = read_sheet(named(encoded, "data.csv"), columns=COLUMNS)
    assert sheet.encoding == encoding
    assert sheet.rows[0][1]["name"].startswith("José")


class Recorder:
    columns = [Column("name", "Nama")]

    def __init__(self) -> None:
        self.written: list[str] = []

    def may_use(self, actor: Any, target: Any) -> bool:
        return True

    def region_for(self, actor: Any, target: Any) -> Any:
        return actor.test_region

    def validate(self, job: ImportJob, rows: Any) -> list[RowError]:
        return []

    def write(self, job: ImportJob, rows: Any, progress: Any) -> dict[str, Any]:
        self.written.extend(v["name"] for _n, v in rows)
        return {"created": len(rows)}


@pytest.fixture
def recorder(cast, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = str(tmp_path)
    importer = Recorder()
    monkeypatch.setitem(imports._REGISTRY, KIND, importer)
    cast.staff_a.test_region = cast.region_a
    service = imports.import_job_create

    def committed(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args, **kwargs)

    monkeypatch.setattr(imports, "import_job_create", committed)
    return importer


@pytest.mark.parametrize("label", list(corpus.HOSTILE))
def test_a_hostile_import_is_rejected_with_its_message_and_the_worker_lives_on(
    cast, recorder, label
):
    name, build, _code = corpus.HOSTILE[label]
    worker = os.getpid()  # the test backend runs the validation task in this process
    job = imports.import_job_create(
        actor=cast.staff_a, kind=KIND, file=SimpleUploadedFile(name, build())
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED
    assert job.errors[0]["row"] == 0
    assert job.errors[0]["message"]
    assert recorder.written == []
    assert os.getpid() == worker


def test_an_import_job_records_the_encoding_assumed_for_its_csv(cast, recorder):
    data = "Nama\nJosé\n".encode("cp1252")
    job = imports.import_job_create(
        actor=cast.staff_a, kind=KIND, file=SimpleUploadedFile("data.csv", data)
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED
    assert (job.summary["format"], job.summary["encoding"]) == ("CSV", "Windows-1252")

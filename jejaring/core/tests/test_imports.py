from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jejaring.core import imports
from jejaring.core.models import ImportJob
from jejaring.core.spreadsheets import Column, RowError

KIND = ImportJob.Kind.INDUSTRY_NEEDS


class Recorder:
    """A toy importer: rows whose name is 'bad' are errors; 'boom' crashes the write."""

    columns = [Column("name", "Nama")]

    def __init__(self) -> None:
        self.written: list[str] = []

    def may_use(self, actor: Any, target: Any) -> bool:
        return True

    def region_for(self, actor: Any, target: Any) -> Any:
        return actor.test_region

    def validate(self, job: ImportJob, rows: Any) -> list[RowError]:
        return [RowError(n, "name", "buruk") for n, v in rows if v["name"] == "bad"]

    def write(self, job: ImportJob, rows: Any, progress: Any) -> dict[str, Any]:
        names = [v["name"] for _n, v in rows]
        if "boom" in names:
            raise RuntimeError("killed")
        self.written.extend(names)
        progress(len(names))
        return {"created": len(names)}


@pytest.fixture
def recorder(cast, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = str(tmp_path)
    importer = Recorder()
    monkeypatch.setitem(imports._REGISTRY, KIND, importer)
    cast.staff_a.test_region = cast.region_a
    # Test transactions never commit; run the enqueued tasks as a commit would.
    for name in ("import_job_create", "import_job_confirm"):
        service = getattr(imports, name)

        def committed(*args, _service=service, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return _service(*args, **kwargs)

        monkeypatch.setattr(imports, name, committed)
    return importer


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("data.csv", ("Nama\n" + text).encode())


def test_a_file_with_bad_rows_is_rejected_listing_each_and_writes_nothing(cast, recorder):
    job = imports.import_job_create(
        actor=cast.staff_a, kind=KIND, file=upload("ok\nbad\nok\nbad\n")
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED
    assert [e["row"] for e in job.errors] == [3, 5]
    with pytest.raises(imports.InvalidTransition):
        imports.import_job_confirm(actor=cast.staff_a, job=job)
    assert recorder.written == []


def test_a_good_file_is_previewed_then_imported_whole(cast, recorder):
    job = imports.import_job_create(actor=cast.staff_a, kind=KIND, file=upload("a\nb\n"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED
    assert job.summary["preview"] == [{"name": "a"}, {"name": "b"}]
    imports.import_job_confirm(actor=cast.staff_a, job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.summary["created"] == 2 and job.processed_rows == 2
    assert imports.import_job_write(job_id=job.pk).status == ImportJob.Status.DONE
    assert recorder.written == ["a", "b"]


def test_a_crash_mid_write_fails_the_job_and_it_can_be_run_again(cast, recorder):
    job = imports.import_job_create(actor=cast.staff_a, kind=KIND, file=upload("boom\n"))
    imports.import_job_confirm(actor=cast.staff_a, job=job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    recorder.written.clear()
    imports.import_job_confirm(actor=cast.staff_a, job=job)  # a retry is allowed
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert recorder.written == []


def test_an_unreadable_file_is_rejected_with_a_clear_message(cast, recorder):
    job = imports.import_job_create(
        actor=cast.staff_a, kind=KIND, file=SimpleUploadedFile("x.xlsx", b"PK\x03\x04zz")
    )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED
    assert "Excel" in job.errors[0]["message"]


def test_another_regions_job_is_not_found(cast, recorder):
    job = imports.import_job_create(actor=cast.staff_a, kind=KIND, file=upload("a\n"))
    with pytest.raises(imports.NotFound):
        imports.import_job_get_for(actor=cast.staff_b, job_id=job.pk)
    assert imports.import_job_get_for(actor=cast.staff_a, job_id=job.pk) == job


def test_the_job_page_lists_bad_rows_and_keeps_them_after_leaving(client, cast, recorder):
    job = imports.import_job_create(actor=cast.staff_a, kind=KIND, file=upload("ok\nbad\n"))
    client.force_login(cast.staff_a)
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Ditolak" in page and "<td>3</td>" in page and "buruk" in page
    assert "every 2s" not in page
    assert "data.csv" in client.get(reverse("imports:job_list")).content.decode()


def test_confirming_from_the_page_imports_the_file(client, cast, recorder):
    job = imports.import_job_create(actor=cast.staff_a, kind=KIND, file=upload("a\n"))
    client.force_login(cast.staff_a)
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Impor sekarang" in page
    response = client.post(reverse("imports:job_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE


def test_a_running_job_polls_for_progress(client, cast, recorder):
    job = imports.import_job_create(actor=cast.staff_a, kind=KIND, file=upload("a\n"))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    client.force_login(cast.staff_a)
    fragment = client.get(reverse("imports:job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in fragment.content.decode()
    assert "<progress" in fragment.content.decode()

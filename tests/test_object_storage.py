"""Uploaded files on S3-compatible object storage (jejaring.core.storage.UniqueNameS3Storage),
against a real S3 endpoint on the loopback address: moto's S3 server (S3 itself is outside
the machine). Several hosts share the bucket, no two uploads share a name, nothing is
readable without the keys, and the app's own flows (an import, a document download) work
with the bucket as the default storage."""

from __future__ import annotations

import io
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import openpyxl
import pytest
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from moto.server import ThreadedMotoServer

from config.settings import base
from jejaring.core import imports
from jejaring.core.backup import OBJECT_STORAGE_NOTE, BackupError, create_backup, restore_backup
from jejaring.core.models import AuditEvent, ImportJob
from jejaring.core.storage import UniqueNameS3Storage
from jejaring.training import audit_actions as training_actions
from jejaring.training.imports import COLUMNS
from jejaring.training.models import Batch, Enrolment, EnrolmentDocument
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory
from jejaring.training.tests.test_imports import row
from jejaring.training.tests.test_views import _selection_batch
from tests.production_env import production_env
from tests.test_backup_restore import fresh_database

ROOT = Path(__file__).resolve().parents[1]
KEY_ID, SECRET = "jejaring-test-key", "jejaring-test-secret"
S3_NAMES = ("S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_ENDPOINT_URL", "S3_REGION")


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(endpoint: str) -> str:
    name = f"jejaring-{secrets.token_hex(4)}"
    client(endpoint).create_bucket(Bucket=name)
    return name


def client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )


def s3_env(endpoint: str, bucket: str) -> dict[str, str]:
    return {
        "S3_BUCKET": bucket,
        "S3_ACCESS_KEY_ID": KEY_ID,
        "S3_SECRET_ACCESS_KEY": SECRET,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
    }


def configured(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    """The default storage the settings build from this environment."""
    for name in S3_NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return base._file_storage()


def host(monkeypatch: pytest.MonkeyPatch, endpoint: str, bucket: str) -> UniqueNameS3Storage:
    """One app host's storage, built as the settings build it."""
    config = configured(monkeypatch, **s3_env(endpoint, bucket))
    assert config["BACKEND"] == "jejaring.core.storage.UniqueNameS3Storage"
    return UniqueNameS3Storage(**config["OPTIONS"])


def anonymous_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


# --- settings ----------------------------------------------------------------------------


def test_without_a_bucket_uploads_stay_in_the_shared_directory(monkeypatch) -> None:
    assert configured(monkeypatch) == {
        "BACKEND": "jejaring.core.storage.UniqueNameFileSystemStorage"
    }


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"S3_BUCKET": "jejaring"}, "S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY not"),
        ({"S3_BUCKET": "jejaring", "S3_ACCESS_KEY_ID": KEY_ID}, "S3_SECRET_ACCESS_KEY not"),
        ({"S3_ACCESS_KEY_ID": KEY_ID, "S3_SECRET_ACCESS_KEY": SECRET}, "S3_BUCKET not"),
        ({"S3_ENDPOINT_URL": "http://minio:9000"}, "S3_BUCKET, S3_ACCESS_KEY_ID"),
    ],
)
def test_a_half_configured_bucket_stops_the_process_naming_what_is_missing(
    monkeypatch, env: dict[str, str], missing: str
) -> None:
    with pytest.raises(ImproperlyConfigured, match=missing):
        configured(monkeypatch, **env)


# --- the storage against an S3 server ----------------------------------------------------


def test_a_file_one_host_stores_is_read_by_another(monkeypatch, endpoint, bucket) -> None:
    app_host, worker_host = host(monkeypatch, endpoint, bucket), host(monkeypatch, endpoint, bucket)
    name = app_host.save("imports/2026/12/peserta.xlsx", ContentFile(b"isi berkas"))
    with worker_host.open(name, "rb") as handle:
        assert handle.read() == b"isi berkas"
    assert worker_host.size(name) == len(b"isi berkas")
    worker_host.delete(name)
    assert not app_host.exists(name)


def test_two_uploads_with_the_same_name_never_collide(monkeypatch, endpoint, bucket) -> None:
    host_a, host_b = host(monkeypatch, endpoint, bucket), host(monkeypatch, endpoint, bucket)
    name = "imports/2026/12/peserta.xlsx"
    stored = [
        host_a.save(name, ContentFile(b"dari A")),
        host_b.save(name, ContentFile(b"dari B")),
        host_a.save(name, ContentFile(b"lagi dari A")),
    ]
    assert len(set(stored)) == 3
    for each in stored:
        directory, token, filename = each.rsplit("/", 2)
        assert (directory, filename, len(token)) == ("imports/2026/12", "peserta.xlsx", 16)
    keys = client(endpoint).list_objects_v2(Bucket=bucket)["Contents"]
    assert sorted(item["Key"] for item in keys) == sorted(stored)
    assert [host_b.open(each).read() for each in stored] == [b"dari A", b"dari B", b"lagi dari A"]


def test_nothing_is_readable_without_the_keys(monkeypatch, endpoint, bucket) -> None:
    storage = host(monkeypatch, endpoint, bucket)
    name = storage.save("enrolment-docs/2026/ktp.jpg", ContentFile(b"KTP"))
    grants = client(endpoint).get_object_acl(Bucket=bucket, Key=name)["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants), grants  # no public group
    assert anonymous_status(f"{endpoint}/{bucket}/{name}") == 403
    # The only link the storage hands out is signed and expires in five minutes.
    link = storage.url(name)
    assert "X-Amz-Signature=" in link and "X-Amz-Expires=300" in link
    assert anonymous_status(link.split("?", 1)[0]) == 403
    with pytest.raises(SuspiciousFileOperation):
        storage.save("../outside.jpg", ContentFile(b"x"))


# --- the app's flows with the bucket as the default storage ------------------------------


@pytest.fixture
def s3_default(settings, endpoint, bucket, tmp_path) -> str:
    settings.MEDIA_ROOT = str(tmp_path / "media")  # must stay empty
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "jejaring.core.storage.UniqueNameS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "access_key": KEY_ID,
                "secret_key": SECRET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
            },
        },
    }
    return bucket


@pytest.fixture
def committed(monkeypatch, django_capture_on_commit_callbacks) -> None:
    """Run the tasks enqueued on commit as a commit would (test transactions never do)."""
    for name in ("import_job_create", "import_job_confirm"):
        service = getattr(imports, name)

        def run(*args: Any, _service: Any = service, **kwargs: Any) -> Any:
            with django_capture_on_commit_callbacks(execute=True):
                return _service(*args, **kwargs)

        monkeypatch.setattr(imports, name, run)


def spreadsheet(count: int) -> SimpleUploadedFile:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Peserta")
    sheet.append([column.header for column in COLUMNS])
    for i in range(count):
        sheet.append(row(i))
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("peserta.xlsx", out.getvalue())


def test_upload_preview_and_import_work_with_the_bucket(
    cast, client, settings, s3_default, committed, endpoint, tmp_path
) -> None:
    batch = BatchFactory(
        program=ProgramFactory(institution=cast.lpks, default_capacity=20),
        capacity=20,
        status=Batch.Status.OPEN,
    )
    client.force_login(cast.operator)
    response = client.post(
        reverse("training_import:upload", args=[batch.pk]), {"file": spreadsheet(3)}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == ImportJob.Status.VALIDATED
    stored = [item["Key"] for item in client_objects(endpoint, s3_default)]
    assert stored == [job.file.name] and job.file.name.endswith("/peserta.xlsx")
    page = client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Peserta 2" in page  # the preview, read back from the bucket

    # Another host (a storage of its own, nothing cached) writes the rows.
    settings.STORAGES = {**settings.STORAGES}
    client.post(reverse("imports:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert Enrolment.objects.filter(batch=batch).count() == 3
    assert not Path(settings.MEDIA_ROOT).exists()


def client_objects(endpoint: str, bucket: str) -> list[dict[str, Any]]:
    return list(client(endpoint).list_objects_v2(Bucket=bucket).get("Contents", []))


def test_staff_download_an_applicant_s_document_from_the_bucket(cast, client, s3_default) -> None:
    enrolment = EnrolmentFactory(batch=_selection_batch(cast))
    document = EnrolmentDocument(enrolment=enrolment, kind=EnrolmentDocument.Kind.DIPLOMA)
    document.file.save("ijazah.pdf", ContentFile(b"%PDF-1.4 ijazah"), save=True)
    assert default_storage.exists(document.file.name)
    client.force_login(cast.operator)
    response = client.get(reverse("training:enrolment_document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 ijazah"
    assert response["Content-Disposition"] == 'attachment; filename="ijazah.pdf"'
    assert AuditEvent.objects.filter(action=training_actions.ENROLMENT_DOCUMENT_VIEW).exists()


# --- production settings -----------------------------------------------------------------


def test_production_with_a_bucket_passes_the_deploy_check_and_stores_there(
    tmp_path, endpoint, bucket
) -> None:
    env = production_env(tmp_path / "data", **s3_env(endpoint, bucket))
    manage = [sys.executable, str(ROOT / "manage.py")]
    check = subprocess.run(  # noqa: S603 - our interpreter and manage.py
        [*manage, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    saved = subprocess.run(  # noqa: S603
        [
            *manage,
            "shell",
            "-c",
            "from django.core.files.base import ContentFile\n"
            "from django.core.files.storage import default_storage\n"
            "print(default_storage.save('imports/x.csv', ContentFile(b'NIK')))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert saved.returncode == 0, saved.stderr
    name = saved.stdout.strip().splitlines()[-1]
    body = client(endpoint).get_object(Bucket=bucket, Key=name)["Body"].read()
    assert body == b"NIK" and not (tmp_path / "data" / "media").exists()
    half = {**env, "S3_SECRET_ACCESS_KEY": ""}
    refused = subprocess.run(  # noqa: S603
        [*manage, "check"],
        cwd=ROOT,
        env=half,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert refused.returncode != 0 and "S3_SECRET_ACCESS_KEY" in refused.stderr


# --- backups -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_backup_with_a_bucket_holds_the_database_and_says_the_files_are_not_in_it(
    tmp_path, s3_default, capsys
) -> None:
    default_storage.save("imports/peserta.xlsx", ContentFile(b"di bucket"))
    call_command("backup", str(tmp_path / "db-only.tar.gz"))
    assert OBJECT_STORAGE_NOTE in capsys.readouterr().out
    # An archive made on a host with a directory, with a file in it, is not restored into
    # the bucket half-way: refused before anything is written.
    media = tmp_path / "media-dir"
    (media / "imports").mkdir(parents=True)
    (media / "imports" / "lama.csv").write_bytes(b"NIK")
    archive = create_backup(tmp_path / "with-files.tar.gz", connection=connection, media_root=media)
    assert archive.media_files == 1 and archive.notes == []
    with fresh_database(tmp_path) as target:
        with pytest.raises(BackupError, match=r"1 uploaded files .* object storage"):
            restore_backup(archive.archive, connection=target)
        with target.cursor() as cursor:
            assert target.introspection.table_names(cursor) == []

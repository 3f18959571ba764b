"""The spreadsheet import-job framework.

An importer (registered per `ImportJob.Kind`) declares its columns, who may use it, how
to check a whole file and how to write it. The framework stores the upload, validates in
a background task (REJECTED with every bad row, or VALIDATED with a preview) and, once the
user confirms, writes everything in one transaction in which the status also flips to
DONE: a crash mid-write leaves nothing behind and the job can simply be run again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from jejaring.core import audit
from jejaring.core import audit_actions as actions
from jejaring.core.errors import InvalidTransition, NotFound, PermissionDenied
from jejaring.core.models import ImportJob
from jejaring.core.spreadsheets import Column, RowError, SpreadsheetError, read_sheet

Rows = list[tuple[int, dict[str, str]]]
Progress = Callable[[int], None]
PREVIEW_ROWS = 20
PROGRESS_CHUNK = 2_000


class Importer(Protocol):
    columns: Sequence[Column]

    def may_use(self, actor: Any, target: models.Model | None) -> bool: ...

    def region_for(self, actor: Any, target: models.Model | None) -> Any: ...

    def validate(self, job: ImportJob, rows: Rows) -> list[RowError]: ...

    def write(self, job: ImportJob, rows: Rows, progress: Progress) -> dict[str, Any]: ...


_REGISTRY: dict[str, Importer] = {}


def register_importer(kind: str, importer: Importer) -> None:
    _REGISTRY[kind] = importer


def importer_for(kind: str) -> Importer:
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise NotFound(_("Jenis impor tidak dikenal."), code="import_kind_unknown") from None


def import_job_target(job: ImportJob) -> models.Model | None:
    if job.target_type_id is None:
        return None
    model = ContentType.objects.get_for_id(job.target_type_id).model_class()
    assert model is not None
    return model._default_manager.filter(pk=job.target_id).first()


def import_job_create(
    *, actor: Any, kind: str, file: Any, target: models.Model | None = None
) -> ImportJob:
    importer = importer_for(kind)
    if not importer.may_use(actor, target):
        raise PermissionDenied(_("Anda tidak boleh melakukan impor ini."), code="import_forbidden")
    with transaction.atomic():
        job = ImportJob(
            region=importer.region_for(actor, target),
            kind=kind,
            created_by=actor,
            original_name=str(getattr(file, "name", "berkas"))[:255],
        )
        if target is not None:
            job.target_type = ContentType.objects.get_for_model(target)
            job.target_id = str(target.pk)
        job.file.save(job.original_name, file, save=False)
        job.save()
        audit.record(
            actor=actor, action=actions.IMPORT_JOB_CREATE, target=job, changes={"kind": kind}
        )
        transaction.on_commit(lambda: import_job_validate_task.enqueue(job.pk))
    return job


def import_job_validate(*, job_id: int) -> ImportJob:
    """Check the whole file; idempotent (a job past validation is left as it is)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status not in (ImportJob.Status.PENDING, ImportJob.Status.VALIDATING):
            return job
        importer = importer_for(job.kind)
        read: dict[str, str] = {}
        try:
            # Read in a child process with a memory and time limit: a hostile file ends
            # as a REJECTED job with its message, never as a dead worker.
            with job.file.open("rb") as handle:
                sheet = read_sheet(handle, columns=importer.columns, name=job.original_name)
            rows = sheet.rows
            read = {"format": sheet.format, "encoding": sheet.encoding}
            errors = importer.validate(job, rows)
        except SpreadsheetError as exc:
            rows, errors = [], [RowError(0, "", str(exc.message))]
        job.total_rows = len(rows)
        job.processed_rows = 0
        job.errors = [e.as_dict() for e in sorted(errors, key=lambda e: (e.row, e.column))]
        if errors:
            job.status = ImportJob.Status.REJECTED
            job.finished_at = timezone.now()
            job.summary = {"bad_rows": len({e.row for e in errors}), **read}
        else:
            job.status = ImportJob.Status.VALIDATED
            job.summary = {"preview": [values for _row, values in rows[:PREVIEW_ROWS]], **read}
        job.save()
    return job


def import_job_confirm(*, actor: Any, job: ImportJob) -> ImportJob:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.created_by_id != getattr(actor, "pk", None):
            raise PermissionDenied(
                _("Hanya pengunggah yang dapat mengimpor."), code="import_forbidden"
            )
        if job.status not in (ImportJob.Status.VALIDATED, ImportJob.Status.FAILED):
            raise InvalidTransition(_("Berkas ini belum siap diimpor."), code="import_not_ready")
        job.status = ImportJob.Status.IMPORTING
        job.processed_rows = 0
        job.save(update_fields=["status", "processed_rows", "updated_at"])
        audit.record(actor=actor, action=actions.IMPORT_JOB_CONFIRM, target=job)
        transaction.on_commit(lambda: import_job_write_task.enqueue(job.pk))
    return job


def import_job_write(*, job_id: int) -> ImportJob:
    """All or nothing: rows and the DONE status are committed together."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJob.Status.IMPORTING:
        return job
    importer = importer_for(job.kind)

    def progress(done: int) -> None:
        # Outside the write transaction would need a second connection; the counter is
        # a hint, and a page reading it mid-write sees the last committed value.
        job.processed_rows = min(done, job.total_rows)

    try:
        with transaction.atomic():
            locked = ImportJob.objects.select_for_update().get(pk=job_id)
            if locked.status != ImportJob.Status.IMPORTING:
                return locked
            with job.file.open("rb") as handle:
                rows = read_sheet(handle, columns=importer.columns, name=job.original_name).rows
            errors = importer.validate(job, rows)
            if errors:
                raise _Stale(errors)
            summary = importer.write(job, rows, progress)
            job.status = ImportJob.Status.DONE
            job.processed_rows = job.total_rows = len(rows)
            job.summary = {**job.summary, **summary}
            job.finished_at = timezone.now()
            job.save()
            audit.record(
                actor=job.created_by,
                action=f"import_job.done.{job.kind}",
                target=job,
                changes=summary,
            )
    except _Stale as stale:
        _fail(job_id, [e.as_dict() for e in stale.errors], ImportJob.Status.REJECTED)
    except Exception:
        _fail(job_id, [], ImportJob.Status.FAILED)
        raise
    return ImportJob.objects.get(pk=job_id)


class _Stale(Exception):
    """The data changed between validation and writing (e.g. a batch filled up)."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors


def _fail(job_id: int, errors: list[dict[str, Any]], status: str) -> None:
    with transaction.atomic():
        ImportJob.objects.filter(pk=job_id).update(
            status=status, errors=errors, processed_rows=0, finished_at=timezone.now()
        )


@task()
def import_job_validate_task(job_id: int) -> None:
    import_job_validate(job_id=job_id)


@task()
def import_job_write_task(job_id: int) -> None:
    import_job_write(job_id=job_id)


def import_job_list_for(*, actor: Any, limit: int = 20) -> models.QuerySet[ImportJob]:
    return ImportJob.objects.for_actor(actor).order_by("-created_at")[:limit]


def import_job_get_for(*, actor: Any, job_id: int) -> ImportJob:
    job = ImportJob.objects.for_actor(actor).filter(pk=job_id).first()
    if job is None:
        raise NotFound(_("Impor tidak ditemukan."), code="import_job_not_found")
    return job

"""What an import job becomes when its task fails for good (jejaring/core/worker.py).

Checking a file that keeps killing its worker is most likely a hostile or broken file: the
job is rejected and the user asked to check the file and upload it again. A write that
keeps dying left nothing behind (it is one transaction): the job fails, and the user may
press "Impor sekarang" again or ask their administrator.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.core.models import ImportJob
from jejaring.core.worker import on_give_up

S = ImportJob.Status


def _job_id(args: list[Any], kwargs: dict[str, Any]) -> Any:
    return kwargs.get("job_id", args[0] if args else None)


@on_give_up("jejaring.core.imports.import_job_validate_task")
def validate_gave_up(args: list[Any], kwargs: dict[str, Any], reason: str) -> None:
    message = _(
        "Berkas tidak dapat diperiksa: proses pemeriksanya berhenti. Tidak ada data yang "
        "disimpan. Periksa berkasnya lalu unggah lagi; jika terulang, hubungi admin."
    )
    ImportJob.objects.filter(pk=_job_id(args, kwargs), status__in=[S.PENDING, S.VALIDATING]).update(
        status=S.REJECTED,
        errors=[{"row": 0, "column": "", "message": message}],
        processed_rows=0,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


@on_give_up("jejaring.core.imports.import_job_write_task")
def write_gave_up(args: list[Any], kwargs: dict[str, Any], reason: str) -> None:
    message = _(
        'Impor berhenti di tengah jalan; tidak ada data yang disimpan. Tekan "Impor '
        'sekarang" untuk mencoba lagi; jika terulang, hubungi admin.'
    )
    ImportJob.objects.filter(pk=_job_id(args, kwargs), status=S.IMPORTING).update(
        status=S.FAILED,
        errors=[{"row": 0, "column": "", "message": message}],
        processed_rows=0,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )

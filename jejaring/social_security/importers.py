"""The insurer's returned registration list (XLSX) as a background import: the job
framework (jejaring/core/imports.py) stores the file, checks it whole and, once staff
confirm, writes it in one transaction through the same service as the API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models

from jejaring.accounts.scope import scope_of
from jejaring.core.imports import Progress, Rows, register_importer
from jejaring.core.models import ImportJob
from jejaring.core.spreadsheets import Column, RowError
from jejaring.social_security import services

KIND = ImportJob.Kind.INSURER_RETURN


def _rows(rows: Rows) -> list[tuple[int, str, str]]:
    return [(row, values["nik"].strip(), values["kpj"].strip()) for row, values in rows]


class InsurerReturnImporter:
    """Columns NIK and Nomor KPJ (the rest of the registration layout is ignored)."""

    columns: Sequence[Column] = (
        Column("nik", "NIK", aliases=("no ktp", "nomor induk kependudukan")),
        Column("kpj", "Nomor KPJ", aliases=("kpj", "no kpj", "nomor kartu", "kpj number")),
        Column("name", "Nama", aliases=("name",), required=False),
    )

    def may_use(self, actor: Any, target: models.Model | None) -> bool:
        scope = scope_of(actor)
        # The job belongs to one region: staff of several regions use the API instead.
        return scope.is_office and len(scope.office_region_ids) == 1

    def region_for(self, actor: Any, target: models.Model | None) -> Any:
        from jejaring.regions.models import Region

        return Region.objects.get(pk=next(iter(scope_of(actor).office_region_ids)))

    def validate(self, job: ImportJob, rows: Rows) -> list[RowError]:
        _waiting, errors = services.insurer_return_check(actor=job.created_by, rows=_rows(rows))
        return errors

    def write(self, job: ImportJob, rows: Rows, progress: Progress) -> dict[str, Any]:
        activated = services.coverage_apply_insurer_return(actor=job.created_by, rows=_rows(rows))
        progress(len(rows))
        return {"activated": activated}


def register() -> None:
    register_importer(KIND, InsurerReturnImporter())

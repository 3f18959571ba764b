"""XLSX exports of training data."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from jejaring.core import audit
from jejaring.core.errors import NotFound
from jejaring.core.numbers import XLSX_PERCENT
from jejaring.core.spreadsheets import Sheet, xlsx_bytes
from jejaring.training import audit_actions as actions
from jejaring.training.models import Batch, Enrolment


def batch_participants_xlsx(*, actor: Any, batch_id: int) -> tuple[str, bytes]:
    """The participant list of one batch (NIK masked); the export itself is audited."""
    batch = Batch.objects.for_actor(actor).filter(pk=batch_id).first()
    if batch is None:
        raise NotFound(_("Paket tidak ditemukan."), code="batch_not_found")
    enrolments = (
        Enrolment.objects.for_actor(actor)
        .filter(batch=batch)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    rows = [
        [
            number,
            enrolment.person.masked_nik,
            enrolment.display_name,
            enrolment.get_status_display(),
            float(enrolment.attendance_pct) if enrolment.attendance_pct is not None else None,
            enrolment.graduated_on,
        ]
        for number, enrolment in enumerate(enrolments, start=1)
    ]
    headers = [
        _("No."),
        _("NIK"),
        _("Nama lengkap"),
        _("Status"),
        _("Kehadiran (%)"),
        _("Tanggal lulus"),
    ]
    formats = [None, None, None, None, XLSX_PERCENT]  # attendance stays a number
    data = xlsx_bytes([Sheet(batch.code, headers, rows, formats)])
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=actions.BATCH_EXPORT_PARTICIPANTS,
            target=batch,
            changes={"rows": len(rows)},
        )
    return f"peserta-{slugify(batch.code) or batch.pk}.xlsx", data

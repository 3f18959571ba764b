"""Workbooks for the insurer. They carry full NIKs, which the insurer matches on, so
every export is audited as an export of personal data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejaring.core import audit
from jejaring.core.spreadsheets import Sheet, xlsx_bytes
from jejaring.social_security import audit_actions
from jejaring.social_security.models import Coverage
from jejaring.social_security.selectors import PremiumReport


def record_premium_report_export(*, actor: Any, report: PremiumReport, file_format: str) -> None:
    """The premium report names people: each download, workbook or PDF, is audited."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=audit_actions.PREMIUM_REPORT_EXPORT,
            changes={
                "month": [None, report.month.isoformat()],
                "people": [None, len(report.lines)],
                "format": [None, file_format],
            },
        )


def premium_report_xlsx(*, actor: Any, report: PremiumReport) -> bytes:
    """One line per person (NIK, name, KPJ, cover, days, JKK, JKM, total) and a totals
    line that is the sum of the lines, in the order the insurer's form asks for."""
    headers = [
        _("NIK"),
        _("Nama"),
        _("Nomor KPJ"),
        _("Mulai"),
        _("Selesai"),
        _("Hari dalam bulan"),
        _("JKK (Rp)"),
        _("JKM (Rp)"),
        _("Jumlah (Rp)"),
    ]
    rows: list[list[Any]] = [
        [
            line.coverage.person.nik,
            line.coverage.person.full_name,
            line.coverage.kpj_number,
            line.coverage.cover_start,
            line.coverage.cover_end,
            line.premium.days_covered,
            line.premium.jkk,
            line.premium.jkm,
            line.premium.total,
        ]
        for line in report.lines
    ]
    rows.append([_("Jumlah"), "", "", "", "", "", report.jkk, report.jkm, report.total])
    record_premium_report_export(actor=actor, report=report, file_format="XLSX")
    return xlsx_bytes([Sheet(title=report.month.strftime("%Y-%m"), headers=headers, rows=rows)])


def registrations_xlsx(*, actor: Any, coverages: Sequence[Coverage]) -> bytes:
    """The registration list for the insurer: one line per person with full NIK, name,
    birth date, cover period, payer and declared income. The insurer returns the same
    list with KPJ numbers filled in (see importers.InsurerReturnImporter, which reads
    the NIK and KPJ columns of this layout)."""
    headers = [
        _("NIK"),
        _("Nama"),
        _("Tanggal lahir"),
        _("Jenis kelamin"),
        _("Jenis peserta"),
        _("Mulai"),
        _("Selesai"),
        _("Pembayar"),
        _("Penghasilan dilaporkan (Rp)"),
        _("Nomor KPJ"),
    ]
    rows: list[list[Any]] = [
        [
            c.person.nik,
            c.person.full_name,
            c.person.birth_date,
            c.person.sex,
            c.get_kind_display(),
            c.cover_start,
            c.cover_end,
            c.payer_company.name if c.payer_company else str(c.get_payer_display()),
            c.declared_income,
            c.kpj_number,
        ]
        for c in coverages
    ]
    with transaction.atomic():
        region_ids: list[int | None] = [*sorted({c.region_id for c in coverages})] or [None]
        for region_id in region_ids:
            audit.record(
                actor=actor,
                action=audit_actions.REGISTRATIONS_EXPORT,
                region=next((c.region for c in coverages if c.region_id == region_id), None),
                changes={
                    "people": [None, sum(1 for c in coverages if c.region_id == region_id)],
                    "full_nik": [None, True],
                },
            )
    return xlsx_bytes([Sheet(title=_("Pendaftaran"), headers=headers, rows=rows)])

"""Workbooks for the insurer. They carry full NIKs, which the insurer matches on, so
every export is audited as an export of personal data."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejaring.core import audit
from jejaring.core.spreadsheets import Sheet, xlsx_bytes
from jejaring.social_security.selectors import PremiumReport


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
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="social_security.premium_report.export",
            changes={
                "month": [None, report.month.isoformat()],
                "people": [None, len(report.lines)],
            },
        )
    return xlsx_bytes([Sheet(title=report.month.strftime("%Y-%m"), headers=headers, rows=rows)])

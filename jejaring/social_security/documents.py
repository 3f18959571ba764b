"""The monthly BPJS Ketenagakerjaan premium report as a PDF on the office's document kit
(jejaring.core.documents). It lists people by name, so it is audited like the workbook."""

from __future__ import annotations

from typing import Any

from jejaring.core.documents import render_document
from jejaring.regions.calendar import today_in
from jejaring.regions.letterhead import letterhead_of, signatory_of
from jejaring.regions.models import Region
from jejaring.social_security.exports import record_premium_report_export
from jejaring.social_security.selectors import PremiumReport


def premium_report_pdf(
    *, actor: Any, report: PremiumReport, region: Region, payer: str, company: str = ""
) -> bytes:
    record_premium_report_export(actor=actor, report=report, file_format="PDF")
    return render_document(
        "social_security/pdf/premium_report.html",
        {"report": report, "payer": payer, "company": company},
        letterhead=letterhead_of(region),
        signatory=signatory_of(region),
        place_date=today_in(region),
    )

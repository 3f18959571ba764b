"""The premium report as the office's PDF, audited like the workbook."""

from datetime import date

import pytest

from jejaring.core.audit_display import describe
from jejaring.core.models import AuditEvent
from jejaring.social_security import audit_actions
from jejaring.social_security.tests.factories import CoverageFactory, bpu_rate

# The batch fixture and the accepted helper of the premium report's page test.
from jejaring.social_security.tests.test_views import accepted, batch  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_premium_report_downloads_as_a_pdf_and_the_export_is_audited(
    client,
    cast,
    batch,  # noqa: F811
):
    bpu_rate()
    CoverageFactory(
        enrolment=accepted(batch, cast.person_1),
        cover_start=date(2026, 3, 1),
        cover_end=date(2026, 3, 31),
    )
    client.force_login(cast.staff_a)
    response = client.get("/bpjs/iuran/", {"month": "2026-03", "payer": "office", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action=audit_actions.PREMIUM_REPORT_EXPORT)
    assert event.changes["format"] == [None, "PDF"]
    assert event.changes["people"] == [None, 1]
    # The audit page says which file left the office.
    assert describe(event).phrase == "Mengekspor laporan iuran BPJS bulan Maret 2026, 1 orang (PDF)"

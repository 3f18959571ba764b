"""The training certificate and the competency certificate record as PDFs on the office's
document kit (jejaring.core.documents): letterhead, signatory and a verification code
printed in words and as a QR code linking to the public verification page."""

from __future__ import annotations

from typing import Any

from jejaring.assessment.models import CompetencyCertificate, TrainingCertificate
from jejaring.core.documents import render_document, verification_of
from jejaring.regions.calendar import today_in
from jejaring.regions.letterhead import letterhead_of, signatory_of


def certificate_pdf(certificate: TrainingCertificate, *, request: Any = None) -> bytes:
    """The training certificate: the front states who completed what, where, when, for how
    many hours and with what result, dated on its issue day; the back lists the competency
    units the program covers."""
    enrolment = certificate.enrolment
    program = enrolment.batch.program
    region = certificate.region
    return render_document(
        "assessment/pdf/training_certificate.html",
        {
            "certificate": certificate,
            "enrolment": enrolment,
            "person": enrolment.person,
            "batch": enrolment.batch,
            "program": program,
            "units": list(program.units.order_by("code")),
            "institution": certificate.institution,
        },
        letterhead=letterhead_of(region),
        signatory=signatory_of(region),
        verification=verification_of(certificate, request),
        place_date=certificate.issued_on,
    )


def competency_record_pdf(competency: CompetencyCertificate, *, request: Any = None) -> bytes:
    """The office's record of a BNSP competency certificate (the certificate itself is
    BNSP's): holder, scheme, LSP, registration number, dates and validity."""
    region = competency.region
    today = today_in(region)
    return render_document(
        "assessment/pdf/competency_record.html",
        {
            "competency": competency,
            "person": competency.person,
            "units": [
                link.unit
                for link in competency.scheme.scheme_units.select_related("unit").order_by(
                    "position", "unit__code"
                )
            ],
            "valid": competency.valid_until >= today,
        },
        letterhead=letterhead_of(region),
        signatory=signatory_of(region),
        verification=verification_of(competency, request),
        place_date=today,
    )

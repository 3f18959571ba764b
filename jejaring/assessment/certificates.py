"""The training certificate as a PDF, with a QR code that links to its public
verification page."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.urls import reverse

from jejaring.assessment.models import TrainingCertificate
from jejaring.core.pdf import render_pdf


def verification_url(certificate: TrainingCertificate, request: Any = None) -> str:
    """The absolute URL the QR code encodes: from the setting PUBLIC_BASE_URL when set
    (behind a proxy the request's host may be internal), else from the request."""
    path = reverse("verify:detail", kwargs={"verification_code": certificate.verification_token})
    base = getattr(settings, "PUBLIC_BASE_URL", "")
    if base:
        return base.rstrip("/") + path
    if request is not None:
        return str(request.build_absolute_uri(path))
    return path


def qr_data_uri(payload: str) -> str:
    """An SVG QR code as a data: URI (WeasyPrint fetches nothing remote)."""
    svg = segno.make(payload, error="m").svg_inline(scale=4, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def certificate_pdf(certificate: TrainingCertificate, *, url: str) -> bytes:
    enrolment = certificate.enrolment
    return render_pdf(
        "assessment/pdf/training_certificate.html",
        {
            "certificate": certificate,
            "person": enrolment.person,
            "batch": enrolment.batch,
            "program": enrolment.batch.program,
            "institution": certificate.institution,
            "verification_url": url,
            "qr": qr_data_uri(url),
        },
    )

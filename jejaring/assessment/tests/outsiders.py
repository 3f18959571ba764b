"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from typing import Any

from jejaring.assessment.tests.factories import (
    CandidateFactory,
    CompetencyCertificateFactory,
    SessionFactory,
    TrainingCertificateFactory,
)

OUTSIDERS = {
    "assessment_session_id": lambda cast: SessionFactory(region=cast.region_b).pk,
    "candidate_id": lambda cast: CandidateFactory(session__region=cast.region_b).pk,
    "training_certificate_id": lambda cast: TrainingCertificateFactory(region=cast.region_b).pk,
    "competency_certificate_id": lambda cast: (
        CompetencyCertificateFactory(candidate__session__region=cast.region_b).pk
    ),
}
EXEMPT_PARAMETERS: dict[str, Any] = {
    "verification_code": "public by design: the QR target (a random code) or a printed "
    "document number; the page shows a masked name and nothing personal",
}

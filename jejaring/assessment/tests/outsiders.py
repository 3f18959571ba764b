"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from typing import Any

from jejaring.assessment.tests.factories import (
    CandidateFactory,
    SessionFactory,
    TrainingCertificateFactory,
)

OUTSIDERS = {
    "assessment_session_id": lambda cast: SessionFactory(region=cast.region_b).pk,
    "candidate_id": lambda cast: CandidateFactory(session__region=cast.region_b).pk,
    "training_certificate_id": lambda cast: TrainingCertificateFactory(region=cast.region_b).pk,
}
EXEMPT_PARAMETERS: dict[str, Any] = {
    "verification_code": "public by design: the QR target (a random code) or the printed "
    "certificate number; the page shows a masked name and nothing personal",
}

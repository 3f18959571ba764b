"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from typing import Any

from jejaring.trainees.tests.factories import PersonFactory

OUTSIDERS = {
    "person_id": lambda cast: PersonFactory(region=cast.region_b).pk,
}
EXEMPT_PARAMETERS: dict[str, Any] = {}


def _region_b_batch(cast: Any) -> Any:
    from jejaring.training.tests.factories import BatchFactory

    return BatchFactory(program__institution__region=cast.region_b)


def _region_b_enrolment(cast: Any) -> int:
    from jejaring.training.tests.factories import EnrolmentFactory

    return EnrolmentFactory(batch=_region_b_batch(cast)).pk


def _region_b_batch_session(cast: Any) -> int:
    from datetime import date

    from jejaring.training.models import BatchSession

    return BatchSession.objects.create(batch=_region_b_batch(cast), date=date(2026, 3, 2)).pk


# The trainee's own training pages (/pelatihan-saya/) and the training API.
OUTSIDERS.update(
    {
        "enrolment_id": _region_b_enrolment,
        "batch_id": lambda cast: _region_b_batch(cast).pk,
        "batch_session_id": _region_b_batch_session,
    }
)
EXEMPT_PARAMETERS.update(
    {
        "open_batch_id": "public registration (/daftar/ and /api/training/open-batches/): "
        "any region's batch that is open for registration is public, others are a 404",
    }
)


def _transfer_request_of_region_b(cast: Any) -> int:
    """Region B's person asked to move to a third region: neither end is region A."""
    from jejaring.regions.tests.factories import RegionFactory
    from jejaring.trainees.models import TransferRequest
    from jejaring.trainees.tests.factories import PersonFactory

    person = PersonFactory(region=cast.region_b)
    return TransferRequest.objects.create(
        region=cast.region_b, person=person, to_region=RegionFactory(code="33.74")
    ).pk


OUTSIDERS["transfer_request_id"] = _transfer_request_of_region_b

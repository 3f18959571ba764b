"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from typing import Any

from jejaring.trainees.tests.factories import PersonFactory

OUTSIDERS = {
    "person_id": lambda cast: PersonFactory(region=cast.region_b).pk,
}
EXEMPT_PARAMETERS: dict[str, Any] = {}

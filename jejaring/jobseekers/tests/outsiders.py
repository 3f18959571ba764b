"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from typing import Any


def _card(cast: Any) -> int:
    from jejaring.jobseekers.tests.factories import IssuedCardFactory

    return IssuedCardFactory(region=cast.region_b).pk


OUTSIDERS = {"card_id": _card}
EXEMPT_PARAMETERS = {
    "office_slug": "public AK/1 registration form of an office, open to anyone for every region"
}

"""The Permenaker 6/2020 rule set comes from data migration 0003; a test module that
flushes the database (the demo test) removes it, so it is put back for every test here."""

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def permenaker_rules(request: Any) -> Any:
    if "django_db" not in request.keywords and "db" not in request.fixturenames:
        return None
    request.getfixturevalue("db")
    from jejaring.internships.tests.factories import permenaker_rules as seeded

    return seeded()

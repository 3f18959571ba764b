"""Card numbers under concurrency (PostgreSQL: SQLite serialises writers, so only a real
server can show a race). Skipped without DATABASE_URL pointing at PostgreSQL."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jejaring.accounts.scope import Role
from jejaring.accounts.tests.factories import MembershipFactory, UserFactory
from jejaring.core.tests.races import race
from jejaring.jobseekers import services
from jejaring.jobseekers.models import CardCounter, JobSeekerCard
from jejaring.jobseekers.tests.factories import CardFactory
from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 4)).save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def test_fifty_simultaneous_issues_in_one_region_get_fifty_consecutive_numbers():
    region = RegionFactory(code="33.75")
    staff = UserFactory()
    MembershipFactory(user=staff, region=region, role=Role.OFFICE_STAFF)
    cards = [
        CardFactory(region=region, person=PersonFactory(region=region)) for _ in range(THREADS)
    ]
    photos = [_png() for _ in range(THREADS)]

    outcomes = race(
        lambda i: services.card_issue(
            actor=staff,
            card=cards[i],
            documents=services.DocumentCheck(ktp=True, diploma=True),
            photo=photos[i],
            on=date(2026, 5, 4),
        ),
        THREADS,
    )

    issued = [o for o in outcomes if isinstance(o, JobSeekerCard)]
    assert len(issued) == THREADS, [o for o in outcomes if not isinstance(o, JobSeekerCard)]
    sequences = sorted(
        JobSeekerCard.objects.filter(region=region, year=2026).values_list("sequence", flat=True)
    )
    assert sequences == list(range(1, THREADS + 1))
    assert len({card.number for card in issued}) == THREADS
    assert CardCounter.objects.get(region=region, year=2026).last == THREADS

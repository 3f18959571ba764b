"""BPJS work in the office's inbox: cover to register and participants without cover."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jejaring.social_security import inbox
from jejaring.social_security.models import Coverage
from jejaring.social_security.tests.factories import CoverageFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_cover_to_register_waits_until_registered(cast):
    cover = CoverageFactory(
        enrolment__batch__program__institution=cast.lpks,
        status=Coverage.Status.TO_REGISTER,
        cover_start=TODAY + timedelta(days=7),
        cover_end=TODAY + timedelta(days=60),
    )
    CoverageFactory(
        enrolment__batch__program__institution=InstitutionFactory(region=cast.region_b),
        status=Coverage.Status.TO_REGISTER,
    )

    [item] = inbox.lists_to_register(actor=cast.staff_a, today=TODAY)

    assert item.url == reverse("social_security:coverage_list") + "?status=to_register"
    assert (item.count, item.due) == (1, cover.cover_start)
    Coverage.objects.filter(pk=cover.pk).update(status=Coverage.Status.REGISTERED)
    assert inbox.lists_to_register(actor=cast.staff_a, today=TODAY) == []


def test_participants_starting_soon_without_cover_are_a_warning(cast):
    batch = BatchFactory(
        program__institution=cast.lpks,
        status=Batch.Status.SELECTION,
        start_date=TODAY + timedelta(days=3),
        end_date=TODAY + timedelta(days=40),
    )
    EnrolmentFactory(batch=batch, status=Enrolment.Status.ACCEPTED)

    [item] = inbox.cover_warnings(actor=cast.staff_a, today=TODAY)

    assert (item.url, item.count, item.due) == (
        reverse("social_security:dashboard"),
        1,
        batch.start_date,
    )
    assert inbox.cover_warnings(actor=cast.staff_b, today=TODAY) == []

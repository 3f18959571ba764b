"""The demo's competency tests and certificates: every cohort has them, in the formats
the services produce, with competency certificates near expiry for the reminder page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command

from jejaring.assessment import selectors
from jejaring.assessment.models import AssessmentSession, CompetencyCertificate, TrainingCertificate
from jejaring.demo.loader import load_demo
from jejaring.demo.loader.common import TODAY
from jejaring.training.models import Batch, Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        load_demo()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def test_every_finished_batch_of_every_year_has_a_session_and_certificates(demo):
    finished = Batch.objects.filter(status=Batch.Status.FINISHED)
    years = set(finished.values_list("year", flat=True))
    assert len(years) >= 6
    assert not finished.exclude(assessment_sessions__isnull=False).exists()
    graduates = Enrolment.objects.filter(status=Enrolment.Status.GRADUATED)
    # One package alone waits for its certificates (LPK Busana Batik's latest): work in
    # its operator's inbox. Every other finished package has them all.
    waiting = set(graduates.filter(certificate__isnull=True).values_list("batch", flat=True))
    assert len(waiting) == 1
    [batch] = Batch.objects.filter(pk__in=waiting)
    assert batch.institution.name.startswith("LPK Busana Batik")
    assert batch.end_date == max(
        finished.filter(institution=batch.institution).values_list("end_date", flat=True)
    )
    # A session per finished package, and one re-assessment awaiting the assessor's results.
    assert AssessmentSession.objects.count() == finished.count() + 1


def test_certificate_numbers_follow_the_service_format(demo):
    pattern = re.compile(r"^(BLK|LPKS)-\d+/\d{4}/\d{4}$")
    numbers = list(TrainingCertificate.objects.values_list("number", flat=True))
    assert numbers
    assert all(pattern.match(n) for n in numbers)
    tokens = TrainingCertificate.objects.values_list("verification_token", flat=True)
    assert all(len(t) == 32 for t in tokens)


def test_a_demo_certificate_verifies_publicly(demo):
    certificate = TrainingCertificate.objects.order_by("pk").first()
    assert certificate is not None
    found = selectors.verification_get(code=certificate.verification_token, today=TODAY)
    assert found.number == certificate.number


def test_some_competency_certificates_expire_within_the_reminder_window(demo):
    soon = CompetencyCertificate.objects.filter(
        valid_until__gte=TODAY, valid_until__lte=TODAY + timedelta(days=90)
    )
    assert soon.exists()

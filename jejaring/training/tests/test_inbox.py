"""Training's items in the home inbox: each appears while the work waits, goes once it is
done, and never shows another region's or another institution's records."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from jejaring.training import inbox
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment, IdentityReview
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def _batch(institution, **fields):
    return BatchFactory(program__institution=institution, **fields)


def test_applicants_waiting_for_selection_link_to_the_batch_selection_page(cast):
    batch = _batch(
        cast.lpks,
        status=Batch.Status.SELECTION,
        start_date=TODAY + timedelta(days=14),
        end_date=TODAY + timedelta(days=50),
    )
    EnrolmentFactory.create_batch(2, batch=batch)
    other_region = _batch(InstitutionFactory(region=cast.region_b), status=Batch.Status.OPEN)
    EnrolmentFactory(batch=other_region)
    other_institution = _batch(InstitutionFactory(region=cast.region_a), status=Batch.Status.OPEN)
    EnrolmentFactory(batch=other_institution)

    [item] = inbox.applicants_waiting(actor=cast.operator, today=TODAY)

    assert item.url == reverse("training:batch_selection", args=[batch.pk])
    assert (item.count, item.due) == (2, batch.start_date)
    Enrolment.objects.filter(batch=batch).update(status=Enrolment.Status.ACCEPTED)
    assert inbox.applicants_waiting(actor=cast.operator, today=TODAY) == []


def test_held_sessions_without_attendance_wait_until_attendance_is_taken(cast):
    batch = _batch(
        cast.lpks,
        status=Batch.Status.RUNNING,
        start_date=TODAY - timedelta(days=7),
        end_date=TODAY + timedelta(days=30),
    )
    enrolment = EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
    held = BatchSession.objects.create(
        batch=batch, date=TODAY - timedelta(days=1), starts_at=time(8)
    )
    BatchSession.objects.create(batch=batch, date=TODAY + timedelta(days=1), starts_at=time(8))
    foreign = _batch(InstitutionFactory(region=cast.region_b), status=Batch.Status.RUNNING)
    BatchSession.objects.create(batch=foreign, date=TODAY - timedelta(days=1), starts_at=time(8))

    [item] = inbox.sessions_without_attendance(actor=cast.operator, today=TODAY)

    assert item.url == reverse("training:batch_attendance", args=[batch.pk])
    assert (item.count, item.due) == (1, held.date)
    Attendance.objects.create(session=held, enrolment=enrolment, status=Attendance.Status.PRESENT)
    assert inbox.sessions_without_attendance(actor=cast.operator, today=TODAY) == []


def test_a_running_batch_past_its_last_day_is_to_finish(cast):
    batch = _batch(
        cast.lpks,
        status=Batch.Status.RUNNING,
        start_date=TODAY - timedelta(days=40),
        end_date=TODAY - timedelta(days=2),
    )
    EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
    _batch(
        InstitutionFactory(region=cast.region_b),
        status=Batch.Status.RUNNING,
        start_date=TODAY - timedelta(days=40),
        end_date=TODAY - timedelta(days=2),
    )

    [item] = inbox.batches_to_finish(actor=cast.operator, today=TODAY)

    assert item.url == reverse("training:batch_detail", args=[batch.pk])
    assert item.due == batch.end_date
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.FINISHED)
    assert inbox.batches_to_finish(actor=cast.operator, today=TODAY) == []


def test_identity_reviews_wait_in_their_own_office_only(cast):
    enrolment = EnrolmentFactory(batch=_batch(InstitutionFactory(region=cast.region_a)))
    review = IdentityReview.objects.create(
        region=cast.region_a,
        kind=IdentityReview.Kind.CONTACT_DIFFERS,
        person=enrolment.person,
        batch=enrolment.batch,
        enrolment=enrolment,
    )

    [item] = inbox.identity_matches(actor=cast.staff_a, today=TODAY)
    assert (item.url, item.count) == (reverse("training:identity_inbox"), 1)
    assert inbox.identity_matches(actor=cast.staff_b, today=TODAY)[0].count == 0
    review.resolved_at = review.created_at
    review.save()
    assert inbox.identity_matches(actor=cast.staff_a, today=TODAY)[0].count == 0


def test_an_accepted_trainee_is_told_what_to_bring_before_the_start(cast):
    batch = _batch(
        cast.lpks,
        status=Batch.Status.SELECTION,
        start_date=TODAY + timedelta(days=5),
        end_date=TODAY + timedelta(days=40),
    )
    mine = EnrolmentFactory(batch=batch, person=cast.person_1, status=Enrolment.Status.ACCEPTED)
    EnrolmentFactory(batch=batch, person=cast.person_2, status=Enrolment.Status.ACCEPTED)

    [item] = inbox.documents_to_bring(actor=cast.trainee_1, today=TODAY)

    assert item.url == reverse("my_training:enrolment_detail", args=[mine.pk])
    assert item.due == batch.start_date
    assert (
        inbox.documents_to_bring(actor=cast.trainee_1, today=batch.start_date + timedelta(1)) == []
    )

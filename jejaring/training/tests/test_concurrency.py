"""The last seats of a batch under a race (PostgreSQL: SQLite serialises writers, so only a
real server can show one). Like jejaring/placement/tests/test_concurrency.py for referrals."""

from __future__ import annotations

import pytest

from jejaring.core.errors import Conflict
from jejaring.core.models import AuditEvent
from jejaring.core.tests.races import race
from jejaring.training import audit_actions as actions
from jejaring.training import services
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50


def test_fifty_operators_accepting_at_once_never_fill_a_batch_past_its_capacity(cast):
    batch = BatchFactory(
        region=cast.region_a,
        program__institution=cast.lpks,
        capacity=20,
        status=Batch.Status.SELECTION,
    )
    for _ in range(17):
        EnrolmentFactory(batch=batch, status=Enrolment.Status.ACCEPTED)
    applicants = [
        EnrolmentFactory(batch=batch, status=Enrolment.Status.APPLIED) for _ in range(THREADS)
    ]

    outcomes = race(
        lambda i: services.enrolment_decide(
            actor=cast.staff_a,
            batch=batch,
            enrolment_ids=[applicants[i].pk],
            decision=Enrolment.Status.ACCEPTED,
        ),
        THREADS,
    )

    accepted = [o for o in outcomes if isinstance(o, list)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(accepted) == 3
    assert len(refused) == THREADS - 3, [o for o in outcomes if not isinstance(o, list)]
    assert {e.code for e in refused} == {"batch_full"}
    statuses = list(
        Enrolment.objects.filter(pk__in=[a.pk for a in applicants]).values_list("status", flat=True)
    )
    # Nothing lost: the three winners are accepted, every other applicant still waits.
    assert sorted(statuses).count(Enrolment.Status.ACCEPTED) == 3
    assert statuses.count(Enrolment.Status.APPLIED) == THREADS - 3
    assert Enrolment.objects.filter(batch=batch, status=Enrolment.Status.ACCEPTED).count() == 20
    assert AuditEvent.objects.filter(action=actions.ENROLMENT_DECIDE).count() == 3

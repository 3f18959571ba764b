"""Assessment's items in the home inbox: certificates to issue (operator) and candidates
without results (assessor)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jejaring.assessment import inbox
from jejaring.assessment.models import Candidate
from jejaring.assessment.tests.factories import (
    CandidateFactory,
    SessionFactory,
    TrainingCertificateFactory,
)
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_graduates_without_a_certificate_wait_for_the_operator(cast):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.FINISHED)
    graduates = EnrolmentFactory.create_batch(
        2, batch=batch, status=Enrolment.Status.GRADUATED, graduated_on=batch.end_date
    )
    foreign = BatchFactory(
        program__institution=InstitutionFactory(region=cast.region_b),
        status=Batch.Status.FINISHED,
    )
    EnrolmentFactory(
        batch=foreign, status=Enrolment.Status.GRADUATED, graduated_on=date(2026, 4, 10)
    )

    [item] = inbox.certificates_to_issue(actor=cast.operator, today=TODAY)

    assert item.url == reverse("assessment:certificate_list") + f"?paket={batch.pk}"
    assert item.count == 2
    for enrolment in graduates:
        TrainingCertificateFactory(region=cast.region_a, enrolment=enrolment)
    assert inbox.certificates_to_issue(actor=cast.operator, today=TODAY) == []


def test_the_certificate_page_preselects_the_batch_of_the_inbox_link(client, cast):
    batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.FINISHED)
    EnrolmentFactory(batch=batch, status=Enrolment.Status.GRADUATED, graduated_on=batch.end_date)
    client.force_login(cast.operator)
    response = client.get(reverse("assessment:certificate_list") + f"?paket={batch.pk}")
    assert f'<option value="{batch.pk}" selected>' in response.content.decode()


def test_candidates_of_a_held_session_wait_for_the_assessors_results(cast):
    session = SessionFactory(
        region=cast.region_a, date=TODAY - timedelta(days=1), assessors=[cast.assessor]
    )
    candidate = CandidateFactory(session=session)
    CandidateFactory(session=SessionFactory(region=cast.region_a, date=TODAY - timedelta(days=1)))
    CandidateFactory(
        session=SessionFactory(
            region=cast.region_a, date=TODAY + timedelta(days=3), assessors=[cast.assessor]
        )
    )

    [item] = inbox.candidates_without_results(actor=cast.assessor_user, today=TODAY)

    assert item.url == reverse("assessment:session_detail", args=[session.pk])
    assert (item.count, item.due) == (1, session.date)
    Candidate.objects.filter(pk=candidate.pk).update(status=Candidate.Status.ABSENT)
    assert inbox.candidates_without_results(actor=cast.assessor_user, today=TODAY) == []

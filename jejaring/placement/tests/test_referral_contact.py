"""Company HR reach a referred candidate (issue 17 item 6): the phone and email show to HR
of the referral's own company while it is live, each look audited; the candidate finds
their referral letter on their application page."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.core.models import AuditEvent
from jejaring.placement import audit_actions
from jejaring.placement.models import AllocationRound, Application, Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(cast):
    cast.person_1.phone = "+6281234567890"
    cast.person_1.email = "satu@example.id"
    cast.person_1.save()
    return ReferralFactory(
        formation__company=cast.company_a, person=cast.person_1, letter_number="560/PNY-L/1"
    )


def _look(client, referral):
    return client.post(reverse("placement:referral_contact", args=[referral.pk]))


def test_hr_of_the_company_sees_the_candidate_s_contact_and_each_look_is_audited(
    client, cast, referral
):
    client.force_login(cast.hr_a)
    page = client.get(reverse("placement:referral_detail", args=[referral.pk]))
    assert page.context["may_see_contact"] is True
    assert "+6281234567890" not in page.content.decode()
    for _look_again in range(2):
        response = _look(client, referral)
        assert response.status_code == 200
        assert "+6281234567890" in response.content.decode()
        assert "satu@example.id" in response.content.decode()
    events = AuditEvent.objects.filter(action=audit_actions.REFERRAL_CONTACT_VIEW)
    assert events.count() == 2
    assert {e.actor_id for e in events} == {cast.hr_a.pk}


def test_nobody_else_sees_the_contact(client, cast, referral):
    for outsider in (cast.hr_b, cast.trainee_2, cast.operator):
        client.force_login(outsider)
        assert _look(client, referral).status_code == 404
    client.force_login(cast.hr_b)
    assert client.get(reverse("placement:referral_detail", args=[referral.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action=audit_actions.REFERRAL_CONTACT_VIEW).exists()


def test_the_contact_is_gone_once_the_referral_is_no_longer_live(client, cast, referral):
    Referral.objects.filter(pk=referral.pk).update(
        status=Referral.Status.REJECTED, status_reason="Posisi terisi"
    )
    client.force_login(cast.hr_a)
    page = client.get(reverse("placement:referral_detail", args=[referral.pk]))
    assert page.context["may_see_contact"] is False
    assert _look(client, referral).status_code == 404


def test_the_candidate_reaches_their_referral_letter_from_their_application(client, cast, referral):
    rnd = AllocationRound.objects.create(
        region=cast.region_a, name="Tahap I", seed=1, status=AllocationRound.Status.PUBLISHED
    )
    application = Application.objects.create(
        region=cast.region_a,
        round=rnd,
        person=cast.person_1,
        enrolment=EnrolmentFactory(
            person=cast.person_1, status=Enrolment.Status.GRADUATED, graduated_on=date(2026, 4, 10)
        ),
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    Referral.objects.filter(pk=referral.pk).update(round=rnd, application=application)
    client.force_login(cast.trainee_1)
    page = client.get(reverse("placement:application_detail", args=[application.pk]))
    letter = reverse("placement:referral_letter", args=[referral.pk])
    assert letter in page.content.decode()
    response = client.get(letter)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    client.force_login(cast.trainee_2)
    assert client.get(letter).status_code == 404

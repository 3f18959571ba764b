"""Approving a training plan is named by its action and happens only once the approver
has confirmed a summary of what the plan commits to and for how many people."""

import pytest
from django.urls import reverse

from jejaring.planning import services
from jejaring.planning.models import TrainingPlan
from jejaring.planning.tests.factories import (
    EnvelopeFactory,
    PlanFactory,
    PlanLineFactory,
    another_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(cast):
    EnvelopeFactory(region=cast.region_a, year=2027, amount=1_000_000_000)
    plan = PlanFactory(region=cast.region_a, year=2027, title="Rencana 2027")
    PlanLineFactory(plan=plan, packages=2, people_per_package=16, cost_per_package=50_000_000)
    services.plan_submit(actor=cast.staff_a, plan=plan)
    return plan


def test_approving_without_confirmation_changes_nothing_and_counts_the_people(
    client, cast, submitted
):
    client.force_login(another_staff(cast.region_a))
    detail = reverse("planning:plan_detail", kwargs={"training_plan_id": submitted.pk})
    assert ">Setujui rencana</button>" in client.get(detail).content.decode()
    approve = reverse("planning:plan_approve", kwargs={"training_plan_id": submitted.pk})
    response = client.post(approve, {"comments": "Sesuai pagu"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "32 peserta dalam 2 paket" in html
    assert "Rp 100.000.000" in html
    assert 'name="comments" value="Sesuai pagu"' in html
    submitted.refresh_from_db()
    assert submitted.status == TrainingPlan.Status.SUBMITTED
    client.post(approve, {"comments": "Sesuai pagu", "confirm": "1"})
    submitted.refresh_from_db()
    assert (submitted.status, submitted.comments) == ("approved", "Sesuai pagu")


def test_the_submitter_gets_the_refusal_not_a_confirmation(client, cast, submitted):
    client.force_login(cast.staff_a)
    approve = reverse("planning:plan_approve", kwargs={"training_plan_id": submitted.pk})
    response = client.post(approve, follow=True)
    assert "staf dinas lain" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == TrainingPlan.Status.SUBMITTED

"""Submitted training plans wait in the office's inbox until decided."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from jejaring.planning import inbox
from jejaring.planning.models import TrainingPlan
from jejaring.planning.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_a_submitted_plan_waits_for_approval_in_its_own_region(cast):
    plan = PlanFactory(region=cast.region_a, status=TrainingPlan.Status.SUBMITTED)
    PlanFactory(region=cast.region_a)

    [item] = inbox.plans_to_approve(actor=cast.staff_a, today=TODAY)

    assert item.url == reverse("planning:plan_detail", args=[plan.pk])
    assert inbox.plans_to_approve(actor=cast.staff_b, today=TODAY) == []
    TrainingPlan.objects.filter(pk=plan.pk).update(status=TrainingPlan.Status.APPROVED)
    assert inbox.plans_to_approve(actor=cast.staff_a, today=TODAY) == []

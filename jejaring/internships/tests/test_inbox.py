"""Internship programs waiting for the office's decision, overdue ones apart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jejaring.internships import inbox
from jejaring.internships.models import InternshipProgram
from jejaring.internships.tests.factories import InternshipProgramFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def test_submitted_programs_wait_for_a_decision_overdue_first(cast):
    overdue = InternshipProgramFactory(
        company=cast.company_a,
        status=InternshipProgram.Status.SUBMITTED,
        decision_due_on=TODAY - timedelta(days=2),
    )
    InternshipProgramFactory(
        company=cast.company_b,
        status=InternshipProgram.Status.SUBMITTED,
        decision_due_on=TODAY + timedelta(days=1),
    )
    InternshipProgramFactory(company=cast.company_a, status=InternshipProgram.Status.APPROVED)

    late, pending = inbox.programs_to_decide(actor=cast.staff_a, today=TODAY)

    assert late.overdue and not pending.overdue
    assert late.url == reverse("internships:internship_program_detail", args=[overdue.pk])
    assert late.due == overdue.decision_due_on
    assert inbox.programs_to_decide(actor=cast.staff_b, today=TODAY) == []
    InternshipProgram.objects.update(status=InternshipProgram.Status.APPROVED)
    assert inbox.programs_to_decide(actor=cast.staff_a, today=TODAY) == []

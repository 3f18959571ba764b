"""What internships puts in the "Perlu tindakan" inbox (found by jejaring.core.inbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jejaring.core.inbox import InboxItem, InboxSource, as_role, one_or_list, summarise
from jejaring.core.scope import Role
from jejaring.internships.models import InternshipProgram


def programs_to_decide(*, actor: Any, today: date) -> list[InboxItem]:
    """Submitted programs on the office's three-working-day clock: those past their
    deadline as one item, the others as another."""
    submitted = as_role(actor, Role.OFFICE_STAFF, InternshipProgram.objects.all()).filter(
        status=InternshipProgram.Status.SUBMITTED
    )
    list_url = reverse("internships:internship_program_list") + "?status=submitted"

    def one_url(pk: int) -> str:
        return reverse("internships:internship_program_detail", args=[pk])

    return [
        *one_or_list(
            summarise(submitted.filter(decision_due_on__lt=today), "decision_due_on"),
            title=_("Program pemagangan lewat batas keputusan"),
            one_url=one_url,
            list_url=list_url,
            detail=_("Putuskan dalam 3 hari kerja sejak diajukan"),
            overdue=True,
        ),
        *one_or_list(
            summarise(
                submitted.exclude(decision_due_on__lt=today),
                "decision_due_on",
            ),
            title=_("Putuskan program pemagangan"),
            one_url=one_url,
            list_url=list_url,
            detail=_("Putuskan dalam 3 hari kerja sejak diajukan"),
        ),
    ]


SOURCES = [InboxSource(Role.OFFICE_STAFF, programs_to_decide, 10)]

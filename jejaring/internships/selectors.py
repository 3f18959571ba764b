"""Reads of the employers area, scoped by actor: office staff see their region's
companies, agreements, formations and internship programs; company HR only their own
company's. The public sees open formations only, with no contact data."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.employers.models import Company
from jejaring.internships.models import InternshipProgram


def internship_program_list_for(
    *, actor: Any, status: str = "", company_id: int | None = None
) -> QuerySet[InternshipProgram]:
    """Programs with `overdue`: submitted and past their decision deadline."""
    today = timezone.localdate()
    qs = InternshipProgram.objects.for_actor(actor).annotate(
        overdue=Case(
            When(
                status=InternshipProgram.Status.SUBMITTED,
                decision_due_on__lt=today,
                then=Value(True),
            ),
            default=Value(False),
        )
    )
    if status:
        qs = qs.filter(status=status)
    if company_id is not None:
        qs = qs.filter(company_id=company_id)
    # Waiting programs first, the most urgent deadline on top.
    return qs.select_related("company").order_by(
        Case(When(status=InternshipProgram.Status.SUBMITTED, then=Value(0)), default=Value(1)),
        "decision_due_on",
        "-pk",
    )


def internship_program_get_for(*, actor: Any, internship_program_id: int) -> InternshipProgram:
    program = (
        internship_program_list_for(actor=actor)
        .select_related("decided_by")
        .filter(pk=internship_program_id)
        .first()
    )
    if program is None:
        raise NotFound(_("Program pemagangan tidak ditemukan."))
    return program


def approved_programs_for(*, company: Company) -> QuerySet[InternshipProgram]:
    return InternshipProgram.objects.filter(
        company=company, status=InternshipProgram.Status.APPROVED
    ).order_by("title")

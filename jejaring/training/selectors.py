"""Reads of training records, scoped through `for_actor`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jejaring.training.models import Enrolment


def enrolment_list_for_person(*, actor: Any, person: Any) -> QuerySet[Enrolment]:
    """The person's enrolments the actor may see, newest first — an operator sees only
    those at their own institution, even on the page of a person they may open."""
    return (
        Enrolment.objects.for_actor(actor)
        .filter(person=person)
        .select_related("batch", "batch__program", "institution")
        .order_by("-applied_at")
    )

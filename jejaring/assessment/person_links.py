"""How assessment deals with a person, registered with the person registry (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jejaring.assessment.models import Candidate
from jejaring.core.scope import ActorScope


def assessor_dealing(scope: ActorScope) -> QuerySet[Any, dict[str, Any]]:
    """An assessor sees the candidates of the sessions they assess."""
    return Candidate.objects.filter(session__assessors__in=scope.assessor_ids).values("person_id")


def export_assessments(person: Any) -> list[dict[str, Any]]:
    return list(
        Candidate.objects.filter(person=person).values(
            "session__scheme__name", "session__date", "result", "score"
        )
    )

"""What assessment shows on the home pages (found by jejaring.core.home)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q

from jejaring.assessment.models import AssessmentSession, Candidate
from jejaring.core.home import HomePanel
from jejaring.core.scope import Role


def assessor_sessions(*, actor: Any, today: date) -> dict[str, Any]:
    sessions = (
        AssessmentSession.objects.for_actor(actor)
        .select_related("scheme", "test_site")
        .annotate(
            candidate_count=Count("candidates"),
            competent=Count("candidates", filter=Q(candidates__result=Candidate.Result.COMPETENT)),
        )
        .order_by("-date")[:15]
    )
    return {"sessions": list(sessions)}


def trainee_results(*, actor: Any, today: date) -> dict[str, Any]:
    return {
        "assessments": list(
            Candidate.objects.for_actor(actor)
            .select_related("session", "session__scheme")
            .order_by("-session__date")
        )
    }


PANELS = [
    HomePanel(Role.ASSESSOR, "assessment/home/assessor_sessions.html", assessor_sessions, 10),
    HomePanel(Role.TRAINEE, "assessment/home/trainee_results.html", trainee_results, 20),
]

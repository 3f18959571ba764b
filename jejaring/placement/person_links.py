"""How placement deals with a person, registered with the person registry (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jejaring.core.scope import ActorScope
from jejaring.placement.models import Referral


def company_dealing(scope: ActorScope) -> QuerySet[Any, dict[str, Any]]:
    """Company HR see the people referred to their company."""
    return Referral.objects.filter(company_id__in=scope.company_ids).values("person_id")


def export_referrals(person: Any) -> list[dict[str, Any]]:
    return list(
        Referral.objects.filter(person=person).values(
            "formation__title", "company__name", "status", "referred_at"
        )
    )

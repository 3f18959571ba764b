"""How placement deals with a person, registered with the person registry (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q

from jejaring.core.scope import ActorScope
from jejaring.placement.models import Referral


def company_dealing(scope: ActorScope) -> Q:
    """Company HR see the people referred to their company."""
    return Q(
        Exists(Referral.objects.filter(person=OuterRef("pk"), company_id__in=scope.company_ids))
    )


def export_referrals(person: Any) -> list[dict[str, Any]]:
    return list(
        Referral.objects.filter(person=person).values(
            "formation__title", "company__name", "status", "referred_at"
        )
    )

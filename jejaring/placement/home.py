"""What placement shows on the home pages (found by jejaring.core.home)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q

from jejaring.core.home import HomePanel
from jejaring.core.scope import Role
from jejaring.employers.models import Formation
from jejaring.placement.models import Referral


def company_formations(*, actor: Any, today: date) -> dict[str, Any]:
    formations = (
        Formation.objects.for_actor(actor)
        .select_related("company")
        .annotate(
            active_referrals=Count("referrals", filter=Q(referrals__status__in=Referral.ACTIVE))
        )
        .order_by("-created_at")[:15]
    )
    referrals = (
        Referral.objects.for_actor(actor)
        .select_related("formation", "person")
        .order_by("-referred_at")[:10]
    )
    return {"formations": list(formations), "referrals": list(referrals)}


def trainee_referrals(*, actor: Any, today: date) -> dict[str, Any]:
    return {
        "referrals": list(
            Referral.objects.for_actor(actor)
            .select_related("formation", "company")
            .order_by("-referred_at")
        )
    }


PANELS = [
    HomePanel(Role.COMPANY_HR, "placement/home/company_formations.html", company_formations, 10),
    HomePanel(Role.TRAINEE, "placement/home/trainee_referrals.html", trainee_referrals, 30),
]

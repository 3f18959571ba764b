"""What the entrepreneurship path shows on the office's home page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from jejaring.core.home import HomeCard
from jejaring.core.scope import Role
from jejaring.enterprise.models import Business, GrantProposal


def office_cards(*, actor: Any, today: date) -> list[tuple[int, Any]]:
    proposals = GrantProposal.objects.for_actor(actor)
    return [
        (
            Business.objects.for_actor(actor).filter(stage=Business.Stage.OPERATING).count(),
            _("usaha alumni berjalan"),
        ),
        (
            proposals.filter(
                status__in=[GrantProposal.Status.SUBMITTED, GrantProposal.Status.REPORTED]
            ).count(),
            _("usulan/laporan bantuan menunggu diperiksa"),
        ),
    ]


CARDS = [HomeCard(Role.OFFICE_STAFF, office_cards, 60)]

"""What the job-seeker card shows on the home pages (found by jejaring.core.home)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from jejaring.core import versions
from jejaring.core.home import HomeCard, HomePanel
from jejaring.core.scope import Role
from jejaring.jobseekers.models import CardStatus, JobSeekerCard
from jejaring.jobseekers.selectors import own_card_list, report_boxes


def office_cards(*, actor: Any, today: date) -> list[tuple[int, Any]]:
    counts = JobSeekerCard.objects.for_actor(actor).aggregate(
        active=Count("pk", filter=Q(status=CardStatus.ACTIVE)),
        waiting=Count("pk", filter=Q(status=CardStatus.SUBMITTED)),
    )
    return [
        (counts["active"], _("kartu AK/1 aktif")),
        (counts["waiting"], _("pendaftar AK/1 menunggu pemeriksaan dokumen")),
    ]


def holder_panel(*, actor: Any, today: date) -> dict[str, Any]:
    card = own_card_list(actor=actor).filter(status__in=CardStatus.values).first()
    if card is None or not card.is_open:
        return {"card": None}
    due = [box for box in report_boxes(card=card, today=today) if box.is_current]
    return {"card": card, "due": due[0] if due else None}


CARDS = [HomeCard(Role.OFFICE_STAFF, office_cards, 40, (versions.PEOPLE,))]
PANELS = [HomePanel(Role.TRAINEE, "jobseekers/home/holder.html", holder_panel, 60)]

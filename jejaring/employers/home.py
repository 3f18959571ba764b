"""What employers shows on the home pages (found by jejaring.core.home)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from jejaring.core import versions
from jejaring.core.home import HomeCard, HomePanel
from jejaring.core.scope import Role
from jejaring.employers.models import Company, Formation


def office_cards(*, actor: Any, today: date) -> list[tuple[int, Any]]:
    open_formations = Formation.objects.for_actor(actor).filter(status=Formation.Status.OPEN)
    quota = open_formations.aggregate(total=Sum("quota"))["total"] or 0
    return [
        (Company.objects.for_actor(actor).filter(is_partner=True).count(), _("perusahaan mitra")),
        (open_formations.count(), _("formasi dibuka (%(quota)s kuota)") % {"quota": quota}),
    ]


def company_heading(*, actor: Any, today: date) -> dict[str, Any]:
    return {"companies": list(Company.objects.for_actor(actor))}


CARDS = [HomeCard(Role.OFFICE_STAFF, office_cards, 30, (versions.EMPLOYERS,))]
PANELS = [HomePanel(Role.COMPANY_HR, "employers/home/company_heading.html", company_heading, 0)]

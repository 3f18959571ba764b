"""What vacancies shows on the home pages (found by jejaring.core.home): office staff see
how many vacancies wait for their check, company HR their company's latest vacancies."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from jejaring.core import versions
from jejaring.core.home import HomeCard, HomePanel
from jejaring.core.scope import Role
from jejaring.vacancies import selectors
from jejaring.vacancies.models import Vacancy


def office_cards(*, actor: Any, today: date) -> list[tuple[int, Any]]:
    published = Vacancy.objects.for_actor(actor).filter(
        status=Vacancy.Status.PUBLISHED, closes_on__gte=today
    )
    return [
        (selectors.waiting_count_for(actor=actor), _("lowongan menunggu diperiksa")),
        (published.count(), _("lowongan tayang")),
    ]


def company_vacancies(*, actor: Any, today: date) -> dict[str, Any]:
    vacancies = selectors.vacancy_list_for(actor=actor).order_by("-created_at", "-id")[:10]
    return {"vacancies": list(vacancies)}


CARDS = [HomeCard(Role.OFFICE_STAFF, office_cards, 35, (versions.EMPLOYERS,))]
PANELS = [HomePanel(Role.COMPANY_HR, "vacancies/home/company_vacancies.html", company_vacancies, 5)]

"""What the person registry shows on the home pages (found by jejaring.core.home)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from jejaring.core import versions
from jejaring.core.home import HomeCard
from jejaring.core.scope import Role
from jejaring.trainees.models import Person


def office_cards(*, actor: Any, today: date) -> list[tuple[int, Any]]:
    return [(Person.objects.for_actor(actor).count(), _("orang terdaftar"))]


# Staff also see the people who deal with their region elsewhere: enrolments count too.
CARDS = [HomeCard(Role.OFFICE_STAFF, office_cards, 10, (versions.PEOPLE, versions.TRAINING))]

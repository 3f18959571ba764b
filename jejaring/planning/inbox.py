"""What planning puts in the "Perlu tindakan" inbox (found by jejaring.core.inbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jejaring.core.inbox import InboxItem, InboxSource, as_role, one_or_list, summarise
from jejaring.core.scope import Role
from jejaring.planning.models import TrainingPlan


def plans_to_approve(*, actor: Any, today: date) -> list[InboxItem]:
    submitted = as_role(actor, Role.OFFICE_STAFF, TrainingPlan.objects.all()).filter(
        status=TrainingPlan.Status.SUBMITTED
    )
    return one_or_list(
        summarise(submitted),
        title=_("Setujui rencana pelatihan"),
        one_url=lambda pk: reverse("planning:plan_detail", args=[pk]),
        list_url=reverse("planning:plan_list"),
        detail=_("Diajukan, menunggu persetujuan atau dikembalikan dengan catatan"),
    )


SOURCES = [InboxSource(Role.OFFICE_STAFF, plans_to_approve, 50)]

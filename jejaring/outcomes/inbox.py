"""What the tracer puts in the "Perlu tindakan" inbox (found by jejaring.core.inbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jejaring.core.inbox import InboxItem, InboxSource, as_role, summarise
from jejaring.core.scope import Role, scope_of
from jejaring.outcomes import selectors
from jejaring.outcomes.models import FollowUp, PublishedStatistics


def _due(today: date) -> dict[str, Any]:
    return {"due_on__lte": today, "answered": False}


def follow_ups_due(*, actor: Any, today: date) -> list[InboxItem]:
    due = as_role(actor, Role.OFFICE_STAFF, FollowUp.objects.all()).filter(**_due(today))
    summary = summarise(due, "due_on")
    if not summary.count:
        return []
    return [
        InboxItem(
            _("Telusuri alumni yang jatuh tempo"),
            reverse("outcomes:follow_up_list") + "?tampil=unanswered",
            summary.count,
            summary.due,
            _("Kirim tautan survei atau catat hasil survei telepon"),
        )
    ]


def confirmations_asked(*, actor: Any, today: date) -> list[InboxItem]:
    """People referred to the company whose follow-up is due and unanswered: HR may
    confirm they work there."""
    asked = (
        as_role(actor, Role.COMPANY_HR, selectors.referrals_to_confirm_for(actor=actor))
        .filter(Exists(FollowUp.objects.filter(person_id=OuterRef("person_id"), **_due(today))))
        .order_by()
    )
    count = asked.count()
    if not count:
        return []
    return [
        InboxItem(
            _("Konfirmasi alumni yang bekerja"),
            reverse("outcomes:company_confirmations"),
            count,
            detail=_("Dinas menanyakan apakah mereka masih bekerja di perusahaan Anda"),
        )
    ]


def survey_waiting(*, actor: Any, today: date) -> list[InboxItem]:
    person_id = scope_of(actor).person_id
    if person_id is None:
        return []
    summary = summarise(FollowUp.objects.filter(person_id=person_id, **_due(today)), "due_on")
    if not summary.count:
        return []
    return [
        InboxItem(
            _("Isi survei penelusuran alumni"),
            reverse("outcomes:my_follow_ups"),
            summary.count,
            summary.due,
            _("Ceritakan pekerjaan atau usaha Anda sekarang"),
        )
    ]


def statistics_unpublished(*, actor: Any, today: date) -> list[InboxItem]:
    """For a provincial or national viewer: the regions they watch whose public statistics
    of last year are not published yet (the viewer follows up with those offices)."""
    regions = scope_of(actor).viewer_region_ids
    if not regions:
        return []
    year = today.year - 1
    published = set(
        PublishedStatistics.objects.filter(region_id__in=regions, year=year).values_list(
            "region_id", flat=True
        )
    )
    missing = len(set(regions) - published)
    if not missing:
        return []
    return [
        InboxItem(
            _("Statistik publik %(year)s belum diterbitkan") % {"year": year},
            reverse("outcomes:dashboard"),
            missing,
            detail=_("Daerah yang Anda pantau; ingatkan dinasnya untuk menerbitkan"),
        )
    ]


SOURCES = [
    InboxSource(Role.VIEWER, statistics_unpublished, 90),
    InboxSource(Role.OFFICE_STAFF, follow_ups_due, 60),
    InboxSource(Role.COMPANY_HR, confirmations_asked, 30),
    InboxSource(Role.TRAINEE, survey_waiting, 30),
]

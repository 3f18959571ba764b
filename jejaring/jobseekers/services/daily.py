"""The daily run (expiry, reminders) and the region settings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jejaring.core import audit, versions
from jejaring.core.errors import (
    NotFound,
    ValidationError,
)
from jejaring.jobseekers import audit_actions as actions
from jejaring.jobseekers.models import (
    CardStatus,
    JobSeekerCard,
    JobSeekerSettings,
)
from jejaring.jobseekers.services.common import (
    REMIND_DAYS,
    RENEW_EARLY_DAYS,
    _clean,
    _is_office,
)
from jejaring.jobseekers.services.lifecycle import report_due_dates
from jejaring.notices.services import Recipient, notify
from jejaring.regions.models import Region

# --- the daily run -----------------------------------------------------------------------


def cards_expire(*, today: date | None = None) -> int:
    """End every active card whose validity has passed (safe to run daily)."""
    today = today or timezone.localdate()
    ids = list(
        JobSeekerCard.objects.filter(status=CardStatus.ACTIVE, valid_until__lt=today).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        cards = list(
            JobSeekerCard.objects.select_for_update()
            .filter(pk__in=ids, status=CardStatus.ACTIVE)
            .order_by("pk")
        )
        for card in cards:
            card.status = CardStatus.EXPIRED
        JobSeekerCard.objects.bulk_update(cards, ["status"])
        audit.record_many(
            actor=None,
            action=actions.CARD_EXPIRE,
            targets=[(card, {"status": [CardStatus.ACTIVE, CardStatus.EXPIRED]}) for card in cards],
        )
        for region_id in {card.region_id for card in cards}:
            versions.bump(region_id, versions.PEOPLE)
    return len(cards)


def cards_remind(*, today: date | None = None) -> int:
    """Tell each holder of an active card (in the app, by email, or as a WhatsApp text the
    office sends) that a report is due within REMIND_DAYS or that the card ends within
    RENEW_EARLY_DAYS; each once (the notification's key). Returns how many were told."""
    today = today or timezone.localdate()
    cards = list(
        JobSeekerCard.objects.filter(status=CardStatus.ACTIVE)
        .select_related("person")
        .prefetch_related("reports")
        .order_by("pk")
    )
    told = 0
    with transaction.atomic():
        for card in cards:
            link = reverse("jobseekers:my_cards")
            recipient = Recipient.of_person(card.person)
            reported = {(r.cycle, r.box) for r in card.reports.all()}
            for box, due in enumerate(report_due_dates(card), start=1):
                if (card.renewals, box) in reported:
                    continue
                if today <= due <= today + timedelta(days=REMIND_DAYS):
                    told += len(
                        notify(
                            kind="jobseeker_report_due",
                            region_id=card.region_id,
                            recipients=[recipient],
                            link=link,
                            params={
                                "box": box,
                                "number": card.number,
                                "due": date_format(due, "j F Y"),
                            },
                            key=f"ak1_report:{card.pk}:{card.renewals}:{box}",
                        )
                    )
            assert card.valid_until is not None
            if today <= card.valid_until <= today + timedelta(days=RENEW_EARLY_DAYS):
                told += len(
                    notify(
                        kind="jobseeker_card_expiring",
                        region_id=card.region_id,
                        recipients=[recipient],
                        link=link,
                        params={
                            "number": card.number,
                            "date": date_format(card.valid_until, "j F Y"),
                        },
                        key=f"ak1_expiring:{card.pk}:{card.renewals}",
                    )
                )
        if told:
            audit.record(actor=None, action=actions.CARD_REMIND, changes={"told": told})
    return told


# --- settings ----------------------------------------------------------------------------


def settings_update(
    *, actor: Any, region: Region, require_kk: bool, officer_name: str, officer_nip: str
) -> JobSeekerSettings:
    """The office sets whether the KK is asked and who signs page 2 of the card."""
    if not _is_office(actor, region.pk):
        raise NotFound(_("Wilayah tidak ditemukan."))
    officer_nip = officer_nip.replace(" ", "")
    if officer_nip and not (officer_nip.isdigit() and len(officer_nip) == 18):
        raise ValidationError(
            _("NIP terdiri dari 18 angka."), code="invalid_nip", field="officer_nip"
        )
    changes = {
        "require_kk": require_kk,
        "officer_name": _clean(officer_name, 120),
        "officer_nip": officer_nip,
    }
    with transaction.atomic():
        found, _created = JobSeekerSettings.objects.select_for_update().get_or_create(region=region)
        before = audit.snapshot(found, changes)
        for name, value in changes.items():
            setattr(found, name, value)
        found.save()
        audit.record(
            actor=actor,
            action=actions.SETTINGS_UPDATE,
            target=found,
            region=region,
            changes=audit.diff(before, changes),
        )
    return found

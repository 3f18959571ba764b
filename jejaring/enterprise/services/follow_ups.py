"""Business follow-up at 6, 12 and 24 months after a business started, answered by its
owner through a personal no-login link (the same signed-token mechanism as the outcomes
tracer, `jejaring.core.links`) or recorded by staff. History is kept: a new answer
replaces the current one, the old stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, links, versions
from jejaring.core.dates import add_months
from jejaring.core.errors import NotFound, ValidationError
from jejaring.enterprise import audit_actions
from jejaring.enterprise.models import (
    FOLLOW_UP_POINTS,
    Business,
    BusinessFollowUp,
    BusinessFollowUpAnswer,
    RevenueBand,
)
from jejaring.enterprise.services.businesses import MAX_WORKERS, clean_nib

LINK_SALT = "jejaring.enterprise.follow-up-link"
#: How long a business follow-up link stays valid after it was sent.
LINK_VALID_DAYS = 60


def follow_ups_schedule(*, actor: Any, business: Business) -> list[BusinessFollowUp]:
    """The business's follow-up points from its start date (idempotent)."""
    if business.started_on is None:
        return []
    existing = set(business.follow_ups.values_list("months_after", flat=True))
    new = [
        BusinessFollowUp(
            region_id=business.region_id,
            business=business,
            months_after=months,
            due_on=add_months(business.started_on, months),
        )
        for months in FOLLOW_UP_POINTS
        if months not in existing
    ]
    with transaction.atomic():
        BusinessFollowUp.objects.bulk_create(new)
        if new:
            audit.record(
                actor=actor,
                action=audit_actions.FOLLOW_UP_SCHEDULE,
                target=business,
                changes={"points": [f.months_after for f in new]},
            )
    return new


@dataclass(frozen=True)
class FollowUpData:
    operating: bool
    workers: int = 0
    revenue_band: str = RevenueBand.NONE
    nib: str = ""


def _record(
    *, actor: Any, follow_up: BusinessFollowUp, data: FollowUpData, source: str
) -> BusinessFollowUpAnswer:
    if data.revenue_band not in RevenueBand.values:
        raise ValidationError(
            _("Pilih kisaran omzet."), code="invalid_revenue", field="revenue_band"
        )
    if not 0 <= data.workers <= MAX_WORKERS:
        raise ValidationError(
            _("Jumlah pekerja 0 sampai %(max)d.") % {"max": MAX_WORKERS},
            code="invalid_workers",
            field="workers",
        )
    nib = clean_nib(data.nib)
    with transaction.atomic():
        locked = BusinessFollowUp.objects.select_for_update().get(pk=follow_up.pk)
        locked.answers.filter(is_current=True).update(is_current=False)
        answer = BusinessFollowUpAnswer.objects.create(
            follow_up=locked,
            operating=data.operating,
            workers=data.workers if data.operating else 0,
            revenue_band=data.revenue_band if data.operating else RevenueBand.NONE,
            nib=nib,
            source=source,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        # The profile shows the latest known figures.
        business = Business.objects.select_for_update().get(pk=locked.business_id)
        business.workers, business.revenue_band = answer.workers, answer.revenue_band
        if nib and not business.nib:
            business.nib = nib
        business.save(update_fields=["workers", "revenue_band", "nib"])
        audit.record(
            actor=actor,
            action=audit_actions.FOLLOW_UP_ANSWER,
            target=locked,
            region=locked.region,
            changes={"operating": data.operating, "workers": answer.workers, "source": source},
        )
        versions.bump(locked.region_id, versions.ENTERPRISE)
    return answer


def follow_up_answer_record(
    *, actor: Any, follow_up: BusinessFollowUp, data: FollowUpData
) -> BusinessFollowUpAnswer:
    if not scope_of(actor).is_office_of(follow_up.region_id):
        raise NotFound(_("Penelusuran tidak ditemukan."))
    return _record(
        actor=actor, follow_up=follow_up, data=data, source=BusinessFollowUpAnswer.Source.STAFF
    )


def follow_up_link_token(*, follow_up: BusinessFollowUp) -> str:
    return links.link_token(salt=LINK_SALT, pk=follow_up.pk, nonce=follow_up.link_nonce)


def follow_up_from_token(token: str) -> BusinessFollowUp:
    """The follow-up a link points to; forged, expired or replaced links are a NotFound."""
    pk, nonce = links.link_target(token, salt=LINK_SALT)
    follow_up = (
        BusinessFollowUp.objects.select_related("region", "business__person").filter(pk=pk).first()
    )
    if follow_up is None or nonce != follow_up.link_nonce:
        raise NotFound(_("Tautan tidak berlaku."))
    sent = follow_up.link_sent_at
    if sent is None or timezone.now() - sent > timedelta(days=LINK_VALID_DAYS):
        raise NotFound(_("Tautan tidak berlaku."))
    return follow_up


def follow_up_answer_by_link(*, token: str, data: FollowUpData) -> BusinessFollowUpAnswer:
    follow_up = follow_up_from_token(token)
    return _record(
        actor=None, follow_up=follow_up, data=data, source=BusinessFollowUpAnswer.Source.LINK
    )


def follow_up_link_issue(
    *, actor: Any, follow_up: BusinessFollowUp, base_url: str
) -> tuple[str, str]:
    """A new personal link (earlier ones stop working) and a message to paste into
    WhatsApp."""
    from django.urls import reverse

    if not scope_of(actor).is_office_of(follow_up.region_id):
        raise NotFound(_("Penelusuran tidak ditemukan."))
    with transaction.atomic():
        locked = BusinessFollowUp.objects.select_for_update().get(pk=follow_up.pk)
        locked.link_nonce = links.new_nonce()
        locked.link_sent_at = timezone.now()
        locked.save(update_fields=["link_nonce", "link_sent_at"])
        audit.record(
            actor=actor, action=audit_actions.FOLLOW_UP_LINK, target=locked, region=locked.region
        )
    url = base_url.rstrip("/") + reverse(
        "enterprise_public:follow_up_answer",
        args=[follow_up_link_token(follow_up=locked)],
    )
    business = follow_up.business
    first_name = business.person.full_name.split()[0] if business.person.full_name else ""
    message = gettext(
        "Halo %(name)s, ini %(office)s. Bagaimana usaha %(business)s %(months)s bulan setelah "
        "dimulai? Mohon isi jawaban singkat melalui tautan pribadi ini: %(url)s — berlaku "
        "%(days)s hari. Terima kasih."
    ) % {
        "name": first_name,
        "office": follow_up.region.office_short_name or follow_up.region.name,
        "business": business.name,
        "months": follow_up.months_after,
        "url": url,
        "days": LINK_VALID_DAYS,
    }
    return url, message

"""What the public verification page may say about a job-seeker card (found by
jejaring.core.documents): whether it is valid, expired or closed, and the holder's name
masked — nothing else, not even the number. A card is found only by the short code
printed with its QR (never by its sequential number, which could be walked)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.core.documents import PublicDocument, PublicKind, mask_name
from jejaring.jobseekers.models import CardStatus, JobSeekerCard


def card_facts(card: JobSeekerCard) -> PublicDocument:
    today = timezone.localdate()
    if card.status == CardStatus.ACTIVE and card.valid_until and card.valid_until >= today:
        valid, status = True, _("Berlaku")
    elif card.status in (CardStatus.ACTIVE, CardStatus.EXPIRED):
        valid, status = False, _("Habis masa berlaku")
    else:
        valid, status = False, _("Ditutup")
    return PublicDocument(
        kind=_("Kartu pencari kerja (AK/1)"),
        number="—",
        masked_name=mask_name(card.person.full_name),
        valid=valid,
        status=status,
    )


PUBLIC_KINDS = [PublicKind(JobSeekerCard, card_facts, None)]

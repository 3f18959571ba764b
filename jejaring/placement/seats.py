"""A formation's seats, counted in one place: a seat of the quota is held by every
referral to it whose status is in `Referral.ACTIVE` (docs/adr/0004-placement-seats.md).
Pages, the formation writes, direct referrals and allocation rounds all count here."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q

from jejaring.placement.models import AllocationRound, Referral


def seats_held(
    formation_ids: Sequence[int], *, exclude_round: AllocationRound | None = None
) -> dict[int, int]:
    """Seats held per formation by active referrals (one query); a formation with none
    is absent. `exclude_round` leaves out the referrals a round made itself."""
    qs = Referral.objects.filter(formation_id__in=list(formation_ids), status__in=Referral.ACTIVE)
    if exclude_round is not None:
        qs = qs.exclude(round=exclude_round)
    return dict(qs.values("formation_id").annotate(n=Count("pk")).values_list("formation_id", "n"))


def seats_taken(formation_id: int) -> int:
    """Seats held now in one formation."""
    return seats_held([formation_id]).get(formation_id, 0)


def seats_taken_annotation() -> Count:
    """The same count as an annotation of a Formation queryset (`seats_taken`)."""
    return Count("referrals", filter=Q(referrals__status__in=Referral.ACTIVE))

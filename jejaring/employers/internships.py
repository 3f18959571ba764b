"""Internship agreements between a company and an intern (placement.InternshipAgreement).

"No agreement, no start": placement asks `internship_agreement_ratified` before it lets
an internship referral start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jejaring.placement.models import Referral


def internship_agreement_ratified(referral: Referral) -> bool:
    """Whether the referral's internship agreement has been ratified by the office."""
    from jejaring.placement.models import InternshipAgreement

    return InternshipAgreement.objects.filter(
        referral_id=referral.pk, status=InternshipAgreement.Status.RATIFIED
    ).exists()

"""The placement app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes (those of
internship programs, formations and internship agreements still start with "employers."
from before the code moved); services and tests use these constants instead of the strings."""

from __future__ import annotations

FORMATION_CLOSE = "employers.formation.close"
FORMATION_CREATE = "employers.formation.create"
FORMATION_PUBLISH = "employers.formation.publish"
FORMATION_UPDATE = "employers.formation.update"
INTERNSHIP_AGREEMENT_CREATE = "employers.internship_agreement.create"
INTERNSHIP_AGREEMENT_RATIFY = "employers.internship_agreement.ratify"
INTERNSHIP_AGREEMENT_SIGN = "employers.internship_agreement.sign"
APPLICATION_SUBMIT = "placement.application.submit"
APPLICATION_WITHDRAW = "placement.application.withdraw"
INTERNSHIP_START_OVERRIDE = "placement.internship.start_override"
RANKING_UPLOAD = "placement.ranking.upload"
REFERRAL_CONTACT_VIEW = "placement.referral.contact_view"
REFERRAL_CREATE = "placement.referral.create"
ROUND_ADD_FORMATION = "placement.round.add_formation"
ROUND_ALLOCATE = "placement.round.allocate"
ROUND_CANCEL = "placement.round.cancel"
ROUND_CLOSE = "placement.round.close"
ROUND_CREATE = "placement.round.create"
ROUND_PUBLISH = "placement.round.publish"


def referral_outcome(status: str) -> str:
    """The action of a referral's outcome (`placement.referral.<status>`)."""
    return f"placement.referral.{status}"

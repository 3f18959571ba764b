"""Writes for social security: every one atomic, checked against the policy, audited.
One module per aggregate (cover, incidents); this package re-exports them all."""

from __future__ import annotations

from jejaring.social_security.services.coverage import (
    AWAITING_RETURN,
    KPJ_FORMAT,
    LOOKUP_CHUNK,
    TRANSITIONS,
    coverage_apply_insurer_return,
    coverage_change_status,
    coverage_end_expired,
    coverage_list_build_for_batch,
    coverage_list_build_internships,
    insurer_return_check,
    internship_referrals_to_cover,
)
from jejaring.social_security.services.incidents import (
    CLAIM_TRANSITIONS,
    incident_claim_update,
    incident_link,
    incident_record,
)

__all__ = [
    "AWAITING_RETURN",
    "CLAIM_TRANSITIONS",
    "KPJ_FORMAT",
    "LOOKUP_CHUNK",
    "TRANSITIONS",
    "coverage_apply_insurer_return",
    "coverage_change_status",
    "coverage_end_expired",
    "coverage_list_build_for_batch",
    "coverage_list_build_internships",
    "incident_claim_update",
    "incident_link",
    "incident_record",
    "insurer_return_check",
    "internship_referrals_to_cover",
]

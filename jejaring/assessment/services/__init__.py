"""Writes of competency testing and certificates. Each is atomic, checks the policy and
leaves an audit event in the same transaction. One module per aggregate: schemes and
units, sessions and candidates, certificates; this package re-exports them all."""

from __future__ import annotations

from jejaring.assessment.services.certificates import (
    COMPETENCY_VALIDITY_YEARS,
    add_years,
    certificate_number,
    certificate_prefix,
    competency_certificate_record,
    competency_expiry_remind,
    new_verification_token,
    training_certificate_revoke,
    training_certificates_issue,
)
from jejaring.assessment.services.schemes import (
    UnitData,
    check_unit_code,
    normalise_unit_code,
    scheme_create,
)
from jejaring.assessment.services.sessions import (
    candidate_mark_absent,
    candidate_retake,
    candidate_score,
    candidate_submit_application,
    may_record_results,
    next_session_statuses,
    session_create,
    session_in_future,
    session_set_status,
    unit_results_record,
)

__all__ = [
    "COMPETENCY_VALIDITY_YEARS",
    "UnitData",
    "add_years",
    "candidate_mark_absent",
    "candidate_retake",
    "candidate_score",
    "candidate_submit_application",
    "certificate_number",
    "certificate_prefix",
    "check_unit_code",
    "competency_certificate_record",
    "competency_expiry_remind",
    "may_record_results",
    "new_verification_token",
    "next_session_statuses",
    "normalise_unit_code",
    "scheme_create",
    "session_create",
    "session_in_future",
    "session_set_status",
    "training_certificate_revoke",
    "training_certificates_issue",
    "unit_results_record",
]

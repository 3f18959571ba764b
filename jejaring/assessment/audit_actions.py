"""The assessment app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

from __future__ import annotations

CANDIDATE_ABSENT = "assessment.candidate.absent"
CANDIDATE_APL = "assessment.candidate.apl"
CANDIDATE_RESULTS = "assessment.candidate.results"
CANDIDATE_RETAKE = "assessment.candidate.retake"

COMPETENCY_CERTIFICATE_RECORD = "assessment.competency_certificate.record"
COMPETENCY_CERTIFICATE_REMIND = "assessment.competency_certificate.remind"

SCHEME_CREATE = "assessment.scheme.create"

SESSION_CREATE = "assessment.session.create"
SESSION_STATUS = "assessment.session.status"

TRAINING_CERTIFICATE_ISSUE = "assessment.training_certificate.issue"
TRAINING_CERTIFICATE_REVOKE = "assessment.training_certificate.revoke"

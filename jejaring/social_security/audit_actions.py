"""The social security app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

from __future__ import annotations

COVER_OVERRIDE = "social_security.cover_override"

COVERAGE_END_EXPIRED = "social_security.coverage.end_expired"
COVERAGE_STATUS = "social_security.coverage.status"

INCIDENT_CLAIM = "social_security.incident.claim"
INCIDENT_RECORD = "social_security.incident.record"

INSURER_RETURN = "social_security.insurer_return"

KPJ_CONFLICT = "social_security.kpj_conflict"

LIST_BUILD = "social_security.list_build"

LIST_BUILD_INTERNSHIPS = "social_security.list_build_internships"

PREMIUM_REPORT_EXPORT = "social_security.premium_report.export"

REGISTRATIONS_EXPORT = "social_security.registrations.export"

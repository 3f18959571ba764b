"""The training app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

from __future__ import annotations

INSTITUTION_CREATE = "training.institution.create"
INSTITUTION_UPDATE = "training.institution.update"
PROGRAM_CREATE = "training.program.create"
PROGRAM_UPDATE = "training.program.update"
INSTRUCTOR_CREATE = "training.instructor.create"
INSTRUCTOR_UPDATE = "training.instructor.update"
INSTRUCTOR_CREDENTIAL_ADD = "training.instructor.credential_add"
INSTRUCTOR_CREDENTIAL_REMOVE = "training.instructor.credential_remove"

BATCH_CREATE = "training.batch.create"
BATCH_UPDATE = "training.batch.update"
BATCH_STATUS = "training.batch.status"
BATCH_SESSIONS = "training.batch.sessions"
BATCH_EXPORT_PARTICIPANTS = "batch.export_participants"
SESSION_UPDATE = "training.session.update"
ATTENDANCE_RECORD = "training.attendance.record"

ENROLMENT_DECIDE = "training.enrolment.decide"
ENROLMENT_WITHDRAWN = "training.enrolment.withdrawn"
ENROLMENT_DROPPED_OUT = "training.enrolment.dropped_out"
ENROLMENT_DOCUMENT_VIEW = "training.enrolment.document_view"
ENROLMENT_REGISTER = "training.enrolment.register"
ENROLMENT_REGISTER_DUPLICATE = "training.enrolment.register_duplicate"
ENROLMENT_IMPORT = "training.enrolment.import"
ENROLMENT_IDENTITY_CHECKED = "training.enrolment.identity_checked"
ENROLMENT_IDENTITY_DECLINED = "training.enrolment.identity_declined"
ENROLMENT_IDENTITY_CONFIRMED = "training.enrolment.identity_confirmed"
IDENTITY_REVIEW_RESOLVE = "training.identity_review.resolve"

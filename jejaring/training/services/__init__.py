"""Writes to training: institutions, programs, instructors, batches (paket) and their
status, selection and attendance. Each service is atomic, checks the policy and leaves an
audit event in the same transaction.

One module per aggregate; the names are re-exported here so that
`from jejaring.training.services import batch_create` works wherever it is used."""

from jejaring.training.services.batches import (
    STATUS_ACTIONS,
    BatchData,
    batch_cancel_preview,
    batch_change_status,
    batch_completion_preview,
    batch_create,
    batch_may_cancel,
    batch_may_move,
    batch_starts_early,
    batch_update,
    next_batch_statuses,
)
from jejaring.training.services.catalogue import (
    InstitutionData,
    ProgramData,
    institution_create,
    institution_update,
    program_create,
    program_update,
)
from jejaring.training.services.instructors import (
    InstructorData,
    credential_add,
    credential_remove,
    instructor_create,
    instructor_update,
)
from jejaring.training.services.selection import (
    enrolment_check_duplicates,
    enrolment_decide,
    enrolment_document_open,
    enrolment_drop_out,
    enrolment_withdraw,
)
from jejaring.training.services.sessions import (
    attendance_record,
    batch_generate_sessions,
    batch_session_update,
    session_in_future,
)

__all__ = [
    "STATUS_ACTIONS",
    "BatchData",
    "InstitutionData",
    "InstructorData",
    "ProgramData",
    "attendance_record",
    "batch_cancel_preview",
    "batch_change_status",
    "batch_completion_preview",
    "batch_create",
    "batch_generate_sessions",
    "batch_may_cancel",
    "batch_may_move",
    "batch_session_update",
    "batch_starts_early",
    "batch_update",
    "credential_add",
    "credential_remove",
    "enrolment_check_duplicates",
    "enrolment_decide",
    "enrolment_document_open",
    "enrolment_drop_out",
    "enrolment_withdraw",
    "institution_create",
    "institution_update",
    "instructor_create",
    "instructor_update",
    "next_batch_statuses",
    "program_create",
    "program_update",
    "session_in_future",
]

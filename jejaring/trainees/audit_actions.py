"""The trainees app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

PERSON_CREATE = "trainees.person.create"
PERSON_UPDATE = "trainees.person.update"
PERSON_VERIFY = "trainees.person.verify"
PERSON_REVEAL_NIK = "trainees.person.reveal_nik"
PERSON_EXPORT = "trainees.person.export"
PERSON_TRANSFER_REQUEST = "trainees.person.transfer_request"
PERSON_TRANSFER_DECIDE = "trainees.person.transfer_decide"
PERSON_TRANSFER = "trainees.person.transfer"

"""Writes to the person registry, by aggregate: registering a person (`register`), their
record (`records`) and moving it between offices (`transfers`). Each write is atomic and
leaves an audit event; the NIK and phone are recorded in the audit only as changed."""

from jejaring.trainees.services.records import (
    EDITABLE_FIELDS,
    person_account_bind,
    person_export_own_data,
    person_reveal_nik,
    person_update,
    person_verify,
)
from jejaring.trainees.services.register import (
    PersonData,
    RegisterSource,
    check_education,
    checked_full_name,
    checked_nik,
    checked_phone,
    person_build,
    person_register,
    person_register_many,
)
from jejaring.trainees.services.transfers import (
    TransferRequested,
    transfer_request_create,
    transfer_request_decide,
    transfer_request_list_for,
)

__all__ = [
    "EDITABLE_FIELDS",
    "PersonData",
    "RegisterSource",
    "TransferRequested",
    "check_education",
    "checked_full_name",
    "checked_nik",
    "checked_phone",
    "person_account_bind",
    "person_build",
    "person_export_own_data",
    "person_register",
    "person_register_many",
    "person_reveal_nik",
    "person_update",
    "person_verify",
    "transfer_request_create",
    "transfer_request_decide",
    "transfer_request_list_for",
]

"""Writes of the planning app: needs intake and mapping, coordination meetings, training
plans with their envelope check and workflow, and the instructor gap. Each write is
atomic, checks the policy and leaves an audit event in the same transaction. One module
per aggregate; this package re-exports them all."""

from __future__ import annotations

from jejaring.planning.services.instructors import (
    SOURCING_NEXT,
    instructor_need_open,
    instructor_need_set_status,
)
from jejaring.planning.services.needs import (
    SYNONYMS_FILE,
    MeetingData,
    NeedData,
    meeting_create,
    need_map,
    need_submit,
    synonyms_load_curated,
)
from jejaring.planning.services.plans import (
    EnvelopeCheck,
    LineData,
    envelope_set,
    plan_approve,
    plan_create,
    plan_envelope_checks,
    plan_line_add,
    plan_line_create_batches,
    plan_line_remove,
    plan_return,
    plan_submit,
)

__all__ = [
    "SOURCING_NEXT",
    "SYNONYMS_FILE",
    "EnvelopeCheck",
    "LineData",
    "MeetingData",
    "NeedData",
    "envelope_set",
    "instructor_need_open",
    "instructor_need_set_status",
    "meeting_create",
    "need_map",
    "need_submit",
    "plan_approve",
    "plan_create",
    "plan_envelope_checks",
    "plan_line_add",
    "plan_line_create_batches",
    "plan_line_remove",
    "plan_return",
    "plan_submit",
    "synonyms_load_curated",
]

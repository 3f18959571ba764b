"""The planning app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

from __future__ import annotations

ENVELOPE_SET = "planning.envelope.set"

INSTRUCTOR_NEED_OPEN = "planning.instructor_need.open"
INSTRUCTOR_NEED_STATUS = "planning.instructor_need.status"

MEETING_CREATE = "planning.meeting.create"

NEED_MAP = "planning.need.map"
NEED_SUBMIT = "planning.need.submit"

PLAN_APPROVE = "planning.plan.approve"
PLAN_CREATE = "planning.plan.create"
PLAN_LINE_ADD = "planning.plan.line_add"
PLAN_LINE_BATCHES = "planning.plan.line_batches"
PLAN_LINE_REMOVE = "planning.plan.line_remove"
PLAN_RETURN = "planning.plan.return"
PLAN_SUBMIT = "planning.plan.submit"

"""The enterprise app's audit actions: the names stored in `AuditEvent.action`. Stored
rows keep the name they were written with, so a name never changes."""

from __future__ import annotations

BUSINESS_CREATE = "enterprise.business.create"
BUSINESS_UPDATE = "enterprise.business.update"
BUSINESS_STAGE = "enterprise.business.stage"
GROUP_CREATE = "enterprise.group.create"
GROUP_MEMBER_ADD = "enterprise.group.member_add"
GROUP_MEMBER_REMOVE = "enterprise.group.member_remove"
PROPOSAL_CREATE = "enterprise.proposal.create"
PROPOSAL_STATUS = "enterprise.proposal.status"
PROPOSAL_DISBURSE = "enterprise.proposal.disburse"
PROPOSAL_REPORT = "enterprise.proposal.report"
PROPOSAL_FILE = "enterprise.proposal.file"
SUPPORT_CREATE = "enterprise.support.create"
SUPPORT_VISIT = "enterprise.support.visit"
SUPPORT_LETTER = "enterprise.support.letter"
FOLLOW_UP_SCHEDULE = "enterprise.follow_up.schedule"
FOLLOW_UP_LINK = "enterprise.follow_up.link"
FOLLOW_UP_ANSWER = "enterprise.follow_up.answer"

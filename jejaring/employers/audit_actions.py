"""The employers app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

from __future__ import annotations

AGREEMENT_CREATE = "employers.agreement.create"
AGREEMENT_UPDATE = "employers.agreement.update"
COMPANY_CREATE = "employers.company.create"
COMPANY_HR_INVITE = "employers.company.hr_invite"
COMPANY_UPDATE = "employers.company.update"
CONTACT_DELETE = "employers.contact.delete"
CONTACT_SAVE = "employers.contact.save"

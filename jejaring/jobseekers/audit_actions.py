"""The jobseekers app's audit actions: the names stored in `AuditEvent.action`."""

from __future__ import annotations

CARD_REGISTER = "jobseekers.card.register"
CARD_CHECK = "jobseekers.card.check"
CARD_ISSUE = "jobseekers.card.issue"
CARD_REJECT = "jobseekers.card.reject"
CARD_UPDATE = "jobseekers.card.update"
CARD_REPORT = "jobseekers.card.report"
CARD_RENEW = "jobseekers.card.renew"
CARD_EXPIRE = "jobseekers.card.expire"
CARD_CLOSE = "jobseekers.card.close"
CARD_CLOSE_HIRED = "jobseekers.card.close_hired"
CARD_REMIND = "jobseekers.card.remind"
SETTINGS_UPDATE = "jobseekers.settings.update"
CARD_PRINT = "jobseekers.card.print"

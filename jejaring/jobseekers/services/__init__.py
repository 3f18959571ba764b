"""Writes of the job-seeker card (AK/1): registration online and at the counter, the
office's document check and issue (numbered per region and year without races), data
updates, six-monthly reports, renewal, expiry, closing (hired or otherwise), reminders.

Every write is atomic and audited; the status changes only here, through
`models.TRANSITIONS`. People are created and verified only by the person registry's own
services (jejaring.trainees.services): a registration online records what was typed and
never changes, shows or mails the record a NIK names; the office checks the KTP.
"""

from jejaring.jobseekers.services.common import (
    CONSENT_VERSION,
    MAX_PHOTO_BYTES,
    REMIND_DAYS,
    RENEW_EARLY_DAYS,
    REPORT_BOXES,
    REPORT_EARLY_DAYS,
    REPORT_EVERY_MONTHS,
    VALIDITY_MONTHS,
    DocumentCheck,
    JobWish,
    WrongOffice,
    check_domicile,
    checked_wish,
    domicile_regency,
    settings_of,
)
from jejaring.jobseekers.services.daily import (
    cards_expire,
    cards_remind,
    settings_update,
)
from jejaring.jobseekers.services.lifecycle import (
    card_close,
    card_close_hired,
    card_issue,
    card_number,
    card_reject,
    card_renew,
    card_report,
    card_update,
    current_box,
    next_sequence,
    report_due_dates,
)
from jejaring.jobseekers.services.register import (
    OnlineIdentity,
    card_register_counter,
    card_register_online,
)

__all__ = [
    "CONSENT_VERSION",
    "MAX_PHOTO_BYTES",
    "REMIND_DAYS",
    "RENEW_EARLY_DAYS",
    "REPORT_BOXES",
    "REPORT_EARLY_DAYS",
    "REPORT_EVERY_MONTHS",
    "VALIDITY_MONTHS",
    "DocumentCheck",
    "JobWish",
    "OnlineIdentity",
    "WrongOffice",
    "card_close",
    "card_close_hired",
    "card_issue",
    "card_number",
    "card_register_counter",
    "card_register_online",
    "card_reject",
    "card_renew",
    "card_report",
    "card_update",
    "cards_expire",
    "cards_remind",
    "check_domicile",
    "checked_wish",
    "current_box",
    "domicile_regency",
    "next_sequence",
    "report_due_dates",
    "settings_of",
    "settings_update",
]

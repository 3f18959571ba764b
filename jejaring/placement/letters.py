"""The referral letter (surat pengantar penyaluran) on the office's document kit
(jejaring.core.documents): letterhead, number, where and when the candidate reports and to
whom, what to bring, the office's signatory and a verification code."""

from __future__ import annotations

from typing import Any

from django.utils.timezone import localtime

from jejaring.core.documents import render_document, verification_of
from jejaring.employers.models import CompanyContact
from jejaring.placement.models import Referral
from jejaring.regions.calendar import add_working_days
from jejaring.regions.letterhead import letterhead_of, signatory_of

#: Working days the candidate has to report to the company after the letter's date.
REPORT_WITHIN_WORKING_DAYS = 5


def referral_letter_pdf(referral: Referral, *, request: Any = None) -> bytes:
    letter_day = localtime(referral.referred_at).date()
    region = referral.region
    contact = (
        CompanyContact.objects.filter(company_id=referral.company_id)
        .order_by("-is_primary", "pk")
        .first()
    )
    return render_document(
        "placement/pdf/referral_letter.html",
        {
            "referral": referral,
            "number": referral.letter_number or str(referral.pk),
            "person": referral.person,
            "company": referral.company,
            "formation": referral.formation,
            "contact": contact,
            "report_by": add_working_days(
                letter_day, REPORT_WITHIN_WORKING_DAYS, region_id=referral.region_id
            ),
            "report_within": REPORT_WITHIN_WORKING_DAYS,
        },
        letterhead=letterhead_of(region),
        signatory=signatory_of(region),
        verification=verification_of(referral, request),
        place_date=letter_day,
    )

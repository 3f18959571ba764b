"""The AK/1 card as a PDF on the office's document kit (jejaring.core.documents): page 1
with the job-seeker number, NIK, photo, the holder's signature box and the four
six-monthly reporting boxes; page 2 with personal data and formal and non-formal
education, signed by the office's placement officer (pengantar kerja)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jejaring.core.documents import Signatory, render_document, verification_of
from jejaring.jobseekers.models import JobSeekerCard
from jejaring.jobseekers.selectors import non_formal_education, report_boxes
from jejaring.jobseekers.services import settings_of
from jejaring.regions import areas
from jejaring.regions.calendar import today_in
from jejaring.regions.letterhead import _data_uri, letterhead_of


def _regency_name(code: str) -> str:
    found = areas.load_areas().regencies.get(code) if code else None
    return found[1] if found else ""


def card_pdf(card: JobSeekerCard, *, actor: Any, request: Any = None) -> bytes:
    region = card.region
    officer = settings_of(region)
    return render_document(
        "jobseekers/pdf/card.html",
        {
            "card": card,
            "person": card.person,
            "photo": _data_uri(card.photo) if card.photo else "",
            "boxes": report_boxes(card=card, today=today_in(region)),
            "non_formal": non_formal_education(actor=actor, card=card),
            "domicile": _regency_name(card.person.domicile_regency_code),
        },
        letterhead=letterhead_of(region),
        signatory=Signatory(
            position=_("Pengantar Kerja"),
            name=officer.officer_name,
            nip=officer.officer_nip,
        ),
        verification=verification_of(card, request),
        place_date=card.issued_on,
    )

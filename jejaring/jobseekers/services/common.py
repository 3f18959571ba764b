"""Constants, inputs and checks shared by the AK/1 services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import (
    InvalidTransition,
    ValidationError,
)
from jejaring.jobseekers.models import (
    TRANSITIONS,
    CardStatus,
    JobSeekerCard,
    JobSeekerSettings,
)
from jejaring.regions import areas
from jejaring.regions.models import Region
from jejaring.trainees.services import (
    check_education,
)

#: The card is valid for two years from its issue (and from each renewal).
VALIDITY_MONTHS = 24
#: The holder reports every six months: four boxes per two-year period.
REPORT_EVERY_MONTHS = 6
REPORT_BOXES = 4
#: A report may be made this many days before its box is due.
REPORT_EARLY_DAYS = 30
#: Renewal is possible this many days before the card ends (and any time after).
RENEW_EARLY_DAYS = 30
#: Reminders go this many days before a report is due or the card ends.
REMIND_DAYS = 14
#: Version of the personal-data consent text shown on the online form (UU 27/2022).
CONSENT_VERSION = "2022.1"
MAX_PHOTO_BYTES = 2 * 1024 * 1024
_PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


class WrongOffice(ValidationError):
    """The person's KTP domicile is in another region: they register with that office."""

    default_code = "wrong_office"


@dataclass(frozen=True)
class JobWish:
    """What the card records beyond identity: education, skills, experience and the job
    wanted (a KBJI code with its title, or the title alone)."""

    education: str
    occupation_title: str
    wanted_location: str
    education_major: str = ""
    graduation_year: int | None = None
    skills: str = ""
    experience: str = ""
    occupation_code: str = ""


@dataclass(frozen=True)
class DocumentCheck:
    ktp: bool = False
    diploma: bool = False
    kk: bool = False


# --- checks ------------------------------------------------------------------------------


def _clean(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def checked_wish(wish: JobWish, *, today: date) -> JobWish:
    """The wish with its text tidied; ValidationError for the first bad field."""
    check_education(wish.education)
    title = _clean(wish.occupation_title, 200)
    if not title:
        raise ValidationError(
            _("Isi jabatan atau pekerjaan yang diinginkan."),
            code="required",
            field="occupation_title",
        )
    location = _clean(wish.wanted_location, 200)
    if not location:
        raise ValidationError(
            _("Isi lokasi kerja yang diinginkan."), code="required", field="wanted_location"
        )
    code = wish.occupation_code.strip()
    if code and not (code.isdigit() and 1 <= len(code) <= 10):
        raise ValidationError(
            _("Kode KBJI hanya berisi angka (mis. 7531)."),
            code="invalid_kbji",
            field="occupation_code",
        )
    year = wish.graduation_year
    if year is not None and not 1950 <= year <= today.year:
        raise ValidationError(
            _("Tahun lulus tidak wajar."), code="invalid_year", field="graduation_year"
        )
    if len(wish.skills) > 2000 or len(wish.experience) > 4000:
        raise ValidationError(_("Isian terlalu panjang."), code="too_long")
    return JobWish(
        education=wish.education,
        education_major=_clean(wish.education_major, 120),
        graduation_year=year,
        skills=wish.skills.strip(),
        experience=wish.experience.strip(),
        occupation_code=code,
        occupation_title=title,
        wanted_location=location,
    )


def domicile_regency(*, nik: str, domicile_regency_code: str = "") -> str:
    """The regency (`33.75`) of a KTP domicile: the address's regency when given, else
    the one the NIK was issued in."""
    if domicile_regency_code:
        return domicile_regency_code
    digits = "".join(ch for ch in nik if ch.isdigit())
    try:
        return areas.nik_region_code(digits[:6])[1]
    except ValueError:
        return ""


def check_domicile(*, region: Region, regency_code: str) -> None:
    """WrongOffice, naming the office to go to, unless `regency_code` is `region`'s."""
    if regency_code == region.code:
        return
    office = Region.objects.filter(code=regency_code, is_active=True).first()
    if office is not None:
        where = office.office_name
    else:
        regency = areas.load_areas().regencies.get(regency_code)
        where = _("dinas tenaga kerja %(name)s") % {
            "name": regency[1] if regency else regency_code or "?"
        }
    raise WrongOffice(
        _(
            "Kartu pencari kerja diterbitkan oleh dinas sesuai domisili KTP. Domisili Anda "
            "bukan di %(here)s; silakan mendaftar di %(there)s."
        )
        % {"here": region.name, "there": where},
        field="domicile_regency_code",
        detail={"regency_code": regency_code},
    )


def _check_transition(card: JobSeekerCard, to: str) -> None:
    if to not in TRANSITIONS[card.status]:
        raise InvalidTransition(
            _("Kartu berstatus %(status)s tidak dapat diubah menjadi %(to)s.")
            % {"status": card.get_status_display(), "to": CardStatus(to).label},
            code="invalid_card_transition",
        )


def _is_office(actor: Any, region_id: int) -> bool:
    return scope_of(actor).is_office_of(region_id)


def _locked(card: JobSeekerCard) -> JobSeekerCard:
    return (
        JobSeekerCard.objects.select_for_update().select_related("person", "region").get(pk=card.pk)
    )


def _wish_fields(wish: JobWish) -> dict[str, Any]:
    return {
        "education": wish.education,
        "education_major": wish.education_major,
        "graduation_year": wish.graduation_year,
        "skills": wish.skills,
        "experience": wish.experience,
        "occupation_code": wish.occupation_code,
        "occupation_title": wish.occupation_title,
        "wanted_location": wish.wanted_location,
    }


def settings_of(region: Region) -> JobSeekerSettings:
    """The region's AK/1 settings (defaults when the office has set none)."""
    found = JobSeekerSettings.objects.filter(region=region).first()
    return found or JobSeekerSettings(region=region)

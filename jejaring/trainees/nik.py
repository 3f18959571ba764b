"""Parse and check an Indonesian NIK (Nomor Induk Kependudukan, the 16-digit national ID).

Layout, left to right::

    PP RR DD  ddmmyy  ssss
    |  |  |   |       +-- serial, 0001-9999 (0000 is invalid)
    |  |  |   +---------- birth date; women have 40 added to the day (41-71)
    |  |  +-------------- district (kecamatan)
    |  +----------------- regency/city (kabupaten/kota)
    +-------------------- province

The region part is checked against the Kemendagri codes in :mod:`jejaring.regions.areas`:
an unknown province is refused, while an unknown regency or district inside a known parent is
accepted but flagged for review, because codes change when regions split and old NIKs keep
their old codes.

Pure Python (no Django imports). Error messages are plain module-level constants with
``%(name)s`` placeholders so the Django layer can wrap them for translation and hand
``code``/``params`` straight to ``ValidationError``.

Command line: ``python -m jejaring.trainees.nik 3375014101950001`` prints the parsed fields
as JSON, or the error on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Literal

# Masking lives on the ground floor (the audit trail and templates use it); re-exported.
from jejaring.core.masking import MASK_CHAR as MASK_CHAR
from jejaring.core.masking import NIK_DIGIT_COUNT as NIK_DIGIT_COUNT
from jejaring.core.masking import SEPARATORS as _SEPARATORS
from jejaring.core.masking import mask_nik as mask_nik
from jejaring.regions.areas import AreaIndex, load_areas, nik_region_code

__all__ = [
    "MESSAGES",
    "NIK_DATE_IMPOSSIBLE",
    "NIK_DIGIT_COUNT",
    "NIK_DISTRICT_UNKNOWN",
    "NIK_FUTURE_BIRTH",
    "NIK_LENGTH",
    "NIK_NOT_DIGITS",
    "NIK_PROVINCE_UNKNOWN",
    "NIK_REGENCY_UNKNOWN",
    "NIK_SERIAL_ZERO",
    "NikError",
    "ParsedNik",
    "format_nik",
    "is_valid_nik",
    "main",
    "mask_nik",
    "normalise_nik",
    "parse_nik",
]


# Error codes: stable identifiers, safe to store, log and test against.
NIK_NOT_DIGITS: Final = "nik_not_digits"
NIK_LENGTH: Final = "nik_length"
NIK_PROVINCE_UNKNOWN: Final = "nik_province_unknown"
NIK_DATE_IMPOSSIBLE: Final = "nik_date_impossible"
NIK_FUTURE_BIRTH: Final = "nik_future_birth"
NIK_SERIAL_ZERO: Final = "nik_serial_zero"

# Review reasons: the NIK is accepted but a person should look at it.
NIK_REGENCY_UNKNOWN: Final = "nik_regency_unknown"
NIK_DISTRICT_UNKNOWN: Final = "nik_district_unknown"

# English messages, one per code. Kept as plain constants (not built at call time) so that
# the Django layer can wrap them with gettext_lazy without touching this module.
MSG_NIK_NOT_DIGITS: Final = "A NIK may contain only digits (spaces, dots and dashes are ignored)."
MSG_NIK_LENGTH: Final = "A NIK has exactly 16 digits; this one has %(length)s."
MSG_NIK_PROVINCE_UNKNOWN: Final = "The NIK starts with %(province)s, which is not a province code."
MSG_NIK_DATE_IMPOSSIBLE: Final = "Digits 7 to 12 of the NIK are not a possible birth date."
MSG_NIK_FUTURE_BIRTH: Final = "The birth date in the NIK is in the future."
MSG_NIK_SERIAL_ZERO: Final = "The last four digits of a NIK cannot be 0000."
MSG_NIK_REGENCY_UNKNOWN: Final = (
    "The regency/city code %(regency)s is not in the current list of codes; check the NIK."
)
MSG_NIK_DISTRICT_UNKNOWN: Final = (
    "The district code %(district)s is not in the current list of codes; check the NIK."
)

MESSAGES: Final[Mapping[str, str]] = {
    NIK_NOT_DIGITS: MSG_NIK_NOT_DIGITS,
    NIK_LENGTH: MSG_NIK_LENGTH,
    NIK_PROVINCE_UNKNOWN: MSG_NIK_PROVINCE_UNKNOWN,
    NIK_DATE_IMPOSSIBLE: MSG_NIK_DATE_IMPOSSIBLE,
    NIK_FUTURE_BIRTH: MSG_NIK_FUTURE_BIRTH,
    NIK_SERIAL_ZERO: MSG_NIK_SERIAL_ZERO,
    NIK_REGENCY_UNKNOWN: MSG_NIK_REGENCY_UNKNOWN,
    NIK_DISTRICT_UNKNOWN: MSG_NIK_DISTRICT_UNKNOWN,
}

# What people type between digit groups, including dashes that word processors substitute.

_WOMAN_DAY_OFFSET: Final = 40

Sex = Literal["F", "M"]


class NikError(ValueError):
    """A value is not a valid NIK.

    ``code`` is one of the ``NIK_*`` error codes, ``message`` the untranslated template from
    :data:`MESSAGES`, ``params`` its placeholders; ``str(error)`` is the filled-in message.
    Params never contain the full NIK, so the error is safe to log.
    """

    def __init__(self, code: str, params: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.message = MESSAGES[code]
        self.params: dict[str, object] = dict(params or {})
        super().__init__(self.message % self.params if self.params else self.message)


@dataclass(frozen=True)
class ParsedNik:
    """The fields of a NIK that passed :func:`parse_nik`.

    Region codes are dotted (``"33"``, ``"33.75"``, ``"33.75.01"``). ``needs_review`` is set,
    with ``review_reason`` one of ``NIK_REGENCY_UNKNOWN``/``NIK_DISTRICT_UNKNOWN``, when the
    region part is not fully in the current Kemendagri list. The full NIK is left out of
    ``repr()`` so it does not end up in logs and tracebacks.
    """

    nik: str = field(repr=False)
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: Sex
    serial: str
    needs_review: bool = False
    review_reason: str | None = None

    @property
    def masked(self) -> str:
        """The NIK as shown to people who may not see it in full."""
        return mask_nik(self.nik)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready fields (dates as ISO strings), including the full NIK and its mask."""
        return {
            "nik": self.nik,
            "masked": self.masked,
            "province_code": self.province_code,
            "regency_code": self.regency_code,
            "district_code": self.district_code,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "serial": self.serial,
            "needs_review": self.needs_review,
            "review_reason": self.review_reason,
        }


def normalise_nik(value: str) -> str:
    """Return the 16 ASCII digits of ``value`` after removing whitespace, dots and dashes.

    Raises :class:`NikError` ``nik_not_digits`` if anything else remains (letters, full-width
    or other non-ASCII digits, ...) and ``nik_length`` if the digit count is not 16.
    """
    if not isinstance(value, str):
        raise TypeError(f"NIK must be a str, not {type(value).__name__}")
    digits = "".join(ch for ch in value if not (ch.isspace() or ch in _SEPARATORS))
    # isdigit() alone would let through superscripts and other scripts' digits.
    if digits and not (digits.isascii() and digits.isdigit()):
        raise NikError(NIK_NOT_DIGITS)
    if len(digits) != NIK_DIGIT_COUNT:
        raise NikError(NIK_LENGTH, {"length": len(digits)})
    return digits


def parse_nik(
    value: str,
    *,
    areas: AreaIndex | None = None,
    today: date | None = None,
) -> ParsedNik:
    """Parse and check a NIK as a person may type it.

    ``areas`` defaults to the shipped Kemendagri codes (villages are never loaded); ``today``
    defaults to ``date.today()`` and decides the century: the birth year is the latest year
    ending in the NIK's two digits that is not after ``today``'s year. A birth date after
    ``today`` is then refused, not moved back a century.

    Checks, in this order, each raising :class:`NikError` with the given code:
    ``nik_not_digits``, ``nik_length`` (see :func:`normalise_nik`), ``nik_province_unknown``,
    ``nik_date_impossible`` (day 00, 32-40, over 71, month 00 or over 12, or a day the month
    does not have, such as 31/04 or 29/02 of a common year), ``nik_future_birth``,
    ``nik_serial_zero``. An unknown regency or district under a known parent sets
    ``needs_review`` instead of raising.
    """
    nik = normalise_nik(value)
    index = areas if areas is not None else load_areas()
    reference = today if today is not None else date.today()

    province, regency, district = nik_region_code(nik[:6])
    if province not in index.provinces:
        raise NikError(NIK_PROVINCE_UNKNOWN, {"province": province})
    review_reason: str | None = None
    if regency not in index.regencies:
        review_reason = NIK_REGENCY_UNKNOWN
    elif district not in index.districts:
        review_reason = NIK_DISTRICT_UNKNOWN

    birth_date, sex = _birth_date_and_sex(nik[6:12], reference)

    serial = nik[12:]
    if serial == "0000":
        raise NikError(NIK_SERIAL_ZERO)

    return ParsedNik(
        nik=nik,
        province_code=province,
        regency_code=regency,
        district_code=district,
        birth_date=birth_date,
        sex=sex,
        serial=serial,
        needs_review=review_reason is not None,
        review_reason=review_reason,
    )


def is_valid_nik(
    value: str,
    *,
    areas: AreaIndex | None = None,
    today: date | None = None,
) -> bool:
    """True if :func:`parse_nik` accepts ``value`` (a NIK flagged for review counts as valid)."""
    try:
        parse_nik(value, areas=areas, today=today)
    except NikError:
        return False
    return True


def format_nik(*, district_code: str, birth_date: date, sex: str, serial: int) -> str:
    """Compose a NIK from its parts — the inverse of :func:`parse_nik` (used to make demo
    and test data): district ``"33.75.01"``, DDMMYY with 40 added to a woman's day, and a
    serial of 1 to 9999."""
    if sex not in ("F", "M"):
        raise ValueError("sex is 'F' or 'M'")
    if not 1 <= serial <= 9999:
        raise ValueError("a NIK serial is between 1 and 9999")
    day = birth_date.day + (_WOMAN_DAY_OFFSET if sex == "F" else 0)
    return f"{district_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


def _birth_date_and_sex(ddmmyy: str, today: date) -> tuple[date, Sex]:
    day, month, yy = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    sex: Sex = "M"
    if day > _WOMAN_DAY_OFFSET:
        day -= _WOMAN_DAY_OFFSET
        sex = "F"
    # Day 00, 32-40 and 72-99 fall outside both ranges and fail here or in date() below.
    if not 1 <= day <= 31 or not 1 <= month <= 12:
        raise NikError(NIK_DATE_IMPOSSIBLE)
    # The century is chosen from the year alone; 29/02 is then checked against that year only.
    year = today.year - (today.year - yy) % 100
    try:
        birth_date = date(year, month, day)
    except ValueError:
        raise NikError(NIK_DATE_IMPOSSIBLE) from None
    if birth_date > today:
        raise NikError(NIK_FUTURE_BIRTH)
    return birth_date, sex


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns 0 and prints JSON on success, 2 with the error otherwise."""
    parser = argparse.ArgumentParser(
        prog="python -m jejaring.trainees.nik",
        description="Parse an Indonesian NIK and print its fields as JSON.",
    )
    parser.add_argument("nik", help="the NIK; spaces, dots and dashes are ignored")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="reference date (YYYY-MM-DD) for the century and future-birth checks",
    )
    args = parser.parse_args(argv)
    try:
        parsed = parse_nik(args.nik, today=args.today)
    except NikError as error:
        print(f"{error.code}: {error}", file=sys.stderr)
        return 2
    print(json.dumps(parsed.as_dict(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

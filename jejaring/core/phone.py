"""Normalise telephone numbers as people in Indonesia type them, to E.164 (``+62...``).

Accepted shapes (spaces, dashes, dots, slashes and parentheses are ignored)::

    0812-3456-7890        -> +6281234567890   national, trunk prefix 0
    +62 812 3456 7890     -> +6281234567890   international
    6281234567890         -> +6281234567890   country code without +
    +62 (0)21 1234 5678   -> +622112345678    the "(0)" some people write is dropped
    (0285) 421234         -> +62285421234     landline with area code
    812345678             -> +62812345678     mobile without the leading 0
    +1 415 555 2671       -> +14155552671     foreign: kept as given, digits only

Indonesian numbers must have a national significant number (what follows 0 or 62) of 8 to 12
digits beginning with 2-9 (mobile numbers begin with 8, landline area codes are 2x-9x).
Foreign numbers must have 8 to 15 digits including the country code. No attempt is made to
check operator prefixes: they change more often than this code would.

Pure Python (no Django imports), hand-written rather than using ``phonenumbers`` on purpose.
Messages are plain module-level constants so the Django layer can wrap them for translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = [
    "MESSAGES",
    "PHONE_AREA_CODE_MISSING",
    "PHONE_EMPTY",
    "PHONE_INTERNATIONAL_PREFIX",
    "PHONE_INVALID_CHARACTERS",
    "PHONE_LENGTH",
    "PHONE_PREFIX",
    "PhoneError",
    "normalise_phone",
]

INDONESIA: Final = "62"
NSN_MIN_DIGITS: Final = 8
NSN_MAX_DIGITS: Final = 12
E164_MIN_DIGITS: Final = 8
E164_MAX_DIGITS: Final = 15

# Error codes: stable identifiers, safe to store, log and test against.
PHONE_EMPTY: Final = "phone_empty"
PHONE_INVALID_CHARACTERS: Final = "phone_invalid_characters"
PHONE_INTERNATIONAL_PREFIX: Final = "phone_international_prefix"
PHONE_AREA_CODE_MISSING: Final = "phone_area_code_missing"
PHONE_PREFIX: Final = "phone_prefix"
PHONE_LENGTH: Final = "phone_length"

MSG_PHONE_EMPTY: Final = "Enter a telephone number."
MSG_PHONE_INVALID_CHARACTERS: Final = (
    "A telephone number may contain only digits, a leading +, spaces, dashes, dots and brackets."
)
MSG_PHONE_INTERNATIONAL_PREFIX: Final = (
    "Write an international number with + and the country code, e.g. +62 812 3456 7890."
)
MSG_PHONE_AREA_CODE_MISSING: Final = (
    "Start a landline number with 0 and its area code, e.g. (0285) 421234."
)
MSG_PHONE_PREFIX: Final = "This is not a valid Indonesian telephone number or country code."
MSG_PHONE_LENGTH: Final = "This telephone number has too few or too many digits."

MESSAGES: Final[Mapping[str, str]] = {
    PHONE_EMPTY: MSG_PHONE_EMPTY,
    PHONE_INVALID_CHARACTERS: MSG_PHONE_INVALID_CHARACTERS,
    PHONE_INTERNATIONAL_PREFIX: MSG_PHONE_INTERNATIONAL_PREFIX,
    PHONE_AREA_CODE_MISSING: MSG_PHONE_AREA_CODE_MISSING,
    PHONE_PREFIX: MSG_PHONE_PREFIX,
    PHONE_LENGTH: MSG_PHONE_LENGTH,
}

_SEPARATORS: Final = frozenset("-.()/\u2010\u2011\u2012\u2013\u2014\u2212")
_NSN_FIRST_DIGITS: Final = frozenset("23456789")


class PhoneError(ValueError):
    """A value is not a plausible telephone number.

    ``code`` is one of the ``PHONE_*`` codes, ``message`` the untranslated template from
    :data:`MESSAGES`, ``params`` its placeholders; ``str(error)`` is the filled-in message.
    """

    def __init__(self, code: str, params: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.message = MESSAGES[code]
        self.params: dict[str, object] = dict(params or {})
        super().__init__(self.message % self.params if self.params else self.message)


def normalise_phone(value: str) -> str:
    """Return ``value`` as an E.164 string (``"+62..."`` for Indonesian numbers).

    Raises :class:`PhoneError` with code ``phone_empty``, ``phone_invalid_characters``
    (letters, extensions, a + that is not first, non-ASCII digits),
    ``phone_international_prefix`` (``00...``: the dialling prefix is ambiguous, ask for +),
    ``phone_area_code_missing`` (a bare number not starting with 8: it cannot be told apart
    from a local number typed without its area code), ``phone_prefix`` (the significant number
    starts with 0 or 1, or a foreign number starts with +0) or ``phone_length``.
    """
    if not isinstance(value, str):
        raise TypeError(f"phone number must be a str, not {type(value).__name__}")
    text = value.strip()
    international = text.startswith("+")
    if international:
        text = text[1:]
    digits = "".join(ch for ch in text if not (ch.isspace() or ch in _SEPARATORS))
    if not digits:
        raise PhoneError(PHONE_LENGTH if international else PHONE_EMPTY)
    # isdigit() alone would let through superscripts and other scripts' digits.
    if not (digits.isascii() and digits.isdigit()):
        raise PhoneError(PHONE_INVALID_CHARACTERS)

    if international:
        if digits.startswith(INDONESIA):
            return _indonesian(digits[len(INDONESIA) :], trunk_zero_allowed=True)
        if digits[0] == "0":
            raise PhoneError(PHONE_PREFIX)
        if not E164_MIN_DIGITS <= len(digits) <= E164_MAX_DIGITS:
            raise PhoneError(PHONE_LENGTH)
        return "+" + digits

    if digits.startswith("00"):
        raise PhoneError(PHONE_INTERNATIONAL_PREFIX)
    if digits[0] == "0":
        return _indonesian(digits[1:])
    # Unambiguous only because bare landline numbers (which could begin with 62) are refused.
    if digits.startswith(INDONESIA):
        return _indonesian(digits[len(INDONESIA) :], trunk_zero_allowed=True)
    if digits[0] == "8":
        return _indonesian(digits)
    raise PhoneError(PHONE_AREA_CODE_MISSING)


def _indonesian(nsn: str, *, trunk_zero_allowed: bool = False) -> str:
    """Check a national significant number and prefix +62."""
    # "+62 (0)21 ..." and "62 0812 ..." both carry a redundant trunk 0 after the country code.
    if trunk_zero_allowed and nsn.startswith("0"):
        nsn = nsn[1:]
    if nsn and nsn[0] not in _NSN_FIRST_DIGITS:
        raise PhoneError(PHONE_PREFIX)
    if not NSN_MIN_DIGITS <= len(nsn) <= NSN_MAX_DIGITS:
        raise PhoneError(PHONE_LENGTH)
    return "+" + INDONESIA + nsn

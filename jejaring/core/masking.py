"""Masking personal numbers for display and for the audit trail: the ground floor's
privacy primitive, with no Django in it. The NIK's own rules live in jejaring.trainees.nik."""

from __future__ import annotations

from typing import Final

NIK_DIGIT_COUNT: Final = 16
MASK_CHAR: Final = "\u2022"  # bullet
#: Separators people type inside a NIK (dots, hyphens and dashes).
SEPARATORS: Final = frozenset(".-\u2010\u2011\u2012\u2013\u2014\u2212")


def mask_nik(nik: str) -> str:
    """Hide the middle of a NIK: ``"3375014101950001"`` -> ``"3375••••••••0001"``.

    Whitespace, dots and dashes are dropped first. A 16-character result keeps its first 4
    and last 4 characters, so the district and birth date (characters 5-12) never show. Any
    other length is treated as suspect and only its last 2 characters are kept, the rest
    replaced one for one with bullets. Never raises for a ``str``.
    """
    compact = "".join(ch for ch in nik if not (ch.isspace() or ch in SEPARATORS))
    if len(compact) == NIK_DIGIT_COUNT:
        return compact[:4] + MASK_CHAR * 8 + compact[12:]
    shown = compact[-2:] if len(compact) >= 2 else compact
    return MASK_CHAR * (len(compact) - len(shown)) + shown

"""The one place numbers are turned into text for a reader.

Indonesian writes 1.234.567 and 42,1 %; English writes 1,234,567 and 42.1 %. The
separators come from the active language's format module (config/formats/<lang>),
through Django's ``number_format``, so a page, a PDF, a message and a stored explanation
shown at display time all print a number the same way. A percentage is always written
with a space before the sign, in both languages.

Pages use the ``number`` and ``percent`` template filters (core/templatetags/jejaring.py),
which call these functions; Python code that puts a number into a sentence calls them
directly. Storing a formatted number is a mistake: store the value and format it when it
is shown, in the reader's language. ``tests/test_house_checks.py`` fails on a template
using ``floatformat`` or on Python code grouping thousands or writing a percentage by hand.
Spreadsheets keep numbers numeric and set a cell format (``XLSX_PERCENT`` and friends):
Excel writes the separators of the reader's own settings.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, translation

#: What an empty figure prints as.
EMPTY = "—"

#: XLSX cell formats for numeric cells: a value already in percent (42.1 -> "42.1 %"),
#: a whole count, and a count of days with no decimals.
XLSX_PERCENT = '0.0" %"'
XLSX_INTEGER = "#,##0"


def to_decimal(value: object) -> Decimal | None:
    """``value`` as a finite Decimal, or None when it is empty or not a number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _rounded(number: Decimal, decimals: int | None) -> Decimal:
    if decimals is None:
        # As many decimals as the value has, and no trailing zeros: 1.000 -> 1, 0.240 -> 0.24.
        number = number.normalize()
        if number.as_tuple().exponent > 0:  # type: ignore[operator]
            number = number.quantize(Decimal(1))
    else:
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # never "-0,0"
    return number


def format_number(value: object, decimals: int | None = 0) -> str:
    """A number with thousands grouped, in the active language: ``1234567`` ->
    ``"1.234.567"`` in Indonesian, ``"1,234,567"`` in English; ``format_number(2.5, 1)``
    -> ``"2,5"`` / ``"2.5"``. Rounded half up to ``decimals`` places; ``decimals=None``
    keeps the decimals the value has, without trailing zeros. ``None`` or ``""`` ->
    ``"—"``; anything else that is not a number is returned as text, unchanged."""
    if value is None or value == "":
        return EMPTY
    number = to_decimal(value)
    if number is None:
        return str(value)
    number = _rounded(number, decimals)
    places = max(-number.as_tuple().exponent, 0)  # type: ignore[operator]
    return str(formats.number_format(number, places, use_l10n=True, force_grouping=True))


def format_percent(value: object, decimals: int | None = 1, *, ratio: bool = False) -> str:
    """A percentage in the active language: ``42.13`` -> ``"42,1 %"`` in Indonesian,
    ``"42.1 %"`` in English. With ``ratio=True`` the value is a share of one
    (``0.4213`` -> ``"42,1 %"``). ``decimals=None`` writes a rate exactly as stored,
    without trailing zeros (a tariff of ``1.000`` -> ``"1 %"``, ``0.240`` -> ``"0,24 %"``).
    ``None`` or ``""`` -> ``"—"``; anything else that is not a number is returned as
    text, unchanged."""
    if value is None or value == "":
        return EMPTY
    number = to_decimal(value)
    if number is None:
        return str(value)
    if ratio:
        number *= 100
    return f"{format_number(number, decimals)} %"


def format_rupiah(value: object) -> str:
    """Whole rupiah in Indonesian notation whatever the page language (the currency is
    Indonesian, and so is the way it is written on every official paper):
    ``1500000`` -> ``"Rp 1.500.000"``, ``-2500`` -> ``"-Rp 2.500"``, ``None`` -> ``"—"``.
    Fractions are rounded half up; a value that is not a number is returned as text."""
    if value is None or value == "":
        return EMPTY
    number = to_decimal(value)
    if number is None:
        return str(value)
    whole = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    with translation.override("id"):
        grouped = formats.number_format(abs(whole), 0, use_l10n=True, force_grouping=True)
    return f"-Rp {grouped}" if whole < 0 else f"Rp {grouped}"

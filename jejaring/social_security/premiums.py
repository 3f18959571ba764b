"""Premium arithmetic for BPJS Ketenagakerjaan JKK and JKM, free of Django.

Proration rule: the insurer bills non-wage-earners (BPU) per month, but trainees and
interns are covered for a batch or internship period that rarely starts on the 1st. A
person's premium for a month is the full monthly premium times the days covered in that
month divided by the days in that month (so a leap February has 29), rounded half up to
the rupiah once, per person per month. JKK is computed on max(declared income, the
rate's minimum declared income), so the full monthly premium is never below the
minimum (today Rp 10.000 + Rp 6.800 = Rp 16.800). A report's total is the sum of its
rounded per-person lines, so the two always match.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Rate:
    valid_from: date
    jkk_pct: Decimal
    jkm_monthly: int
    min_declared_income: int


@dataclass(frozen=True)
class MonthlyPremium:
    days_covered: int
    days_in_month: int
    jkk: int
    jkm: int

    @property
    def total(self) -> int:
        return self.jkk + self.jkm


def rate_for(rates: Sequence[Rate], month: date) -> Rate | None:
    """The rate valid on the first day of `month` (the latest valid_from on or before it)."""
    first = month.replace(day=1)
    valid = [rate for rate in rates if rate.valid_from <= first]
    return max(valid, key=lambda rate: rate.valid_from) if valid else None


def days_covered(cover_start: date, cover_end: date, month: date) -> int:
    """Days of [cover_start, cover_end] (both inclusive) that fall in `month`."""
    days_in_month = calendar.monthrange(month.year, month.month)[1]
    first = month.replace(day=1)
    last = month.replace(day=days_in_month)
    start, end = max(cover_start, first), min(cover_end, last)
    return max((end - start).days + 1, 0)


def _round(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def monthly_premium(
    *, rate: Rate, declared_income: int, cover_start: date, cover_end: date, month: date
) -> MonthlyPremium:
    """One person's prorated JKK and JKM for `month`, each rounded half up to the rupiah."""
    days_in_month = calendar.monthrange(month.year, month.month)[1]
    days = days_covered(cover_start, cover_end, month)
    share = Decimal(days) / Decimal(days_in_month)
    income = max(declared_income, rate.min_declared_income)
    jkk_full = Decimal(income) * rate.jkk_pct / Decimal(100)
    return MonthlyPremium(
        days_covered=days,
        days_in_month=days_in_month,
        jkk=_round(jkk_full * share),
        jkm=_round(Decimal(rate.jkm_monthly) * share),
    )

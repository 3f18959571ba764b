"""Reads for social security pages and the API, always scoped to the actor."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jejaring.social_security import premiums
from jejaring.social_security.models import ContributionRate, Coverage

#: Cover that the insurer bills: registered (card pending) or active, or ended in the past.
BILLED = (Coverage.Status.REGISTERED, Coverage.Status.ACTIVE, Coverage.Status.ENDED)


@dataclass(frozen=True)
class PremiumLine:
    coverage: Coverage
    premium: premiums.MonthlyPremium


@dataclass
class PremiumReport:
    """One month's premiums per person for one payer; totals are sums of the lines."""

    month: date
    rate: premiums.Rate | None
    lines: list[PremiumLine] = field(default_factory=list)

    @property
    def jkk(self) -> int:
        return sum(line.premium.jkk for line in self.lines)

    @property
    def jkm(self) -> int:
        return sum(line.premium.jkm for line in self.lines)

    @property
    def total(self) -> int:
        return self.jkk + self.jkm


def rates(category: str = ContributionRate.Category.NON_WAGE) -> list[premiums.Rate]:
    # Rates are national configuration, not region-owned: every actor reads the same ones.
    return [
        premiums.Rate(r.valid_from, r.jkk_pct, r.jkm_monthly, r.min_declared_income)
        for r in ContributionRate.objects.filter(category=category)
    ]


def premium_report_for(
    *, actor: Any, month: date, payer: str = Coverage.Payer.OFFICE, company_id: int | None = None
) -> PremiumReport:
    """The premiums of `month` for the cover `actor` may see that `payer` pays (one
    company's when `company_id` is given), computed from the rate valid that month."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    rate = premiums.rate_for(rates(), first)
    report = PremiumReport(month=first, rate=rate)
    if rate is None:
        return report
    coverages = (
        Coverage.objects.for_actor(actor)
        .filter(status__in=BILLED, payer=payer, cover_start__lte=last, cover_end__gte=first)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    if company_id is not None:
        coverages = coverages.filter(payer_company_id=company_id)
    for coverage in coverages:
        report.lines.append(
            PremiumLine(
                coverage,
                premiums.monthly_premium(
                    rate=rate,
                    declared_income=coverage.declared_income,
                    cover_start=coverage.cover_start,
                    cover_end=coverage.cover_end,
                    month=first,
                ),
            )
        )
    return report

"""What a region publishes on its public statistics page: aggregates only (absorption, and
the entrepreneurship figures of `jejaring.enterprise.indicators`). Every count
from 1 to 4 is withheld, and so is whatever would let it be worked out — the total minus
the shown rows, the other breakdown of the same graduates, a rate over a shown total
(`disclosure`, `core.suppression`) — so that no figure points at a handful of people."""

from __future__ import annotations

from typing import Any

from jejaring.core.suppression import THRESHOLD
from jejaring.enterprise import indicators as enterprise_indicators
from jejaring.outcomes import indicators
from jejaring.outcomes.disclosure import SYMBOL, ShownRow, shown_tables
from jejaring.outcomes.indicators import Definition, Dimension, Filters
from jejaring.outcomes.models import IndicatorDefinition
from jejaring.regions.models import Region


def _row(row: ShownRow) -> dict[str, Any]:
    def percent(value: Any) -> str | None:
        return None if value.percent is None else str(value.percent)

    return {
        "label": row.label,
        "graduates": row.graduates,
        "answered": row.answered,
        "absorbed": row.absorbed,
        "absorption_percent": percent(row.absorption),
        "self_employed": row.self_employed,
        "entrepreneurship_percent": percent(row.entrepreneurship),
        "response_percent": percent(row.response),
    }


def public_payload(*, region: Region, year: int, definition: IndicatorDefinition) -> dict[str, Any]:
    """The snapshot stored in PublishedStatistics.payload: the year's total, by vocation
    and by kind of institution, protected together (they share the total). A withheld
    figure is null."""
    rule = Definition.from_model(definition)
    filters = Filters(region_ids=frozenset({region.pk}), year_from=year, year_to=year)
    by_vocation, by_kind = shown_tables(
        [
            indicators.graduate_table(
                filters=filters, definition=rule, dimension=Dimension.VOCATION
            ),
            indicators.graduate_table(
                filters=filters, definition=rule, dimension=Dimension.INSTITUTION_KIND
            ),
        ],
        protect=True,
        with_waiting=False,
    )
    return {
        "year": year,
        "definition": rule.describe(),
        "threshold": THRESHOLD,
        "withheld_symbol": SYMBOL,
        "total": _row(by_vocation.total),
        "by_vocation": [_row(row) for row in by_vocation.rows],
        "by_institution_kind": [_row(row) for row in by_kind.rows],
        "entrepreneurship": entrepreneurship_payload(region=region, year=year),
    }


def entrepreneurship_payload(*, region: Region, year: int) -> dict[str, Any]:
    """The entrepreneurship figures of the year's graduates (and the grants disbursed in
    the year), through the same small-cell suppression: a withheld figure is null, and so
    is a rate whose numerator or denominator is."""
    table = enterprise_indicators.cohort_table(region_ids=[region.pk], year_from=year, year_to=year)
    row = enterprise_indicators.protected(table).rows[0]

    def percent(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        **row.counts,
        "grants_amount": row.grants_amount,
        "started_percent": percent(row.started_percent),
        "survival_12_percent": percent(row.survival_12_percent),
        "survival_24_percent": percent(row.survival_24_percent),
        "accounted_percent": percent(row.accounted_percent),
    }

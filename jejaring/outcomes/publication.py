"""What a region publishes on its public statistics page: aggregates only, with every
count between 1 and 4 withheld (and the rate that would reveal it), so that no figure
points at a handful of identifiable people."""

from __future__ import annotations

from typing import Any

from jejaring.outcomes import indicators
from jejaring.outcomes.indicators import Definition, Dimension, Filters, Row
from jejaring.outcomes.maths import suppress_small
from jejaring.outcomes.models import IndicatorDefinition
from jejaring.regions.models import Region

#: Counts below this are not shown to the public.
THRESHOLD = 5


def _row(row: Row) -> dict[str, Any]:
    graduates = suppress_small(row.graduates, threshold=THRESHOLD)
    answered = suppress_small(row.answered, threshold=THRESHOLD)
    absorbed = suppress_small(row.absorbed, threshold=THRESHOLD)
    self_employed = suppress_small(row.self_employed, threshold=THRESHOLD)

    def rate(numerator: int | None, fraction: Any) -> str | None:
        # A rate is shown only when both of its counts are.
        if numerator is None or graduates is None or fraction.percent is None:
            return None
        return str(fraction.percent)

    return {
        "label": row.label,
        "graduates": graduates,
        "answered": answered,
        "absorbed": absorbed,
        "absorption_percent": rate(absorbed, row.absorption),
        "self_employed": self_employed,
        "entrepreneurship_percent": rate(self_employed, row.entrepreneurship),
        "response_percent": rate(answered, row.response),
    }


def public_payload(*, region: Region, year: int, definition: IndicatorDefinition) -> dict[str, Any]:
    """The snapshot stored in PublishedStatistics.payload."""
    rule = Definition.from_model(definition)
    filters = Filters(region_ids=frozenset({region.pk}), year_from=year, year_to=year)
    total = indicators.graduate_table(filters=filters, definition=rule).total
    by_vocation = indicators.graduate_table(
        filters=filters, definition=rule, dimension=Dimension.VOCATION
    )
    by_kind = indicators.graduate_table(
        filters=filters, definition=rule, dimension=Dimension.INSTITUTION_KIND
    )
    return {
        "year": year,
        "definition": rule.describe(),
        "threshold": THRESHOLD,
        "total": _row(total),
        "by_vocation": [_row(row) for row in by_vocation.rows],
        "by_institution_kind": [_row(row) for row in by_kind.rows],
    }

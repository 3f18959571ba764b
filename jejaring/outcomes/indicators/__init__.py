"""Graduate outcome indicators, computed from the records in one set-based query.

Nothing here is stored: every figure is counted from enrolments and the *current* answer
of each follow-up point, under an explicit definition (`Definition`), and comes back
with its numerator and denominator.

The graduates of a year are the enrolments with status "graduated" and `graduated_on` in
that year (one enrolment, one graduate). A graduate is **absorbed** when a current
follow-up answer says "employed by a company" (and, if the definition says so, also
"internship ongoing" or "self-employed") with a start date no later than `graduated_on`
plus the window, in calendar months (12 by default). Their **first job** is the earliest
such start. A graduate **answered** when at least one follow-up point has a current
answer other than "unknown"; rates are given over all graduates and over those who
answered, so that a low response rate cannot pass for a high absorption.

The groups of each graduate and how long after graduation their first starts came are
read from `GraduateOutcome`, one row per graduate, which `summaries` keeps in step with
the enrolments and the current answers: facts, not figures — the window and what counts
are applied here, at query time, as integer comparisons (a start lies within a window of
W months exactly when its stored `*_months` is at most W: `maths.months_needed`).

The modules: `terms` (definitions, dimensions, measures, filters and the table
shape), `graduates` (the per-graduate query) and `pipeline` (rates along the road and
the funnel); this package re-exports them all.

The SQL is written by hand (a derived table) because the ORM cannot group on a
computed subquery column; both SQLite and PostgreSQL run it (`_Dialect` spells what
differs). The statements are assembled only from this module's constants and table
names; every value goes in as a query parameter.
"""

from __future__ import annotations

from jejaring.outcomes.indicators.graduates import (
    EMPTY_KEY,
    NO_GROUP,
    graduate_ids,
    graduate_table,
)
from jejaring.outcomes.indicators.pipeline import (
    FunnelStep,
    PipelineYear,
    funnel,
    pipeline_rates,
)
from jejaring.outcomes.indicators.terms import (
    Definition,
    Dimension,
    Filters,
    Measure,
    Row,
    Table,
)

__all__ = [
    "EMPTY_KEY",
    "NO_GROUP",
    "Definition",
    "Dimension",
    "Filters",
    "FunnelStep",
    "Measure",
    "PipelineYear",
    "Row",
    "Table",
    "funnel",
    "graduate_ids",
    "graduate_table",
    "pipeline_rates",
]

"""Keeping `GraduateOutcome` in step with the graduates and their current answers.

Every graduate has one row: written when their batch finishes (`handlers`), rewritten
whenever an answer of theirs is written (`jejaring.outcomes.services` calls
`refresh(enrolment_ids=...)` in the same transaction), and its groups follow a
program's vocation or an institution's kind when those change (`regroup_*`). Bulk
loaders (the demo, the benchmark) call `refresh` once for everything they wrote. The
same refresh keeps `FollowUp.answered` of the graduate's points.
`manage.py refresh_graduate_outcomes` rebuilds it from scratch if ever in doubt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet

from jejaring.core.dates import age_on
from jejaring.outcomes import maths
from jejaring.outcomes.models import FollowUp, FollowUpAnswer, GraduateOutcome, OutcomeStatus
from jejaring.training.models import Enrolment

CHUNK = 20_000

#: The kinds of first start kept per graduate, by the answer status that reports them.
_STARTS = {
    "employed": OutcomeStatus.EMPLOYED,
    "internship": OutcomeStatus.INTERNSHIP,
    "self_employed": OutcomeStatus.SELF_EMPLOYED,
}
_GROUP_COLUMNS = {
    "region_id": "region_id",
    "graduated_on": "graduated_on",
    "institution_id": "institution_id",
    "institution_kind": "institution__kind",
    "program_id": "batch__program_id",
    "vocation_id": "batch__program__vocation_id",
    "funding_source": "batch__funding_source",
    "batch_year": "batch__year",
    "sex": "person__sex",
    "birth_date": "person__birth_date",
}
_UPDATED = [
    "region",
    "graduated_on",
    "graduation_year",
    "institution",
    "institution_kind",
    "program",
    "vocation",
    "funding_source",
    "batch_year",
    "sex",
    "age",
    "answered",
    "first_company",
    *[f"first_{kind}_on" for kind in _STARTS],
    *[f"{kind}_{unit}" for kind in _STARTS for unit in ("months", "days")],
]


def refresh(*, enrolment_ids: Iterable[int] | None = None, region_ids: Iterable[int] = ()) -> int:
    """Recompute the rows of the given enrolments (or of every enrolment of the given
    regions, or of everyone): graduates get their row written, anyone else loses theirs.
    Returns the number of graduates written."""
    if enrolment_ids is not None:
        ids = sorted(set(enrolment_ids))
        written = 0
        for start in range(0, len(ids), CHUNK):
            written += _refresh_chunk(Q(pk__in=ids[start : start + CHUNK]))
        return written
    regions = list(region_ids)
    scope = Q(region_id__in=regions) if regions else Q()
    stale = GraduateOutcome.objects.exclude(enrolment__status=Enrolment.Status.GRADUATED)
    stale.filter(scope).delete()
    # Whole regions go in ranges of primary keys, which the indexes serve better than
    # long IN lists.
    graduates = Enrolment.objects.filter(scope, status=Enrolment.Status.GRADUATED)
    written, last = 0, 0
    while True:
        upper = next(
            iter(
                graduates.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", flat=True)[CHUNK - 1 : CHUNK]
            ),
            None,
        )
        bounds = Q(pk__gt=last) if upper is None else Q(pk__gt=last, pk__lte=upper)
        written += _refresh_chunk(scope & bounds)
        if upper is None:
            return written
        last = upper


def _refresh_chunk(enrolments: Q) -> int:
    """Write the rows of the graduates among the enrolments matching `enrolments`
    (a condition on Enrolment) and delete the rows of the others."""
    graduates: dict[int, dict[str, Any]] = {}
    gone = []
    for pk, status, *values in Enrolment.objects.filter(enrolments).values_list(
        "pk", "status", *_GROUP_COLUMNS.values()
    ):
        group = dict(zip(_GROUP_COLUMNS, values, strict=True))
        if status == Enrolment.Status.GRADUATED and group["graduated_on"] is not None:
            graduates[pk] = group
        else:
            gone.append(pk)
    if gone:
        GraduateOutcome.objects.filter(enrolment_id__in=gone).delete()
    if not graduates:
        return 0
    ids = sorted(graduates)
    answers = FollowUpAnswer.objects.filter(_among("follow_up__enrolment_id", ids), is_current=True)
    facts = {
        row["follow_up__enrolment_id"]: row
        for row in answers.values("follow_up__enrolment_id")
        .annotate(
            known=Count("pk", filter=~Q(status=OutcomeStatus.UNKNOWN)),
            **{
                kind: Min("started_on", filter=Q(status=status)) for kind, status in _STARTS.items()
            },
        )
        .order_by()
    }
    # The company of the earliest employment; ties go to the answer recorded first.
    companies: dict[int, int | None] = {}
    for enrolment_id, company_id in (
        answers.filter(status=OutcomeStatus.EMPLOYED, started_on__isnull=False)
        .order_by("follow_up__enrolment_id", "started_on", "recorded_at", "pk")
        .values_list("follow_up__enrolment_id", "company_id")
    ):
        companies.setdefault(enrolment_id, company_id)
    _mark_answered_points(answers, ids)
    rows = [
        _row(enrolment_id, graduates[enrolment_id], facts.get(enrolment_id, {}), companies)
        for enrolment_id in ids
    ]
    GraduateOutcome.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["enrolment"], update_fields=_UPDATED
    )
    return len(rows)


def _among(field: str, ids: list[int]) -> Q:
    """`field` is one of the sorted `ids`: a range, which the indexes serve best,
    narrowed by a list only when the ids have gaps."""
    among = Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    if len(ids) != ids[-1] - ids[0] + 1:
        among &= Q(**{f"{field}__in": ids})
    return among


def _mark_answered_points(answers: QuerySet[FollowUpAnswer], ids: list[int]) -> None:
    """Set `FollowUp.answered` of the graduates' points from their current answers
    (`answers`, already limited to them), writing only the points that change."""
    known = Exists(answers.filter(follow_up=OuterRef("pk")).exclude(status=OutcomeStatus.UNKNOWN))
    points = FollowUp.objects.filter(_among("enrolment_id", ids))
    points.filter(known, answered=False).update(answered=True)
    points.filter(~known, answered=True).update(answered=False)


def _row(
    enrolment_id: int, group: dict[str, Any], fact: dict[str, Any], companies: dict[int, Any]
) -> GraduateOutcome:
    graduated_on: date = group["graduated_on"]
    waits: dict[str, Any] = {}
    for kind in _STARTS:
        start = fact.get(kind)
        waits[f"first_{kind}_on"] = start
        if start is not None:
            waits[f"{kind}_months"] = maths.months_needed(graduated_on, start)
            waits[f"{kind}_days"] = (start - graduated_on).days
    return GraduateOutcome(
        enrolment_id=enrolment_id,
        region_id=group["region_id"],
        graduated_on=graduated_on,
        graduation_year=graduated_on.year,
        institution_id=group["institution_id"],
        institution_kind=group["institution_kind"],
        program_id=group["program_id"],
        vocation_id=group["vocation_id"],
        funding_source=group["funding_source"],
        batch_year=group["batch_year"],
        sex=group["sex"],
        age=max(age_on(group["birth_date"], graduated_on), 0),
        answered=bool(fact.get("known")),
        first_company_id=companies.get(enrolment_id),
        **waits,
    )


def regroup_program(program: Any) -> int:
    """A program's vocation changed: its graduates now count under the new one."""
    return GraduateOutcome.objects.filter(program_id=program.pk).update(
        vocation_id=program.vocation_id
    )


def regroup_institution(institution: Any) -> int:
    """An institution's kind changed (e.g. a BLK handed to a foundation)."""
    return GraduateOutcome.objects.filter(institution_id=institution.pk).update(
        institution_kind=institution.kind
    )

"""Keeping `GraduateOutcome` in step with the current follow-up answers.

Every write of an answer goes through `jejaring.outcomes.services`, which calls
`refresh(enrolment_ids=...)` in the same transaction; bulk loaders (the demo, imports,
the benchmark) call it once for everything they wrote. `manage.py
refresh_graduate_outcomes` rebuilds it from scratch if ever in doubt.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Min, Q

from jejaring.outcomes.models import FollowUpAnswer, GraduateOutcome, OutcomeStatus
from jejaring.training.models import Enrolment

CHUNK = 20_000


def refresh(*, enrolment_ids: Iterable[int] | None = None, region_ids: Iterable[int] = ()) -> int:
    """Recompute the outcome facts of the given enrolments (or of every graduate of the
    given regions, or of everyone) from their current answers; returns the rows written."""
    if enrolment_ids is None:
        graduates = Enrolment.objects.filter(status=Enrolment.Status.GRADUATED)
        regions = list(region_ids)
        if regions:
            graduates = graduates.filter(region_id__in=regions)
        ids = list(graduates.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(enrolment_ids))
    written = 0
    for start in range(0, len(ids), CHUNK):
        written += _refresh_chunk(ids[start : start + CHUNK])
    return written


def _refresh_chunk(ids: list[int]) -> int:
    facts = {
        row["follow_up__enrolment_id"]: row
        for row in FollowUpAnswer.objects.filter(is_current=True, follow_up__enrolment_id__in=ids)
        .values("follow_up__enrolment_id")
        .annotate(
            employed=Min("started_on", filter=Q(status=OutcomeStatus.EMPLOYED)),
            internship=Min("started_on", filter=Q(status=OutcomeStatus.INTERNSHIP)),
            self_employed=Min("started_on", filter=Q(status=OutcomeStatus.SELF_EMPLOYED)),
            known=Count("pk", filter=~Q(status=OutcomeStatus.UNKNOWN)),
        )
        .order_by()
    }
    # The company of the earliest employment; ties go to the answer recorded first.
    companies: dict[int, int | None] = {}
    for enrolment_id, company_id in (
        FollowUpAnswer.objects.filter(
            is_current=True,
            follow_up__enrolment_id__in=ids,
            status=OutcomeStatus.EMPLOYED,
            started_on__isnull=False,
        )
        .order_by("follow_up__enrolment_id", "started_on", "recorded_at", "pk")
        .values_list("follow_up__enrolment_id", "company_id")
    ):
        companies.setdefault(enrolment_id, company_id)
    regions = dict(Enrolment.objects.filter(pk__in=ids).values_list("pk", "region_id"))
    rows = []
    for enrolment_id in ids:
        if enrolment_id not in regions:
            continue
        fact = facts.get(enrolment_id, {})
        rows.append(
            GraduateOutcome(
                enrolment_id=enrolment_id,
                region_id=regions[enrolment_id],
                first_employed_on=fact.get("employed"),
                first_internship_on=fact.get("internship"),
                first_self_employed_on=fact.get("self_employed"),
                first_company_id=companies.get(enrolment_id),
                answered=bool(fact.get("known")),
            )
        )
    GraduateOutcome.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["enrolment"],
        update_fields=[
            "region",
            "first_employed_on",
            "first_internship_on",
            "first_self_employed_on",
            "first_company",
            "answered",
        ],
    )
    return len(rows)

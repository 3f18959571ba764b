"""Answers to the coverage gates and the events that create enrolment lists.

A batch or an internship may start only when every person who will be there has ACTIVE
cover spanning the whole period; office staff may override with a reason, which is kept
as a CoverageOverride and audited. Each check is one query, whatever the batch size.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import ngettext

from jejaring.core import audit, gates
from jejaring.social_security.models import Coverage, CoverageOverride

BATCH_START = "training.batch.start"
INTERNSHIP_START = "placement.internship.start"

#: Declared monthly income used for new enrolments: the lowest the insurer accepts for
#: non-wage-earners, since trainees and interns have no wage to declare.
DEFAULT_DECLARED_INCOME = 1_000_000


def _active_cover_spanning(start: Any, end: Any) -> Any:
    # Cover lists are maintained by this app, so the unscoped manager is right here: the
    # gate answers for the batch's own region, whoever asks.
    return Coverage.objects.filter(
        status=Coverage.Status.ACTIVE, cover_start__lte=start, cover_end__gte=end
    )


def batch_cover_gaps(*, obj: Any, **_: Any) -> list[gates.GateProblem]:
    """The accepted participants of batch `obj` without active cover for its period."""
    from jejaring.training.models import Enrolment

    covered = _active_cover_spanning(obj.start_date, obj.end_date).values("enrolment_id")
    uncovered = list(
        Enrolment.objects.filter(batch=obj, status=Enrolment.Status.ACCEPTED)
        .exclude(pk__in=covered)
        .values_list("person__full_name", flat=True)
        .order_by("person__full_name")
    )
    if not uncovered:
        return []
    message = ngettext(
        "%(count)d peserta belum memiliki perlindungan BPJS Ketenagakerjaan aktif "
        "selama masa pelatihan.",
        "%(count)d peserta belum memiliki perlindungan BPJS Ketenagakerjaan aktif "
        "selama masa pelatihan.",
        len(uncovered),
    ) % {"count": len(uncovered)}
    return [gates.GateProblem(BATCH_START, "uncovered_participants", message, tuple(uncovered))]


def internship_cover_gaps(*, obj: Any, **_: Any) -> list[gates.GateProblem]:
    """A problem when the intern of referral `obj` lacks active cover for the agreement."""
    agreement = getattr(obj, "internship_agreement", None)
    start = agreement.starts_on if agreement else obj.started_on
    end = agreement.ends_on if agreement else (obj.ended_on or start)
    if start is None:
        return []
    if _active_cover_spanning(start, end).filter(referral=obj).exists():
        return []
    return [
        gates.GateProblem(
            INTERNSHIP_START,
            "uncovered_intern",
            _("Peserta magang belum memiliki perlindungan BPJS Ketenagakerjaan aktif."),
            (obj.person.full_name,),
        )
    ]


def _record_override(*, actor: Any, reason: str, problems: Any, **target: Any) -> None:
    obj = target.get("batch") or target.get("referral")
    with transaction.atomic():
        override = CoverageOverride.objects.create(
            region_id=obj.region_id, reason=reason, decided_by=actor, **target
        )
        audit.record(
            actor=actor,
            action="social_security.cover_override",
            target=override,
            changes={"reason": reason, "subjects": [s for p in problems for s in p.subjects]},
        )


def batch_cover_override(*, actor: Any, obj: Any, reason: str, problems: Any) -> None:
    _record_override(actor=actor, reason=reason, problems=problems, batch=obj)


def internship_cover_override(*, actor: Any, obj: Any, reason: str, problems: Any) -> None:
    _record_override(actor=actor, reason=reason, problems=problems, referral=obj)


def register() -> None:
    gates.register(BATCH_START, batch_cover_gaps, on_override=batch_cover_override)
    gates.register(INTERNSHIP_START, internship_cover_gaps, on_override=internship_cover_override)

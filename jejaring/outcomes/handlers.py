"""What the tracer does when other areas report events (see jejaring.core.gates)."""

from __future__ import annotations

from typing import Any

from jejaring.outcomes import services, summaries


def batch_status_changed(*, actor: Any, obj: Any, **_: Any) -> None:
    """A finished batch gets its graduates' rows in the outcome facts and their
    follow-up points (3, 6, 12 months …)."""
    from jejaring.training.models import Batch, Enrolment

    if obj.status == Batch.Status.FINISHED:
        summaries.refresh(
            enrolment_ids=Enrolment.objects.filter(batch=obj).values_list("pk", flat=True)
        )
        services.follow_up_waves_create(actor=actor, batches=[obj])


def program_updated(*, obj: Any, **_: Any) -> None:
    """Graduates of a program count under its vocation as it is now."""
    summaries.regroup_program(obj)


def institution_updated(*, obj: Any, **_: Any) -> None:
    """Graduates of an institution count under its kind as it is now."""
    summaries.regroup_institution(obj)


def referral_started(*, actor: Any, obj: Any, **_: Any) -> None:
    """A referral that started (or was hired) answers the graduate's open follow-ups."""
    services.answers_from_referral(actor=actor, referral=obj)

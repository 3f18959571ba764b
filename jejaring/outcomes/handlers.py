"""What the tracer does when other areas report events (see jejaring.core.gates)."""

from __future__ import annotations

from typing import Any

from jejaring.outcomes import services


def batch_status_changed(*, actor: Any, obj: Any, **_: Any) -> None:
    """A finished batch gets its graduates' follow-up points (3, 6, 12 months …)."""
    from jejaring.training.models import Batch

    if obj.status == Batch.Status.FINISHED:
        services.follow_up_waves_create(actor=actor, batches=[obj])


def referral_started(*, actor: Any, obj: Any, **_: Any) -> None:
    """A referral that started (or was hired) answers the graduate's open follow-ups."""
    services.answers_from_referral(actor=actor, referral=obj)

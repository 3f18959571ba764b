"""What training adds to an account's scope (registered with accounts in apps.py)."""

from __future__ import annotations

from typing import Any


def registrant_person_part(actor: Any, person_id: int | None) -> tuple[int | None, bool]:
    """An account with no person record that submitted a registration itself acts as a
    trainee, seeing only those submissions until its identity is verified."""
    if person_id is not None:
        return None, False
    return None, actor.submitted_enrolments.exists()

"""Background work of the assessment app: thin wrappers around services."""

from __future__ import annotations

from django_tasks import task

from jejaring.assessment.services import competency_expiry_remind


@task()
def remind_competency_expiry() -> int:
    """Daily: remind holders whose certificate expires soon (idempotent)."""
    return competency_expiry_remind()

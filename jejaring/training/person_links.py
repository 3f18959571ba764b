"""How training deals with a person, registered with the person registry (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jejaring.core.scope import ActorScope
from jejaring.trainees.dealings import DetailSection
from jejaring.training.models import Enrolment


def office_dealing(scope: ActorScope) -> QuerySet[Any, dict[str, Any]]:
    """Office staff see a person of another region who enrolled with them once the
    identity is confirmed (a KTP seen; the home office or the person agreed)."""
    return Enrolment.objects.filter(
        region_id__in=scope.office_region_ids, identity=Enrolment.Identity.CONFIRMED
    ).values("person_id")


def operator_dealing(scope: ActorScope) -> QuerySet[Any, dict[str, Any]]:
    """An operator sees a person with a confirmed enrolment at their institution."""
    return Enrolment.objects.filter(
        institution_id__in=scope.institution_ids, identity=Enrolment.Identity.CONFIRMED
    ).values("person_id")


def export_enrolments(person: Any) -> list[dict[str, Any]]:
    return list(
        Enrolment.objects.filter(person=person).values(
            "batch__code",
            "batch__name",
            "institution__name",
            "status",
            "applied_at",
            "graduated_on",
        )
    )


def enrolments_section(*, actor: Any, person: Any) -> dict[str, Any]:
    from jejaring.training.selectors import enrolment_list_for_person

    return {"enrolments": enrolment_list_for_person(actor=actor, person=person)}


DETAIL_SECTION = DetailSection("training/person/_enrolments.html", enrolments_section, 10)

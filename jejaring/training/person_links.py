"""How training deals with a person, registered with the person registry (apps.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from jejaring.core.scope import ActorScope
from jejaring.trainees.dealings import DetailSection
from jejaring.trainees.models import Person
from jejaring.training.models import Enrolment


def office_dealing(scope: ActorScope) -> QuerySet[Any, dict[str, Any]]:
    """Office staff see a person of another region who enrolled with them once the
    identity is confirmed (a KTP seen; the home office or the person agreed). Only the
    enrolments of people from elsewhere are read (a partial index holds just those); the
    office's own people it sees by their home region."""
    return Enrolment.objects.filter(
        region_id__in=scope.office_region_ids,
        identity=Enrolment.Identity.CONFIRMED,
        away_from_home=True,
    ).values("person_id")


def sync_away_from_home(enrolments: QuerySet[Enrolment]) -> int:
    """Set `away_from_home` on `enrolments` from their people's current home regions, in
    one UPDATE: after enrolments are written in bulk (which skips `Enrolment.save`) and
    when a person moves to another region. Returns the number of rows updated."""
    elsewhere = Person.objects.filter(pk=OuterRef("person_id")).exclude(
        region_id=OuterRef("region_id")
    )
    return enrolments.update(away_from_home=Exists(elsewhere))


def person_moved(*, person_id: int, **_: Any) -> None:
    """trainees.signals.person_moved: the person's enrolments follow the new home region."""
    sync_away_from_home(Enrolment.objects.filter(person_id=person_id))


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

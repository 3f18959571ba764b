"""Reads of the person registry, scoped through `for_actor`."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.trainees.models import Person


def own_person_part(actor: Any, person_id: int | None) -> tuple[int | None, bool]:
    """The account's own person record, for its scope: an account bound to a person acts
    as a trainee (registered with accounts in apps.py)."""
    own = Person.objects.filter(user=actor).values_list("pk", flat=True).first()
    return own, own is not None


def person_list_for(*, actor: Any, query: str = "") -> QuerySet[Person]:
    """People the actor may see; `query` matches a name part or a whole NIK (a partial NIK
    is not searchable, so the list cannot be used to guess NIKs digit by digit)."""
    qs = Person.objects.for_actor(actor)
    query = query.strip()
    if query:
        digits = re.sub(r"[\s.\-]", "", query)
        if digits.isdigit() and len(digits) == 16:
            qs = qs.filter(nik=digits)
        else:
            qs = qs.filter(Q(full_name__icontains=query))
    return qs.order_by("full_name", "pk")


def person_get_for(*, actor: Any, person_id: int) -> Person:
    person = Person.objects.for_actor(actor).filter(pk=person_id).first()
    if person is None:
        raise NotFound(_("Orang tidak ditemukan."))
    return person


def own_person_for(*, actor: Any) -> Person:
    person = Person.objects.filter(user=actor).first() if actor.is_authenticated else None
    if person is None:
        raise NotFound(_("Akun ini tidak terhubung dengan data peserta."))
    return person


def person_data_export(*, person: Person) -> dict[str, Any]:
    """The person's own data as plain JSON-able values."""
    from jejaring.assessment.models import Candidate
    from jejaring.placement.models import Referral
    from jejaring.training.models import Enrolment

    # Every stored field, so that a field added later is exported without anyone
    # remembering; only keys to other tables are left out (the region is named instead).
    data: dict[str, Any] = {
        field.name: _plain(getattr(person, field.attname))
        for field in Person._meta.concrete_fields
        if not field.is_relation and field.name != "id"
    }
    data["region"] = person.region.name
    data["enrolments"] = [
        {key: _plain(value) for key, value in row.items()}
        for row in Enrolment.objects.filter(person=person).values(
            "batch__code",
            "batch__name",
            "institution__name",
            "status",
            "applied_at",
            "graduated_on",
        )
    ]
    data["assessments"] = [
        {key: _plain(value) for key, value in row.items()}
        for row in Candidate.objects.filter(person=person).values(
            "session__scheme__name", "session__date", "result", "score"
        )
    ]
    data["referrals"] = [
        {key: _plain(value) for key, value in row.items()}
        for row in Referral.objects.filter(person=person).values(
            "formation__title", "company__name", "status", "referred_at"
        )
    ]
    return data


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)

"""Reads of the person registry, scoped through `for_actor`."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.core.pagination import (
    DEFAULT_COUNT_CAP,
    SEARCH_COUNT_CAP,
    SeekPage,
    SeekSource,
    seek_page,
)
from jejaring.trainees.dealings import detail_sections, export_sections
from jejaring.trainees.models import Person


def own_person_part(actor: Any, person_id: int | None) -> tuple[int | None, bool]:
    """The account's own person record, for its scope: an account bound to a person acts
    as a trainee (registered with accounts in apps.py)."""
    own = Person.objects.filter(user=actor).values_list("pk", flat=True).first()
    return own, own is not None


#: The person list's order: unique, and served by the index on (full_name, id).
PERSON_ORDERING = ("full_name", "id")


def _matching(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    """`query` matches a name part or a whole NIK (a partial NIK is not searchable, so the
    list cannot be used to guess NIKs digit by digit)."""
    query = query.strip()
    if not query:
        return qs
    digits = re.sub(r"[\s.\-]", "", query)
    if digits.isdigit() and len(digits) == 16:
        return qs.filter(nik=digits)
    return qs.filter(Q(full_name__icontains=query))


def person_list_for(*, actor: Any, query: str = "") -> QuerySet[Person]:
    """People the actor may see, matching `query`, by name."""
    return _matching(Person.objects.for_actor(actor), query).order_by(*PERSON_ORDERING)


def person_source_for(*, actor: Any, query: str = "") -> SeekSource:
    """`person_list_for` with its parts: on PostgreSQL a page is the merge of each branch
    of the actor's scope (each home region, the dealings with people from elsewhere), so
    that the office's own people are read in name order from the index on (region, name)
    and a name search walks only the office's people."""
    return SeekSource(
        person_list_for(actor=actor, query=query),
        [_matching(part, query) for part in Person.objects.for_actor_parts(actor)],
        count_cap=SEARCH_COUNT_CAP if query.strip() else DEFAULT_COUNT_CAP,
    )


def person_page_for(
    *, actor: Any, query: str = "", cursor: str | None = None, size: int = 50
) -> SeekPage[Person]:
    """One page of `person_list_for` by keyset, with a count capped at 1,000 (100 for a
    search): a few queries whatever the size of the registry."""
    source = person_source_for(actor=actor, query=query)
    return seek_page(
        source.queryset,
        ordering=PERSON_ORDERING,
        size=size,
        cursor=cursor,
        count_cap=source.count_cap,
        parts=source.parts,
    )


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
    # Every stored field, so that a field added later is exported without anyone
    # remembering; only keys to other tables are left out (the region is named instead).
    data: dict[str, Any] = {
        field.name: _plain(getattr(person, field.attname))
        for field in Person._meta.concrete_fields
        if not field.is_relation and field.name != "id"
    }
    data["region"] = person.region.name
    # Each app that holds data about the person adds its part (trainees.dealings).
    for key, reader in export_sections().items():
        data[key] = [{k: _plain(v) for k, v in row.items()} for row in reader(person)]
    return data


def person_detail_sections(request: HttpRequest, *, person: Person) -> list[SafeString]:
    """The sections the apps contribute to the person page, rendered for the viewer."""
    return [
        mark_safe(  # noqa: S308 - rendered by Django's autoescaping template engine
            render_to_string(
                section.template, section.read(actor=request.user, person=person), request
            )
        )
        for section in detail_sections()
    ]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)

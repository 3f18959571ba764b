"""Person registry over the API: masked by default, full NIK only through an audited call."""

from dataclasses import replace
from datetime import date

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from jejaring.core.clientip import client_address
from jejaring.core.pagination import SeekPages, SeekSource
from jejaring.core.params import Text
from jejaring.core.schemas import ErrorOut
from jejaring.trainees import selectors, services
from jejaring.trainees.models import Person

router = Router(tags=["persons"])


class PersonOut(Schema):
    id: int
    full_name: str
    verified: bool
    nik_masked: str
    sex: str
    birth_date: date
    education: str
    region_code: str
    nik_needs_review: bool

    @staticmethod
    def resolve_nik_masked(obj: Person) -> str:
        return obj.masked_nik

    @staticmethod
    def resolve_verified(obj: Person) -> bool:
        return obj.is_verified

    @staticmethod
    def resolve_region_code(obj: Person) -> str:
        return obj.region.code


class PersonFilter(Schema):
    q: Text = Field("", max_length=100, description="A name part or a whole 16-digit NIK")


class NikOut(Schema):
    id: int
    nik: str


@router.get("/", response=list[PersonOut], summary="People the caller may see")
@paginate(SeekPages, ordering=selectors.PERSON_ORDERING, page_size=50)
def list_persons(request: HttpRequest, filters: Query[PersonFilter]) -> SeekSource:
    source = selectors.person_source_for(actor=request.user, query=filters.q)
    # The answer names each person's region; the HTML list does not read it.
    return replace(source, queryset=source.queryset.select_related("region"))


@router.get(
    "/{int:person_id}", response={200: PersonOut, 404: ErrorOut}, summary="One person (masked)"
)
def get_person(request: HttpRequest, person_id: int) -> Person:
    return selectors.person_get_for(actor=request.user, person_id=person_id)


@router.post(
    "/{int:person_id}/reveal-nik",
    response={200: NikOut, 403: ErrorOut, 404: ErrorOut},
    summary="The full NIK (audited)",
)
def reveal_nik(request: HttpRequest, person_id: int) -> NikOut:
    person = selectors.person_get_for(actor=request.user, person_id=person_id)
    nik = services.person_reveal_nik(
        actor=request.user, person=person, ip_address=client_address(request)
    )
    return NikOut(id=person.pk, nik=nik)

"""API routes of job-seeker cards at /api/jobseekers/, scoped like the pages: office staff
see their region's cards, the holder their own; another region's card is a 404."""

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.jobseekers import selectors, services
from jejaring.jobseekers.models import CardStatus, CloseSource, JobSeekerCard

router = Router(tags=["jobseekers"])


class CardOut(Schema):
    id: int
    region_id: int
    person_id: int
    person_name: str
    masked_nik: str
    status: str
    channel: str
    number: str
    education: str
    education_major: str
    occupation_code: str
    occupation_title: str
    wanted_location: str
    issued_on: date | None
    valid_until: date | None
    renewals: int
    closed_on: date | None
    employer_name: str

    @staticmethod
    def resolve_person_name(obj: JobSeekerCard) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_masked_nik(obj: JobSeekerCard) -> str:
        return obj.person.masked_nik


class ReportIn(Schema):
    note: str = Field("", max_length=500)


class ReportOut(Schema):
    id: int
    cycle: int
    box: int
    reported_on: date
    channel: str


class HiredIn(Schema):
    started_on: date
    employer_name: str = Field(..., min_length=1, max_length=200)


def _card(request: HttpRequest, card_id: int) -> JobSeekerCard:
    return selectors.card_get_for(actor=request.user, card_id=card_id)


@router.get("/cards", response=list[CardOut], summary="Job-seeker cards (AK/1), newest first")
@paginate(Pages, page_size=50)
def list_cards(
    request: HttpRequest, status: CardStatus | None = None, q: str = ""
) -> QuerySet[JobSeekerCard]:
    return selectors.card_list_for(
        actor=request.user, status=status.value if status else "", query=q[:100]
    )


@router.get("/cards/{int:card_id}", response={200: CardOut, 404: ErrorOut}, summary="One card")
def get_card(request: HttpRequest, card_id: int) -> JobSeekerCard:
    return _card(request, card_id)


@router.post(
    "/cards/{int:card_id}/reports",
    response={201: ReportOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record the six-monthly report (the holder online, the office at the counter)",
    openapi_extra=body_doc(ReportIn),
)
def create_report(request: HttpRequest, card_id: int) -> Status:
    card = _card(request, card_id)
    payload = json_body(request, ReportIn)
    return Status(201, services.card_report(actor=request.user, card=card, note=payload.note))


@router.post(
    "/cards/{int:card_id}/hired",
    response={200: CardOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Close the card: the holder is working (by the holder or the office)",
    openapi_extra=body_doc(HiredIn),
)
def close_hired(request: HttpRequest, card_id: int) -> JobSeekerCard:
    from jejaring.accounts.scope import scope_of

    card = _card(request, card_id)
    payload = json_body(request, HiredIn)
    source = (
        CloseSource.OFFICE
        if scope_of(request.user).is_office_of(card.region_id)
        else CloseSource.HOLDER
    )
    services.card_close_hired(
        actor=request.user,
        person=card.person,
        on=payload.started_on,
        employer_name=payload.employer_name,
        source=source,
    )
    return _card(request, card_id)

"""Vacancies over the API (mounted at /api/vacancies/), scoped like the pages: office staff
their region's vacancies, company HR their own company's. Write routes on a record look it
up before reading the body, so another region's or company's id is a 404 whatever was sent.
The KBJI 2014 occupation list is public reference data."""

from datetime import date, datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.core.pagination import SeekPages
from jejaring.core.schemas import ErrorOut, body_doc, json_body
from jejaring.employers import selectors as employer_selectors
from jejaring.jobseekers.selectors import card_get_for
from jejaring.regions.calendar import today_in
from jejaring.trainees.models import Education
from jejaring.vacancies import kbji, matches, referrals, selectors, services
from jejaring.vacancies.models import Vacancy

router = Router(tags=["vacancies"])

ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
Id = Annotated[int, Field(ge=1, le=2**62)]
Rupiah = Annotated[int, Field(ge=0, le=services.MAX_PAY)]


class OccupationOut(Schema):
    code: str
    title_id: str
    title_en: str
    major_group: str


@router.get(
    "/occupations", response=list[OccupationOut], auth=None, summary="KBJI 2014 occupation codes"
)
def occupations(request: HttpRequest) -> list[OccupationOut]:
    return [
        OccupationOut(
            code=occ.code, title_id=occ.title_id, title_en=occ.title_en, major_group=occ.major_group
        )
        for occ in kbji.occupations().values()
    ]


class VacancyOut(Schema):
    id: int
    company_id: int | None
    employer_name: str
    source: str
    title: str
    kbji_code: str
    occupation_group: str
    description: str
    openings: int
    filled: int
    min_education: str
    skills: str
    place_regency_code: str
    place_district_code: str
    pay_min: int | None
    pay_max: int | None
    closes_on: date
    contact_name: str
    contact_phone: str
    contact_email: str
    status: str
    status_note: str
    submitted_at: datetime | None
    published_at: datetime | None
    formation_id: int | None


class VacancyFilter(Schema):
    status: Vacancy.Status | None = None
    company_id: Id | None = None
    occupation_group: str = Field("", pattern=r"^[0-9]?$")


@router.get("", response=list[VacancyOut], summary="Vacancies the caller may see")
@paginate(SeekPages, ordering=selectors.LIST_ORDER, page_size=100)
def list_vacancies(request: HttpRequest, filters: Query[VacancyFilter]) -> QuerySet[Vacancy]:
    return selectors.vacancy_list_for(
        actor=request.user,
        status=filters.status or "",
        company_id=filters.company_id,
        occupation_group=filters.occupation_group,
    )


@router.get("/{int:vacancy_id}", response={200: VacancyOut, 404: ErrorOut}, summary="One vacancy")
def get_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    return selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)


class VacancyIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    kbji_code: str = Field(..., pattern=r"^[0-9]{1,4}$")
    openings: int = Field(..., ge=1, le=services.MAX_OPENINGS)
    closes_on: date
    contact_name: str = Field(..., min_length=1, max_length=200)
    min_education: Education | None = None
    skills: str = Field("", max_length=2000)
    description: str = Field("", max_length=5000)
    place_district_code: str = Field("", max_length=8)
    pay_min: Rupiah | None = None
    pay_max: Rupiah | None = None
    contact_phone: str = Field("", max_length=24)
    contact_email: str = Field("", max_length=254)

    def data(self, regency_code: str) -> services.VacancyData:
        values = self.dict()
        values["min_education"] = self.min_education or ""
        return services.VacancyData(place_regency_code=regency_code, **values)


@router.post(
    "/companies/{int:company_id}",
    response={201: VacancyOut, **ERRORS},
    summary="Draft a vacancy of a company",
    openapi_extra=body_doc(VacancyIn),
)
def create_vacancy(request: HttpRequest, company_id: int) -> Status:
    company = employer_selectors.company_get_for(actor=request.user, company_id=company_id)
    payload = json_body(request, VacancyIn)
    vacancy = services.vacancy_create(
        actor=request.user, company=company, data=payload.data(company.region.code)
    )
    return Status(201, selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy.pk))


@router.put(
    "/{int:vacancy_id}",
    response={200: VacancyOut, **ERRORS},
    summary="Change a vacancy still being drafted",
    openapi_extra=body_doc(VacancyIn),
)
def update_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    payload = json_body(request, VacancyIn)
    services.vacancy_update(
        actor=request.user, vacancy=vacancy, data=payload.data(vacancy.region.code)
    )
    return selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)


@router.post(
    "/{int:vacancy_id}/submit",
    response={200: VacancyOut, **ERRORS},
    summary="Send a draft or returned vacancy to the office",
)
def submit_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    services.vacancy_submit(actor=request.user, vacancy=vacancy)
    return selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)


class ReviewIn(Schema):
    decision: str = Field(..., pattern=r"^(publish|return|reject)$")
    note: str = Field("", max_length=2000)


@router.post(
    "/{int:vacancy_id}/review",
    response={200: VacancyOut, **ERRORS},
    summary="The office publishes, returns or rejects a submitted vacancy",
    openapi_extra=body_doc(ReviewIn),
)
def review_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    payload = json_body(request, ReviewIn)
    services.vacancy_review(
        actor=request.user, vacancy=vacancy, decision=payload.decision, note=payload.note
    )
    return selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)


class FillIn(Schema):
    count: int = Field(..., ge=-services.MAX_OPENINGS, le=services.MAX_OPENINGS)
    note: str = Field("", max_length=500)


@router.post(
    "/{int:vacancy_id}/fills",
    response={200: VacancyOut, **ERRORS},
    summary="Record openings filled (a negative count corrects a mistake)",
    openapi_extra=body_doc(FillIn),
)
def fill_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    payload = json_body(request, FillIn)
    services.vacancy_fill_record(
        actor=request.user, vacancy=vacancy, count=payload.count, note=payload.note
    )
    return selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)


class CloseIn(Schema):
    note: str = Field("", max_length=500)


@router.post(
    "/{int:vacancy_id}/close",
    response={200: VacancyOut, **ERRORS},
    summary="Close a published vacancy early, or withdraw a draft",
    openapi_extra=body_doc(CloseIn),
)
def close_vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    payload = json_body(request, CloseIn)
    services.vacancy_close(actor=request.user, vacancy=vacancy, note=payload.note)
    return selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)


class FormationIn(Schema):
    accepts_all_vocations: bool = False
    vocation_ids: list[Id] = Field(default_factory=list, max_length=200)


class FormationOut(Schema):
    id: int
    kind: str
    title: str
    quota: int
    status: str


@router.post(
    "/{int:vacancy_id}/formation",
    response={201: FormationOut, **ERRORS},
    summary="Offer a published vacancy to graduates as a work formation",
    openapi_extra=body_doc(FormationIn),
)
def make_formation(request: HttpRequest, vacancy_id: int) -> Status:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    payload = json_body(request, FormationIn)
    formation = services.vacancy_formation_create(
        actor=request.user,
        vacancy=vacancy,
        vocation_ids=list(payload.vocation_ids),
        accepts_all_vocations=payload.accepts_all_vocations,
    )
    return Status(201, formation)


# --- matching ---------------------------------------------------------------------------


class ReasonOut(Schema):
    points: int
    text: str


class MatchOut(Schema):
    person_id: int
    full_name: str
    masked_nik: str
    card_id: int | None
    card_number: str
    is_graduate: bool
    points: int
    reasons: list[ReasonOut]
    referral_status: str


@router.get(
    "/{int:vacancy_id}/matches",
    response={200: list[MatchOut], 404: ErrorOut},
    summary="Job seekers and graduates fitting a vacancy, best first, with their reasons",
)
def vacancy_matches(request: HttpRequest, vacancy_id: int) -> list[Any]:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    return matches.vacancy_matches(
        actor=request.user, vacancy=vacancy, today=today_in(vacancy.region)
    )


class ReferIn(Schema):
    person_ids: list[Id] = Field(min_length=1, max_length=referrals.MAX_REFER)


class ReferralOut(Schema):
    id: int
    person_id: int
    formation_id: int
    status: str
    letter_number: str


@router.post(
    "/{int:vacancy_id}/referrals",
    response={201: list[ReferralOut], **ERRORS},
    summary="Refer people to a published vacancy (office staff), all or none",
    openapi_extra=body_doc(ReferIn),
)
def refer_to_vacancy(request: HttpRequest, vacancy_id: int) -> Status:
    vacancy = selectors.vacancy_get_for(actor=request.user, vacancy_id=vacancy_id)
    matches.require_office(request.user, vacancy)
    payload = json_body(request, ReferIn)
    made = referrals.vacancy_refer(
        actor=request.user, vacancy=vacancy, person_ids=list(payload.person_ids)
    )
    return Status(201, made)


class SuggestionOut(Schema):
    vacancy_id: int
    title: str
    employer_name: str
    kbji_code: str
    closes_on: date
    points: int
    reasons: list[ReasonOut]


@router.get(
    "/for-card/{int:card_id}",
    response={200: list[SuggestionOut], 404: ErrorOut},
    summary="Open vacancies suggested to a job-seeker card's holder, with their reasons",
)
def card_suggestions(request: HttpRequest, card_id: int) -> list[SuggestionOut]:
    card = card_get_for(actor=request.user, card_id=card_id)
    return [
        SuggestionOut(
            vacancy_id=s.vacancy.pk,
            title=s.vacancy.title,
            employer_name=s.vacancy.employer_name,
            kbji_code=s.vacancy.kbji_code,
            closes_on=s.vacancy.closes_on,
            points=s.points,
            reasons=[ReasonOut(points=r.points, text=r.text) for r in s.reasons],
        )
        for s in matches.card_suggestions(card=card, today=today_in(card.region))
    ]

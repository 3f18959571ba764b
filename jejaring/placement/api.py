"""Placement over the API (mounted at /api/placement/), scoped like the pages: office staff
run their region's rounds; company HR read and update the referrals to their company;
trainees apply and read their own results. Write routes look the record up (404 for an
outsider) before they read the body."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.pagination import SeekPages
from jejaring.core.params import DbId
from jejaring.core.schemas import ErrorOut, Pages, json_body
from jejaring.placement import referrals, selectors, services
from jejaring.placement.models import AllocationResult, AllocationRound, Application, Referral

router = Router(tags=["placement"])

_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _office(request: HttpRequest) -> None:
    if not scope_of(request.user).is_office:
        raise NotFound(_("Putaran penyaluran tidak ditemukan."))


class RoundOut(Schema):
    id: int
    name: str
    status: str
    max_choices: int
    seed: int
    input_digest: str
    opens_at: Any
    closes_at: Any
    published_at: Any


class FormationFillOut(Schema):
    formation_id: int
    title: str
    company: str
    quota: int
    seats: int | None
    applicants: int
    assigned: int
    priority_source: str


class RoundDetailOut(RoundOut):
    formations: list[FormationFillOut]


@router.get("/rounds", response=list[RoundOut], summary="Allocation rounds of the office")
@paginate(Pages, page_size=50)
def list_rounds(request: HttpRequest) -> QuerySet[AllocationRound]:
    _office(request)
    return selectors.round_list_for(actor=request.user)


def _round_detail(rnd: AllocationRound) -> RoundDetailOut:
    fill = services.fill_by_formation(rnd)
    return RoundDetailOut(
        id=rnd.pk,
        name=rnd.name,
        status=rnd.status,
        max_choices=rnd.max_choices,
        seed=rnd.seed,
        input_digest=rnd.input_digest,
        opens_at=rnd.opens_at,
        closes_at=rnd.closes_at,
        published_at=rnd.published_at,
        formations=[
            FormationFillOut(
                formation_id=rf.formation_id,
                title=rf.formation.title,
                company=rf.formation.company.name,
                quota=rf.formation.quota,
                seats=rf.seats,
                applicants=fill.get(rf.formation_id, {}).get("applicants", 0),
                assigned=fill.get(rf.formation_id, {}).get("assigned", 0),
                priority_source=rf.priority_source,
            )
            for rf in selectors.round_formations(rnd=rnd)
        ],
    )


@router.get(
    "/rounds/{int:round_id}",
    response={200: RoundDetailOut, 404: ErrorOut},
    summary="One round with seats and fill per formation",
)
def get_round(request: HttpRequest, round_id: int) -> RoundDetailOut:
    return _round_detail(selectors.round_get_for(actor=request.user, round_id=round_id))


class RoundIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    formation_ids: list[DbId] = Field(..., min_length=1, max_length=1000)
    max_choices: int = Field(5, ge=1, le=20)


@router.post(
    "/rounds",
    response={201: RoundDetailOut, **_ERRORS},
    summary="Open a round over a set of the office's open formations",
)
def create_round(request: HttpRequest, payload: RoundIn) -> Status:
    _office(request)
    from jejaring.regions.selectors import home_region_for

    region = home_region_for(actor=request.user)
    if region is None or not scope_of(request.user).is_office_of(region.pk):
        raise NotFound(_("Wilayah tidak ditemukan."))
    rnd = services.round_create(
        actor=request.user,
        region=region,
        name=payload.name,
        formation_ids=payload.formation_ids,
        max_choices=payload.max_choices,
    )
    return Status(201, _round_detail(rnd))


def _step(request: HttpRequest, round_id: int, step: Any) -> RoundDetailOut:
    rnd = selectors.round_get_for(actor=request.user, round_id=round_id)
    return _round_detail(step(actor=request.user, rnd=rnd))


@router.post(
    "/rounds/{int:round_id}/close",
    response={200: RoundDetailOut, **_ERRORS},
    summary="Close applications (eligibility and priorities are fixed)",
)
def close_round(request: HttpRequest, round_id: int) -> RoundDetailOut:
    return _step(request, round_id, services.round_close)


@router.post(
    "/rounds/{int:round_id}/allocate",
    response={200: RoundDetailOut, **_ERRORS},
    summary="Run the allocation from the stored inputs (again, until published)",
)
def allocate_round(request: HttpRequest, round_id: int) -> RoundDetailOut:
    return _step(request, round_id, services.round_allocate)


@router.post(
    "/rounds/{int:round_id}/publish",
    response={200: RoundDetailOut, **_ERRORS},
    summary="Publish: one referral with its letter number per placed applicant",
)
def publish_round(request: HttpRequest, round_id: int) -> RoundDetailOut:
    return _step(request, round_id, services.round_publish)


class ResultOut(Schema):
    application_id: int
    person_name: str
    formation_id: int | None
    choice_rank: int | None
    explanation: list[dict[str, Any]]

    @staticmethod
    def resolve_person_name(obj: AllocationResult) -> str:
        return obj.application.person.full_name


@router.get(
    "/rounds/{int:round_id}/results",
    response=list[ResultOut],
    summary="The round's results, for review before publishing",
)
@paginate(Pages, page_size=100)
def list_results(request: HttpRequest, round_id: int) -> QuerySet[AllocationResult]:
    rnd = selectors.round_get_for(actor=request.user, round_id=round_id)
    return selectors.round_results(rnd=rnd)


# --- applications -----------------------------------------------------------------------


class WhyNotOut(Schema):
    rank: int
    formation_id: int | None
    full: bool
    message: str


class ApplicationOut(Schema):
    id: int
    round_id: int
    round_status: str
    status: str
    choices: list[int]
    result_formation_id: int | None = None
    result_choice_rank: int | None = None
    why_not: list[WhyNotOut] = []


def _application_out(request: HttpRequest, application: Application) -> ApplicationOut:
    out = ApplicationOut(
        id=application.pk,
        round_id=application.round_id,
        round_status=application.round.status,
        status=application.status,
        choices=[c.formation_id for c in application.choices.all()],
    )
    if selectors.may_see_result(actor=request.user, application=application):
        explanation = selectors.explanation_for(application=application)
        if explanation is not None:
            out.result_formation_id = explanation.formation.pk if explanation.formation else None
            out.result_choice_rank = explanation.choice_rank
            out.why_not = [
                WhyNotOut(
                    rank=w.rank,
                    formation_id=w.formation.pk if w.formation else None,
                    full=w.full,
                    message=w.message,
                )
                for w in explanation.why_not
            ]
    return out


@router.get("/applications", response=list[ApplicationOut], summary="My applications")
def list_my_applications(request: HttpRequest) -> list[ApplicationOut]:
    return [_application_out(request, a) for a in selectors.my_applications(actor=request.user)]


@router.get(
    "/applications/{int:application_id}",
    response={200: ApplicationOut, 404: ErrorOut},
    summary="One application with its result and why not each better choice",
)
def get_application(request: HttpRequest, application_id: int) -> ApplicationOut:
    application = selectors.application_get_for(actor=request.user, application_id=application_id)
    return _application_out(request, application)


class ApplyIn(Schema):
    formation_ids: list[DbId] = Field(..., max_length=20)


@router.post(
    "/rounds/{int:round_id}/applications",
    response={201: ApplicationOut, **_ERRORS},
    summary="Apply to an open round with ranked formations (best first)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ApplyIn.model_json_schema()}},
        }
    },
)
def apply(request: HttpRequest, round_id: int) -> Status:
    rnd = selectors.open_round_get_for_applicant(actor=request.user, round_id=round_id)
    payload = json_body(request, ApplyIn, message=_("Isi lamaran tidak valid."))
    application = services.application_submit(
        actor=request.user, rnd=rnd, formation_ids=payload.formation_ids
    )
    application = selectors.application_get_for(actor=request.user, application_id=application.pk)
    return Status(201, _application_out(request, application))


# --- referrals ----------------------------------------------------------------------------


class ReferralOut(Schema):
    id: int
    person_name: str
    formation_id: int
    formation_title: str
    company: str
    status: str
    status_reason: str
    letter_number: str
    started_on: date | None
    ended_on: date | None
    hired_on: date | None

    @staticmethod
    def resolve_person_name(obj: Referral) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_formation_title(obj: Referral) -> str:
        return obj.formation.title

    @staticmethod
    def resolve_company(obj: Referral) -> str:
        return obj.company.name


@router.get("/referrals", response=list[ReferralOut], summary="Referrals the caller may see")
@paginate(SeekPages, ordering=selectors.REFERRAL_LIST_ORDER, page_size=50)
def list_referrals(request: HttpRequest, status: str = "") -> QuerySet[Referral]:
    if status and status not in Referral.Status.values:
        raise ValidationError(_("Status tidak dikenal."), code="unknown_status")
    return selectors.referral_list_for(actor=request.user, status=status)


@router.get(
    "/referrals/{int:referral_id}",
    response={200: ReferralOut, 404: ErrorOut},
    summary="One referral",
)
def get_referral(request: HttpRequest, referral_id: int) -> Referral:
    return selectors.referral_get_for(actor=request.user, referral_id=referral_id)


class OutcomeIn(Schema):
    status: str = Field(..., max_length=12)
    reason: str = Field("", max_length=2000)
    on: date | None = None
    override_reason: str = Field("", max_length=2000)


@router.post(
    "/referrals/{int:referral_id}/outcome",
    response={200: ReferralOut, **_ERRORS},
    summary="Record an outcome: accepted, rejected (reason), started, completed, hired",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": OutcomeIn.model_json_schema()}},
        }
    },
)
def record_outcome(request: HttpRequest, referral_id: int) -> Referral:
    referral = selectors.referral_get_for(actor=request.user, referral_id=referral_id)
    payload = json_body(request, OutcomeIn, message=_("Isi hasil penyaluran tidak valid."))
    updated = referrals.referral_record_outcome(
        actor=request.user,
        referral=referral,
        status=payload.status,
        reason=payload.reason,
        on=payload.on,
        override_reason=payload.override_reason,
    )
    return selectors.referral_get_for(actor=request.user, referral_id=updated.pk)

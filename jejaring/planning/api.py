"""API routes of the planning app (mounted at /api/planning/).

Routes that take an id look the record up before reading the body, so another region's
id is a 404 whatever was sent; the body is then validated by hand against its schema.
"""

from datetime import date
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel

from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.params import DbId
from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.planning import selectors, services
from jejaring.planning.models import IndustryNeed, InstructorNeed, TrainingPlan

router = Router(tags=["planning"])

B = TypeVar("B", bound=BaseModel)


# ---------------------------------------------------------------- needs


class NeedOut(Schema):
    id: int
    description: str
    quantity: int
    kind: str
    needed_by: date | None
    location: str
    notes: str
    company_id: int | None
    company_name: str | None
    partner_name: str | None
    meeting_id: int | None
    vocation_id: int | None
    vocation_name: str | None
    mapping: str

    @staticmethod
    def resolve_company_name(obj: IndustryNeed) -> str | None:
        return obj.company.name if obj.company else None

    @staticmethod
    def resolve_partner_name(obj: IndustryNeed) -> str | None:
        return obj.partner.name if obj.partner else None

    @staticmethod
    def resolve_vocation_name(obj: IndustryNeed) -> str | None:
        return obj.vocation.name if obj.vocation else None


class NeedFilter(Schema):
    mapping: str = Field("", max_length=12, description="unmapped, confirmed or no_program")


class NeedIn(Schema):
    description: str = Field(..., min_length=1, max_length=300)
    quantity: int = Field(..., ge=1, le=10000)
    kind: IndustryNeed.Kind
    needed_by: date | None = None
    location: str = Field("", max_length=200)
    notes: str = Field("", max_length=2000)
    company_id: int | None = None
    partner_id: int | None = None


@router.get("/needs", response=list[NeedOut], summary="Industry needs the caller may see")
@paginate(Pages, page_size=50)
def list_needs(request: HttpRequest, filters: Query[NeedFilter]) -> QuerySet[IndustryNeed]:
    return selectors.need_list_for(actor=request.user, mapping=filters.mapping)


@router.post(
    "/needs",
    response={201: NeedOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Submit a need (company HR for their company; office staff for anyone)",
)
def submit_need(request: HttpRequest, payload: NeedIn) -> Status:
    company = partner = None
    if payload.company_id is not None:
        company = (
            selectors.company_options_for(actor=request.user).filter(pk=payload.company_id).first()
        )
        if company is None:
            raise NotFound(_("Perusahaan tidak ditemukan."))
    if payload.partner_id is not None:
        partner = (
            selectors.partner_options_for(actor=request.user).filter(pk=payload.partner_id).first()
        )
        if partner is None:
            raise NotFound(_("Mitra tidak ditemukan."))
    from jejaring.regions.selectors import home_region_for

    need = services.need_submit(
        actor=request.user,
        company=company,
        partner=partner,
        region=home_region_for(actor=request.user),
        data=services.NeedData(
            description=payload.description,
            quantity=payload.quantity,
            kind=payload.kind.value,
            needed_by=payload.needed_by,
            location=payload.location,
            notes=payload.notes,
        ),
    )
    return Status(201, selectors.need_get_for(actor=request.user, industry_need_id=need.pk))


@router.get(
    "/needs/{int:industry_need_id}", response={200: NeedOut, 404: ErrorOut}, summary="One need"
)
def get_need(request: HttpRequest, industry_need_id: int) -> IndustryNeed:
    return selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)


class SuggestionOut(Schema):
    vocation_id: int
    vocation_code: str
    vocation_name: str
    score: float
    phrase: str


@router.get(
    "/needs/{int:industry_need_id}/suggestions",
    response={200: list[SuggestionOut], 404: ErrorOut},
    summary="Vocations suggested for the need's wording, best first",
)
def need_suggestions(request: HttpRequest, industry_need_id: int) -> list[SuggestionOut]:
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    return [
        SuggestionOut(
            vocation_id=s.vocation.pk,
            vocation_code=s.vocation.code,
            vocation_name=s.vocation.name,
            score=s.score,
            phrase=s.phrase,
        )
        for s in selectors.vocation_suggestions(text=need.description)
    ]


class MappingIn(Schema):
    vocation_id: int | None = Field(..., description="null: no program exists for it yet")
    unit_ids: list[DbId] = Field(default_factory=list, max_length=100)


@router.post(
    "/needs/{int:industry_need_id}/mapping",
    response={200: NeedOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Confirm or correct the need's vocation (office staff)",
    openapi_extra=body_doc(MappingIn),
)
def map_need(request: HttpRequest, industry_need_id: int) -> IndustryNeed:
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    payload = json_body(request, MappingIn, empty=b"{}")
    vocation = None
    if payload.vocation_id is not None:
        vocation = selectors.vocation_options().filter(pk=payload.vocation_id).first()
        if vocation is None:
            raise ValidationError(_("Kejuruan tidak dikenal."), code="unknown_vocation")
    services.need_map(actor=request.user, need=need, vocation=vocation, unit_ids=payload.unit_ids)
    return selectors.need_get_for(actor=request.user, industry_need_id=need.pk)


# ---------------------------------------------------------------- meetings


class MeetingOut(Schema):
    id: int
    held_on: date
    title: str
    location: str
    attendees: str
    aspirations: str


@router.get("/meetings", response=list[MeetingOut], summary="Coordination meetings")
def list_meetings(request: HttpRequest) -> Any:
    return selectors.meeting_list_for(actor=request.user)


@router.get(
    "/meetings/{int:coordination_meeting_id}",
    response={200: MeetingOut, 404: ErrorOut},
    summary="One coordination meeting",
)
def get_meeting(request: HttpRequest, coordination_meeting_id: int) -> Any:
    return selectors.meeting_get_for(
        actor=request.user, coordination_meeting_id=coordination_meeting_id
    )


# ---------------------------------------------------------------- gap


class GapRowOut(Schema):
    vocation_id: int | None
    vocation_name: str
    needs: int
    formations: int
    referrals: int
    demand: int
    planned: int
    graduates: int
    competent: int
    absorbed: int
    unmet: int
    oversupply: int


class GapOut(Schema):
    year: int
    unmapped_needs: int
    rows: list[GapRowOut]


class GapQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)


@router.get("/gap", response={200: GapOut, 404: ErrorOut}, summary="Demand against supply")
def get_gap(request: HttpRequest, query: Query[GapQuery]) -> GapOut:
    from jejaring.accounts.scope import scope_of

    if not scope_of(request.user).is_office:
        raise NotFound(_("Tidak ditemukan."))
    analysis = selectors.gap_analysis_for(actor=request.user, year=query.year)
    return GapOut(
        year=analysis.year,
        unmapped_needs=analysis.unmapped_needs,
        rows=[
            GapRowOut(
                vocation_id=r.vocation_id,
                vocation_name=r.vocation_name,
                needs=r.needs,
                formations=r.formations,
                referrals=r.referrals,
                demand=r.demand,
                planned=r.planned,
                graduates=r.graduates,
                competent=r.competent,
                absorbed=r.absorbed,
                unmet=r.unmet,
                oversupply=r.oversupply,
            )
            for r in analysis.rows
        ],
    )


# ---------------------------------------------------------------- plans


class LineOut(Schema):
    id: int
    channel: str
    title: str
    institution_id: int | None
    program_id: int | None
    vocation_id: int | None
    packages: int
    people_per_package: int
    days_per_package: int
    cost_per_package: int
    funding_source: str
    evidence_ids: list[int]


class EnvelopeCheckOut(Schema):
    funding_source: str
    planned: int
    envelope: int | None
    over: bool


class PlanOut(Schema):
    id: int
    year: int
    title: str
    status: str
    comments: str
    people: int
    cost: int
    lines: list[LineOut]
    checks: list[EnvelopeCheckOut]


class PlanSummaryOut(Schema):
    id: int
    year: int
    title: str
    status: str
    people: int
    cost: int


def _plan_out(plan: TrainingPlan) -> PlanOut:
    totals = selectors.plan_totals(plan=plan)
    return PlanOut(
        id=plan.pk,
        year=plan.year,
        title=plan.title,
        status=plan.status,
        comments=plan.comments,
        people=totals.people,
        cost=totals.cost,
        lines=[
            LineOut(
                id=line.pk,
                channel=line.channel,
                title=line.title,
                institution_id=line.institution_id,
                program_id=line.program_id,
                vocation_id=line.vocation_id,
                packages=line.packages,
                people_per_package=line.people_per_package,
                days_per_package=line.days_per_package,
                cost_per_package=line.cost_per_package,
                funding_source=line.funding_source,
                evidence_ids=[need.pk for need in line.evidence.all()],
            )
            for line in selectors.plan_lines(plan=plan)
        ],
        checks=[
            EnvelopeCheckOut(
                funding_source=c.funding_source,
                planned=c.planned,
                envelope=c.envelope,
                over=c.over,
            )
            for c in services.plan_envelope_checks(plan=plan)
        ],
    )


@router.get("/plans", response=list[PlanSummaryOut], summary="Training plans")
def list_plans(request: HttpRequest) -> Any:
    return selectors.plan_list_for(actor=request.user)


@router.get(
    "/plans/{int:training_plan_id}",
    response={200: PlanOut, 404: ErrorOut},
    summary="One plan with its lines and envelope check",
)
def get_plan(request: HttpRequest, training_plan_id: int) -> PlanOut:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    return _plan_out(plan)


class DecisionIn(Schema):
    comments: str = Field("", max_length=2000)


_DECISION = {200: PlanOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("/plans/{int:training_plan_id}/submit", response=_DECISION, summary="Submit a plan")
def submit_plan(request: HttpRequest, training_plan_id: int) -> PlanOut:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    return _plan_out(services.plan_submit(actor=request.user, plan=plan))


@router.post(
    "/plans/{int:training_plan_id}/approve",
    response=_DECISION,
    summary="Approve a submitted plan",
    openapi_extra=body_doc(DecisionIn),
)
def approve_plan(request: HttpRequest, training_plan_id: int) -> PlanOut:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    payload = json_body(request, DecisionIn, empty=b"{}")
    return _plan_out(
        services.plan_approve(actor=request.user, plan=plan, comments=payload.comments)
    )


@router.post(
    "/plans/{int:training_plan_id}/return",
    response=_DECISION,
    summary="Return a submitted plan with comments",
    openapi_extra=body_doc(DecisionIn),
)
def return_plan(request: HttpRequest, training_plan_id: int) -> PlanOut:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    payload = json_body(request, DecisionIn, empty=b"{}")
    return _plan_out(services.plan_return(actor=request.user, plan=plan, comments=payload.comments))


# ---------------------------------------------------------------- instructor gap


class InstructorNeedOut(Schema):
    id: int
    vocation_id: int
    description: str
    status: str
    candidate_id: int | None
    plan_line_id: int | None
    note: str


class InstructorGapOut(Schema):
    plan_line_id: int
    plan_year: int
    line_title: str
    vocation_name: str
    instructor_need: InstructorNeedOut | None


@router.get(
    "/instructor-gap",
    response=list[InstructorGapOut],
    summary="Planned lines without a qualified instructor, with the sourcing status",
)
def instructor_gap(request: HttpRequest) -> list[InstructorGapOut]:
    return [
        InstructorGapOut(
            plan_line_id=row.line.pk,
            plan_year=row.line.plan.year,
            line_title=row.line.title,
            vocation_name=row.line.vocation.name if row.line.vocation else "",
            instructor_need=InstructorNeedOut.from_orm(row.need) if row.need else None,
        )
        for row in selectors.instructor_gap_for(actor=request.user)
    ]


class SourcingIn(Schema):
    status: InstructorNeed.Sourcing
    candidate_id: int | None = None
    note: str = Field("", max_length=2000)


@router.post(
    "/instructor-needs/{int:instructor_need_id}/status",
    response={200: InstructorNeedOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Move the instructor search along (searching → candidate found → contracted)",
    openapi_extra=body_doc(SourcingIn),
)
def set_sourcing(request: HttpRequest, instructor_need_id: int) -> InstructorNeed:
    need = selectors.instructor_need_get_for(
        actor=request.user, instructor_need_id=instructor_need_id
    )
    payload = json_body(request, SourcingIn, empty=b"{}")
    candidate = None
    if payload.candidate_id is not None:
        candidate = (
            selectors.instructor_options_for(actor=request.user)
            .filter(pk=payload.candidate_id)
            .first()
        )
        if candidate is None:
            raise NotFound(_("Instruktur tidak ditemukan."))
    return services.instructor_need_set_status(
        actor=request.user,
        need=need,
        status=payload.status.value,
        candidate=candidate,
        note=payload.note,
    )

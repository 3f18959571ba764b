"""API routes of internship programs, mounted beside the employers routes at
/api/employers/ (their paths did not change when they moved here), scoped like the pages."""

from datetime import date, datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.employers import selectors as employer_selectors
from jejaring.internships import selectors, services
from jejaring.internships.models import InternshipProgram

router = Router(tags=["employers"])


class InternshipProgramOut(Schema):
    id: int
    company_id: int
    title: str
    description: str
    facilities: str
    supervisors: str
    plan: str
    duration_months: int
    theory_pct: int
    has_draft_agreement: bool
    status: str
    submitted_at: datetime | None
    decision_due_on: date | None
    overdue: bool
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_has_draft_agreement(obj: InternshipProgram) -> bool:
        return bool(obj.draft_agreement)

    @staticmethod
    def resolve_overdue(obj: InternshipProgram) -> bool:
        return bool(getattr(obj, "overdue", False))


class InternshipProgramIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., max_length=10000)
    facilities: str = Field(..., max_length=5000)
    supervisors: str = Field(..., max_length=5000)
    plan: str = Field(..., max_length=10000)
    duration_months: int = Field(..., ge=1, le=60)
    theory_pct: int = Field(..., ge=0, le=100)


class DecisionIn(Schema):
    decision: str = Field(..., pattern="^(approve|return|reject)$")
    note: str = Field("", max_length=5000)


def _program(request: HttpRequest, internship_program_id: int) -> InternshipProgram:
    return selectors.internship_program_get_for(
        actor=request.user, internship_program_id=internship_program_id
    )


@router.get(
    "/internship-programs",
    response=list[InternshipProgramOut],
    summary="Internship programs, waiting ones first, overdue flagged",
)
@paginate(Pages, page_size=50)
def list_internship_programs(
    request: HttpRequest, status: InternshipProgram.Status | None = None
) -> QuerySet[InternshipProgram]:
    return selectors.internship_program_list_for(
        actor=request.user, status=status.value if status else ""
    )


@router.get(
    "/internship-programs/{int:internship_program_id}",
    response={200: InternshipProgramOut, 404: ErrorOut},
    summary="One internship program",
)
def get_internship_program(request: HttpRequest, internship_program_id: int) -> InternshipProgram:
    return _program(request, internship_program_id)


@router.post(
    "/companies/{int:company_id}/internship-programs",
    response={
        201: InternshipProgramOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Draft an internship program (the draft agreement is uploaded on the page)",
    openapi_extra=body_doc(InternshipProgramIn),
)
def create_internship_program(request: HttpRequest, company_id: int) -> Status:
    company = employer_selectors.company_get_for(actor=request.user, company_id=company_id)
    payload = json_body(request, InternshipProgramIn)
    program = services.internship_program_create(
        actor=request.user,
        company=company,
        data=services.InternshipProgramData(**payload.dict()),
    )
    return Status(201, _program(request, program.pk))


@router.post(
    "/internship-programs/{int:internship_program_id}/submit",
    response={
        200: InternshipProgramOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Submit a program to the office (decision due in 3 working days)",
)
def submit_internship_program(
    request: HttpRequest, internship_program_id: int
) -> InternshipProgram:
    program = _program(request, internship_program_id)
    services.internship_program_submit(actor=request.user, program=program)
    return _program(request, internship_program_id)


@router.post(
    "/internship-programs/{int:internship_program_id}/decision",
    response={
        200: InternshipProgramOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="The office approves, returns or rejects a submitted program",
    openapi_extra=body_doc(DecisionIn),
)
def decide_internship_program(
    request: HttpRequest, internship_program_id: int
) -> InternshipProgram:
    program = _program(request, internship_program_id)
    payload = json_body(request, DecisionIn)
    services.internship_program_decide(
        actor=request.user, program=program, decision=payload.decision, note=payload.note
    )
    return _program(request, internship_program_id)

"""API routes of the employers app (mounted at /api/employers/): companies, cooperation
agreements, formations (and the public list of open ones), internship programs and
internship agreements, scoped like the pages. Write routes look the record up before
reading the body, so another region's id is a 404 whatever was sent."""

from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel

from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.params import DbId, Slug, Text
from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.employers import internship_agreements, selectors, services
from jejaring.employers.models import Agreement, Company, Formation
from jejaring.internships.models import InternshipProgram
from jejaring.placement.models import InternshipAgreement
from jejaring.regions.selectors import sole_office_region_for

router = Router(tags=["employers"])

B = TypeVar("B", bound=BaseModel)


# --- companies -----------------------------------------------------------------------


class CompanyOut(Schema):
    id: int
    name: str
    legal_name: str
    sector: str
    kbli_code: str
    workforce_size: int
    address: str
    phone: str
    email: str
    website: str
    is_partner: bool
    accepts_all_vocations: bool
    status: str


class CompanyIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    legal_name: str = Field("", max_length=200)
    sector: str = Field("", max_length=120)
    kbli_code: str = Field("", max_length=8)
    workforce_size: int = Field(0, ge=0, le=10_000_000)
    address: str = Field("", max_length=1000)
    phone: str = Field("", max_length=16)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)
    is_partner: bool = False
    accepts_all_vocations: bool = False
    status: Company.Status = Company.Status.ACTIVE


class CompanyPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    legal_name: str | None = Field(None, max_length=200)
    sector: str | None = Field(None, max_length=120)
    kbli_code: str | None = Field(None, max_length=8)
    workforce_size: int | None = Field(None, ge=0, le=10_000_000)
    address: str | None = Field(None, max_length=1000)
    phone: str | None = Field(None, max_length=16)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    is_partner: bool | None = None
    accepts_all_vocations: bool | None = None
    status: Company.Status | None = None


@router.get("/companies", response=list[CompanyOut], summary="Companies the caller may see")
@paginate(Pages, page_size=50)
def list_companies(request: HttpRequest, q: Text = "") -> QuerySet[Company]:
    return selectors.company_list_for(actor=request.user, query=q[:100])


@router.post(
    "/companies",
    response={201: CompanyOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Register a company (office staff of one region)",
)
def create_company(request: HttpRequest, payload: CompanyIn) -> Status:
    region = sole_office_region_for(actor=request.user)
    if region is None:
        raise NotFound(_("Wilayah tidak ditemukan."))
    values = payload.dict()
    values["status"] = payload.status.value
    company = services.company_create(actor=request.user, region=region, **values)
    return Status(201, company)


@router.get(
    "/companies/{int:company_id}",
    response={200: CompanyOut, 404: ErrorOut},
    summary="One company",
)
def get_company(request: HttpRequest, company_id: int) -> Company:
    return selectors.company_get_for(actor=request.user, company_id=company_id)


@router.patch(
    "/companies/{int:company_id}",
    response={200: CompanyOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change a company (company HR: contact details and workforce size only)",
    openapi_extra=body_doc(CompanyPatch),
)
def update_company(request: HttpRequest, company_id: int) -> Company:
    company = selectors.company_get_for(actor=request.user, company_id=company_id)
    payload = json_body(request, CompanyPatch)
    values = {key: value for key, value in payload.dict().items() if value is not None}
    if "status" in values:
        values["status"] = str(values["status"].value)
    return services.company_update(actor=request.user, company=company, **values)


# --- agreements ----------------------------------------------------------------------


class AgreementOut(Schema):
    id: int
    company_id: int
    kind: str
    number: str
    title: str
    signed_on: date | None
    valid_from: date
    valid_until: date
    status: str
    expiry: str
    has_document: bool

    @staticmethod
    def resolve_has_document(obj: Agreement) -> bool:
        return bool(obj.document)


@router.get(
    "/agreements", response=list[AgreementOut], summary="Cooperation agreements with expiry"
)
@paginate(Pages, page_size=50)
def list_agreements(request: HttpRequest, expiry: str = "") -> QuerySet[Agreement]:
    if expiry and expiry not in selectors.Expiry.LABELS:
        raise ValidationError(_("Masa berlaku tidak dikenal."), code="invalid_expiry")
    return selectors.agreement_list_for(actor=request.user, expiry=expiry)


@router.get(
    "/agreements/{int:agreement_id}",
    response={200: AgreementOut, 404: ErrorOut},
    summary="One cooperation agreement",
)
def get_agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    return selectors.agreement_get_for(actor=request.user, agreement_id=agreement_id)


# --- formations ----------------------------------------------------------------------


class FormationOut(Schema):
    id: int
    company_id: int
    company_name: str
    kind: str
    title: str
    kbji_code: str
    description: str
    accepts_all_vocations: bool
    vocation_ids: list[int]
    quota: int
    location: str
    period_start: date | None
    period_end: date | None
    monthly_pay: int
    min_result: str
    min_score: Decimal | None
    min_age: int | None
    max_age: int | None
    min_education: str
    requirements: str
    closes_on: date | None
    internship_program_id: int | None
    status: str

    @staticmethod
    def resolve_company_name(obj: Formation) -> str:
        return obj.company.name

    @staticmethod
    def resolve_vocation_ids(obj: Formation) -> list[int]:
        return sorted(vocation.pk for vocation in obj.vocations.all())


class PublicFormationOut(Schema):
    id: int
    region_slug: str
    company_name: str
    kind: str
    title: str
    description: str
    accepts_all_vocations: bool
    vocations: list[str]
    quota: int
    location: str
    period_start: date | None
    period_end: date | None
    monthly_pay: int
    min_result: str
    min_age: int | None
    max_age: int | None
    min_education: str
    requirements: str
    closes_on: date | None

    @staticmethod
    def resolve_region_slug(obj: Formation) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_company_name(obj: Formation) -> str:
        return obj.company.name

    @staticmethod
    def resolve_vocations(obj: Formation) -> list[str]:
        return sorted(vocation.name for vocation in obj.vocations.all())


class FormationIn(Schema):
    kind: Formation.Kind
    title: str = Field(..., min_length=1, max_length=200)
    quota: int = Field(..., ge=1, le=100_000)
    description: str = Field("", max_length=5000)
    kbji_code: str = Field("", pattern=r"^(\d{4}(\.\d{2})?)?$")
    accepts_all_vocations: bool = False
    vocation_ids: list[DbId] = Field(default_factory=list, max_length=200)
    location: str = Field("", max_length=200)
    period_start: date | None = None
    period_end: date | None = None
    monthly_pay: int = Field(0, ge=0, le=1_000_000_000)
    min_result: Formation.MinimumResult = Formation.MinimumResult.NONE
    min_score: Decimal | None = Field(None, ge=0, le=100, decimal_places=2)
    min_age: int | None = Field(None, ge=14, le=70)
    max_age: int | None = Field(None, ge=14, le=70)
    min_education: str = Field("", max_length=8)
    requirements: str = Field("", max_length=5000)
    closes_on: date | None = None
    internship_program_id: int | None = None

    def data(self) -> services.FormationData:
        values = self.dict()
        values["kind"] = self.kind.value
        values["min_result"] = self.min_result.value
        return services.FormationData(**values)


class FormationFilter(Schema):
    status: Formation.Status | None = None
    kind: Formation.Kind | None = None
    company_id: DbId | None = None


@router.get("/formations", response=list[FormationOut], summary="Formations the caller may see")
@paginate(Pages, page_size=50)
def list_formations(request: HttpRequest, filters: Query[FormationFilter]) -> QuerySet[Formation]:
    return selectors.formation_list_for(
        actor=request.user,
        status=filters.status.value if filters.status else "",
        kind=filters.kind.value if filters.kind else "",
        company_id=filters.company_id,
    )


@router.get(
    "/formations/{int:formation_id}",
    response={200: FormationOut, 404: ErrorOut},
    summary="One formation",
)
def get_formation(request: HttpRequest, formation_id: int) -> Formation:
    return selectors.formation_get_for(actor=request.user, formation_id=formation_id)


@router.post(
    "/companies/{int:company_id}/formations",
    response={201: FormationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Draft a formation for a company",
    openapi_extra=body_doc(FormationIn),
)
def create_formation(request: HttpRequest, company_id: int) -> Status:
    company = selectors.company_get_for(actor=request.user, company_id=company_id)
    payload = json_body(request, FormationIn)
    formation = services.formation_create(actor=request.user, company=company, data=payload.data())
    return Status(201, formation)


@router.put(
    "/formations/{int:formation_id}",
    response={200: FormationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change a draft or open formation",
    openapi_extra=body_doc(FormationIn),
)
def update_formation(request: HttpRequest, formation_id: int) -> Formation:
    formation = selectors.formation_get_for(actor=request.user, formation_id=formation_id)
    payload = json_body(request, FormationIn)
    return services.formation_update(actor=request.user, formation=formation, data=payload.data())


@router.post(
    "/formations/{int:formation_id}/publish",
    response={200: FormationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Open a draft formation for applications",
)
def publish_formation(request: HttpRequest, formation_id: int) -> Formation:
    formation = selectors.formation_get_for(actor=request.user, formation_id=formation_id)
    return services.formation_publish(actor=request.user, formation=formation)


@router.post(
    "/formations/{int:formation_id}/close",
    response={200: FormationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Close an open formation (a draft is cancelled)",
)
def close_formation(request: HttpRequest, formation_id: int) -> Formation:
    formation = selectors.formation_get_for(actor=request.user, formation_id=formation_id)
    return services.formation_close(actor=request.user, formation=formation)


class PublicFilter(Schema):
    formation_region: Slug | None = None
    kind: Formation.Kind | None = None


@router.get(
    "/public/formations",
    auth=None,
    response={200: list[PublicFormationOut], 404: ErrorOut},
    summary="Open formations (public), of one region by its slug or of all",
)
@paginate(Pages, page_size=50)
def public_formations(request: HttpRequest, filters: Query[PublicFilter]) -> QuerySet[Formation]:
    region = (
        selectors.public_region_get(slug=filters.formation_region)
        if filters.formation_region
        else None
    )
    return selectors.public_formation_list(
        region=region, kind=filters.kind.value if filters.kind else ""
    )


@router.get(
    "/public/formations/{int:public_formation_id}",
    auth=None,
    response={200: PublicFormationOut, 404: ErrorOut},
    summary="One open formation (public)",
)
def public_formation(request: HttpRequest, public_formation_id: int) -> Formation:
    return selectors.public_formation_get(public_formation_id=public_formation_id)


# --- internship programs -------------------------------------------------------------


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
    company = selectors.company_get_for(actor=request.user, company_id=company_id)
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


# --- internship agreements -----------------------------------------------------------


class InternshipAgreementOut(Schema):
    id: int
    referral_id: int
    number: str
    person_name: str
    company_name: str
    starts_on: date
    ends_on: date
    stipend_transport: int
    stipend_meals: int
    stipend_incentive: int
    rights_and_duties: str
    status: str
    signed_at: datetime | None
    ratified_at: datetime | None

    @staticmethod
    def resolve_person_name(obj: InternshipAgreement) -> str:
        return obj.referral.person.full_name

    @staticmethod
    def resolve_company_name(obj: InternshipAgreement) -> str:
        return obj.referral.company.name


@router.get(
    "/internship-agreements",
    response=list[InternshipAgreementOut],
    summary="Internship agreements the caller may see",
)
@paginate(Pages, page_size=50)
def list_internship_agreements(
    request: HttpRequest, status: InternshipAgreement.Status | None = None
) -> QuerySet[InternshipAgreement]:
    return selectors.internship_agreement_list_for(
        actor=request.user, status=status.value if status else ""
    )


@router.get(
    "/internship-agreements/{int:internship_agreement_id}",
    response={200: InternshipAgreementOut, 404: ErrorOut},
    summary="One internship agreement",
)
def get_internship_agreement(
    request: HttpRequest, internship_agreement_id: int
) -> InternshipAgreement:
    return selectors.internship_agreement_get_for(
        actor=request.user, internship_agreement_id=internship_agreement_id
    )


@router.post(
    "/internship-agreements/{int:internship_agreement_id}/ratify",
    response={
        200: InternshipAgreementOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="The office ratifies a signed agreement (the internship may then start)",
)
def ratify_internship_agreement(
    request: HttpRequest, internship_agreement_id: int
) -> InternshipAgreement:
    agreement = selectors.internship_agreement_get_for(
        actor=request.user, internship_agreement_id=internship_agreement_id
    )
    internship_agreements.internship_agreement_ratify(actor=request.user, agreement=agreement)
    return selectors.internship_agreement_get_for(
        actor=request.user, internship_agreement_id=internship_agreement_id
    )

"""API routes of formations and internship agreements, mounted beside the employers
routes at /api/employers/ (their paths did not change when they moved here): formations
and agreements need the referrals that placement keeps."""

from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.core.params import DbId
from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.employers import selectors as employer_selectors
from jejaring.employers.api import FormationTermsOut
from jejaring.employers.models import Formation
from jejaring.internships.formation_links import program_id_of
from jejaring.placement import formation_selectors as selectors
from jejaring.placement import formations, internship_agreements
from jejaring.placement.models import InternshipAgreement

router = Router(tags=["employers"])


class FormationOut(FormationTermsOut):
    company_id: int
    kbji_code: str
    vocation_ids: list[int]
    min_score: Decimal | None
    internship_program_id: int | None
    status: str

    @staticmethod
    def resolve_vocation_ids(obj: Formation) -> list[int]:
        return sorted(vocation.pk for vocation in obj.vocations.all())

    @staticmethod
    def resolve_internship_program_id(obj: Formation) -> int | None:
        return program_id_of(obj)


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

    def data(self) -> formations.FormationData:
        values = self.dict()
        values["kind"] = self.kind.value
        values["min_result"] = self.min_result.value
        return formations.FormationData(**values)


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
    company = employer_selectors.company_get_for(actor=request.user, company_id=company_id)
    payload = json_body(request, FormationIn)
    formation = formations.formation_create(
        actor=request.user, company=company, data=payload.data()
    )
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
    return formations.formation_update(actor=request.user, formation=formation, data=payload.data())


@router.post(
    "/formations/{int:formation_id}/publish",
    response={200: FormationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Open a draft formation for applications",
)
def publish_formation(request: HttpRequest, formation_id: int) -> Formation:
    formation = selectors.formation_get_for(actor=request.user, formation_id=formation_id)
    return formations.formation_publish(actor=request.user, formation=formation)


@router.post(
    "/formations/{int:formation_id}/close",
    response={200: FormationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Close an open formation (a draft is cancelled)",
)
def close_formation(request: HttpRequest, formation_id: int) -> Formation:
    formation = selectors.formation_get_for(actor=request.user, formation_id=formation_id)
    return formations.formation_close(actor=request.user, formation=formation)


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

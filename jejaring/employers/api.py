"""API routes of the employers app (mounted at /api/employers/): companies, cooperation
agreements and the public list of open formations, scoped like the pages (internships
and placement mount their routes under the same prefix). Write routes look the record
up before reading the body, so another region's id is a 404 whatever was sent."""

from datetime import date
from typing import TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel

from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.params import Slug, Text
from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.employers import selectors, services
from jejaring.employers.models import Agreement, Company, Formation
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


class FormationTermsOut(Schema):
    """What a formation offers and asks, the same on the public list and for the company
    and the office (placement's formation API)."""

    id: int
    company_name: str
    kind: str
    title: str
    description: str
    accepts_all_vocations: bool
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
    def resolve_company_name(obj: Formation) -> str:
        return obj.company.name


class PublicFormationOut(FormationTermsOut):
    region_slug: str
    vocations: list[str]

    @staticmethod
    def resolve_region_slug(obj: Formation) -> str:
        return obj.region.slug

    @staticmethod
    def resolve_vocations(obj: Formation) -> list[str]:
        return sorted(vocation.name for vocation in obj.vocations.all())


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

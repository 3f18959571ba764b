"""BPJS Ketenagakerjaan over the API (mounted at /api/social-security/), scoped like the
pages: office staff their region's cover, company HR their interns', a person their own.
Write routes on a record look it up before reading the body, so another region's id is
a 404 whatever was sent. NIKs are masked here; full NIKs only in the audited export."""

from datetime import date, datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import PermissionDenied, ValidationError
from jejaring.core.pagination import SeekPages
from jejaring.core.params import Text
from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.social_security import selectors, services
from jejaring.social_security.models import Coverage, Incident
from jejaring.trainees.nik import mask_nik

router = Router(tags=["social-security"])

ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _staff(request: HttpRequest) -> None:
    if not scope_of(request.user).is_office:
        raise PermissionDenied(_("Hanya staf dinas."))


# --- cover ---------------------------------------------------------------------------


class CoverageOut(Schema):
    id: int
    person_id: int
    full_name: str
    nik_masked: str
    kind: str
    batch_id: int | None
    referral_id: int | None
    payer: str
    payer_company_id: int | None
    kpj_number: str
    declared_income: int
    cover_start: date
    cover_end: date
    status: str

    @staticmethod
    def resolve_full_name(obj: Coverage) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_nik_masked(obj: Coverage) -> str:
        return mask_nik(obj.person.nik)

    @staticmethod
    def resolve_batch_id(obj: Coverage) -> int | None:
        return obj.enrolment.batch_id if obj.enrolment else None


Id = Annotated[int, Field(ge=1, le=2**62)]


class CoverageFilter(Schema):
    status: Coverage.Status | None = None
    kind: Coverage.Kind | None = None
    batch_id: Id | None = None


@router.get("/coverages", response=list[CoverageOut], summary="Cover the caller may see")
@paginate(SeekPages, ordering=selectors.COVERAGE_PAGE_ORDER, page_size=100)
def list_coverages(request: HttpRequest, filters: Query[CoverageFilter]) -> QuerySet[Coverage]:
    return selectors.coverage_list_for(
        actor=request.user,
        status=filters.status or "",
        kind=filters.kind or "",
        batch_id=filters.batch_id,
    )


@router.get("/my-coverages", response=list[CoverageOut], summary="The caller's own cover")
def my_coverages(request: HttpRequest) -> QuerySet[Coverage]:
    return selectors.my_coverages(actor=request.user)


@router.get(
    "/coverages/{int:coverage_id}",
    response={200: CoverageOut, 404: ErrorOut},
    summary="One person's cover",
)
def get_coverage(request: HttpRequest, coverage_id: int) -> Coverage:
    return selectors.coverage_get_for(actor=request.user, coverage_id=coverage_id)


class StatusIn(Schema):
    coverage_ids: list[Id] = Field(..., min_length=1, max_length=5000)
    status: Coverage.Status
    kpj_number: str = Field("", max_length=20)


class CountOut(Schema):
    count: int


@router.post(
    "/coverages/status",
    response={200: CountOut, **ERRORS},
    summary="Move several covers to a status at once (all or nothing)",
)
def change_status(request: HttpRequest, payload: StatusIn) -> CountOut:
    count = services.coverage_change_status(
        actor=request.user,
        coverage_ids=payload.coverage_ids,
        status=payload.status,
        kpj_number=payload.kpj_number,
    )
    return CountOut(count=count)


class ActivateIn(Schema):
    kpj_number: str = Field(..., max_length=20)


@router.post(
    "/coverages/{int:coverage_id}/activate",
    response={200: CoverageOut, **ERRORS},
    summary="Make registered cover active with its KPJ card number",
    openapi_extra=body_doc(ActivateIn),
)
def activate(request: HttpRequest, coverage_id: int) -> Coverage:
    coverage = selectors.coverage_get_for(actor=request.user, coverage_id=coverage_id)
    payload = json_body(request, ActivateIn)
    services.coverage_change_status(
        actor=request.user,
        coverage_ids=[coverage.pk],
        status=Coverage.Status.ACTIVE,
        kpj_number=payload.kpj_number,
    )
    return selectors.coverage_get_for(actor=request.user, coverage_id=coverage_id)


@router.post(
    "/batches/{int:batch_id}/list",
    response={200: CountOut, **ERRORS},
    summary="(Re)build the enrolment list of a batch; returns how many were added",
)
def build_batch_list(request: HttpRequest, batch_id: int) -> CountOut:
    from jejaring.training.selectors import batch_get_for

    batch = batch_get_for(actor=request.user, batch_id=batch_id)
    return CountOut(count=services.coverage_list_build_for_batch(actor=request.user, batch=batch))


@router.post(
    "/internships/list",
    response={200: CountOut, **ERRORS},
    summary="Put started or about-to-start interns on the list; returns how many were added",
)
def build_internship_list(request: HttpRequest) -> CountOut:
    return CountOut(count=services.coverage_list_build_internships(actor=request.user))


class InsurerRowIn(Schema):
    nik: Text = Field(..., max_length=32)
    kpj: Text = Field(..., max_length=32)


class InsurerReturnIn(Schema):
    rows: list[InsurerRowIn] = Field(..., min_length=1, max_length=100_000)


class ActivatedOut(Schema):
    activated: int


@router.post(
    "/insurer-return",
    response={200: ActivatedOut, **ERRORS},
    summary="Apply the insurer's KPJ numbers by NIK (all or nothing; every bad row listed)",
)
def insurer_return(request: HttpRequest, payload: InsurerReturnIn) -> ActivatedOut:
    rows = [(i, row.nik.strip(), row.kpj.strip()) for i, row in enumerate(payload.rows, start=1)]
    return ActivatedOut(
        activated=services.coverage_apply_insurer_return(actor=request.user, rows=rows)
    )


# --- warnings and premiums -----------------------------------------------------------


class WarningOut(Schema):
    kind: str
    label: str
    starts_on: date
    uncovered: list[str]
    batch_id: int | None
    coverage_id: int | None


class WarningQuery(Schema):
    days: int | None = Field(None, ge=0, le=365)


@router.get(
    "/warnings",
    response={200: list[WarningOut], 403: ErrorOut, 422: ErrorOut},
    summary="Batches and internships starting soon whose participants lack active cover",
)
def warnings(request: HttpRequest, query: Query[WarningQuery]) -> list[WarningOut]:
    _staff(request)
    found = selectors.warnings_for(actor=request.user, today=timezone.localdate(), days=query.days)
    return [
        WarningOut(
            kind=w.kind,
            label=w.label,
            starts_on=w.starts_on,
            uncovered=w.uncovered,
            batch_id=w.batch_id,
            coverage_id=w.coverage_id,
        )
        for w in found
    ]


class PremiumQuery(Schema):
    month: str = Field(..., pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2026-03"])
    payer: Coverage.Payer = Coverage.Payer.OFFICE
    company_id: Id | None = None


class PremiumLineOut(Schema):
    coverage_id: int
    full_name: str
    kpj_number: str
    days_covered: int
    days_in_month: int
    jkk: int
    jkm: int
    total: int


class PremiumReportOut(Schema):
    month: date
    rate_valid_from: date | None
    lines: list[PremiumLineOut]
    jkk: int
    jkm: int
    total: int


@router.get(
    "/premium-report",
    response={200: PremiumReportOut, 403: ErrorOut, 422: ErrorOut},
    summary="A month's premiums per person for one payer; totals are sums of the lines",
)
def premium_report(request: HttpRequest, query: Query[PremiumQuery]) -> PremiumReportOut:
    _staff(request)
    year, month = (int(part) for part in query.month.split("-"))
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Bulan tidak valid."), code="invalid_month")
    report = selectors.premium_report_for(
        actor=request.user,
        month=date(year, month, 1),
        payer=query.payer,
        company_id=query.company_id,
    )
    return PremiumReportOut(
        month=report.month,
        rate_valid_from=report.rate.valid_from if report.rate else None,
        lines=[
            PremiumLineOut(
                coverage_id=line.coverage.pk,
                full_name=line.coverage.person.full_name,
                kpj_number=line.coverage.kpj_number,
                days_covered=line.premium.days_covered,
                days_in_month=line.premium.days_in_month,
                jkk=line.premium.jkk,
                jkm=line.premium.jkm,
                total=line.premium.total,
            )
            for line in report.lines
        ],
        jkk=report.jkk,
        jkm=report.jkm,
        total=report.total,
    )


# --- incidents -----------------------------------------------------------------------


class IncidentOut(Schema):
    id: int
    coverage_id: int
    full_name: str
    kind: str
    occurred_at: datetime
    place: str
    description: str
    injury: str
    claim_status: str
    claim_number: str

    @staticmethod
    def resolve_full_name(obj: Incident) -> str:
        return obj.coverage.person.full_name


@router.get("/incidents", response=list[IncidentOut], summary="Incidents the caller may see")
@paginate(Pages, page_size=100)
def list_incidents(request: HttpRequest) -> QuerySet[Incident]:
    return selectors.incident_list_for(actor=request.user)


@router.get(
    "/incidents/{int:incident_id}",
    response={200: IncidentOut, 404: ErrorOut},
    summary="One incident and its claim",
)
def get_incident(request: HttpRequest, incident_id: int) -> Incident:
    return selectors.incident_get_for(actor=request.user, incident_id=incident_id)


class IncidentIn(Schema):
    coverage_id: Id
    kind: Incident.Kind
    occurred_at: datetime
    place: str = Field(..., min_length=1, max_length=200)
    description: str = Field(..., min_length=1, max_length=5000)
    injury: str = Field("", max_length=2000)


@router.post(
    "/incidents",
    response={201: IncidentOut, **ERRORS},
    summary="Record a work accident during covered training or internship",
)
def record_incident(request: HttpRequest, payload: IncidentIn) -> Status:
    coverage = selectors.coverage_get_for(actor=request.user, coverage_id=payload.coverage_id)
    incident = services.incident_record(
        actor=request.user,
        coverage=coverage,
        kind=payload.kind,
        occurred_at=payload.occurred_at,
        place=payload.place,
        description=payload.description,
        injury=payload.injury,
        base_url=request.build_absolute_uri("/"),
    )
    return Status(201, selectors.incident_get_for(actor=request.user, incident_id=incident.pk))


class ClaimIn(Schema):
    claim_status: Incident.ClaimStatus
    claim_number: str = Field("", max_length=40)


@router.post(
    "/incidents/{int:incident_id}/claim",
    response={200: IncidentOut, **ERRORS},
    summary="Follow the claim: reported → submitted → in process → paid or rejected",
    openapi_extra=body_doc(ClaimIn),
)
def update_claim(request: HttpRequest, incident_id: int) -> Incident:
    incident = selectors.incident_get_for(actor=request.user, incident_id=incident_id)
    payload = json_body(request, ClaimIn)
    services.incident_claim_update(
        actor=request.user,
        incident=incident,
        claim_status=payload.claim_status,
        claim_number=payload.claim_number,
        base_url=request.build_absolute_uri("/"),
    )
    return selectors.incident_get_for(actor=request.user, incident_id=incident_id)

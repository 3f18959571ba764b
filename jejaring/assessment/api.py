"""API routes of the assessment app (mounted at /api/assessment/), scoped like the pages:
assessors see their assigned sessions, operators their institution's, trainees their
own results and certificates. The verification route is public."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from jejaring.assessment import selectors, services
from jejaring.assessment.certificates import certificate_pdf
from jejaring.assessment.models import AssessmentSession, Candidate, TrainingCertificate
from jejaring.core.clientip import client_address
from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.params import DbId
from jejaring.core.pdf import pdf_response
from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body

router = Router(tags=["assessment"])

S = TypeVar("S", bound=Schema)


class SessionOut(Schema):
    id: int
    date: date
    status: str
    scheme_code: str = Field(alias="scheme.code")
    scheme_name: str = Field(alias="scheme.name")
    lsp: str = Field(alias="lsp.name")
    test_site: str = Field(alias="test_site.name")


class CandidateOut(Schema):
    id: int
    session_id: int
    person_name: str = Field(alias="person.full_name")
    status: str
    result: str
    score: Decimal | None
    assessed_on: date | None
    retake_of_id: int | None


class UnitRowOut(Schema):
    unit_id: int
    code: str
    title: str
    claim: str
    result: str
    evidence_note: str
    carried: bool


class CandidateDetailOut(Schema):
    candidate: CandidateOut
    units: list[UnitRowOut]


class UnitResultIn(Schema):
    unit_id: int
    result: str = Field(pattern="^(K|BK)$")
    evidence_note: str = Field("", max_length=2000)


class ResultsIn(Schema):
    results: list[UnitResultIn] = Field(..., min_length=1, max_length=200)


class SessionIn(Schema):
    scheme_id: int
    lsp_id: int
    test_site_id: int
    date: date
    assessor_ids: list[DbId] = Field(..., min_length=1, max_length=20)
    batch_id: int | None = None
    enrolment_ids: list[DbId] = Field(default_factory=list, max_length=500)


class IssueIn(Schema):
    batch_id: int


class CompetencyIn(Schema):
    registration_number: str = Field(..., min_length=1, max_length=80)
    issued_on: date
    valid_until: date | None = None


class CertificateOut(Schema):
    id: int
    number: str
    status: str
    issued_on: date
    revoked_at: datetime | None
    person_name: str = Field(alias="enrolment.person.full_name")
    program: str = Field(alias="enrolment.batch.program.name")
    institution: str = Field(alias="institution.name")


class RevokeIn(Schema):
    reason: str = Field(..., min_length=1, max_length=1000)


class CompetencyOut(Schema):
    id: int
    registration_number: str
    person_name: str = Field(alias="person.full_name")
    scheme: str = Field(alias="scheme.name")
    lsp: str = Field(alias="lsp.name")
    issued_on: date
    valid_until: date


class PublicCompetencyOut(Schema):
    registration_number: str
    lsp: str
    scheme: str
    issued_on: date
    valid_until: date
    expired: bool


class VerificationOut(Schema):
    number: str
    valid: bool
    revoked_at: datetime | None
    masked_name: str
    program: str
    institution: str
    batch_start: date
    batch_end: date
    issued_on: date
    competencies: list[PublicCompetencyOut]


@router.get("/sessions", response=list[SessionOut], summary="Sessions the caller may see")
@paginate(Pages, page_size=50)
def list_sessions(request: HttpRequest) -> QuerySet[AssessmentSession]:
    return selectors.session_list_for(actor=request.user)


@router.post(
    "/sessions",
    response={201: SessionOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Plan a session for a finished batch's graduates or hand-picked graduates",
)
def create_session(request: HttpRequest, body: SessionIn) -> Status:
    if body.batch_id is None and not body.enrolment_ids:
        raise ValidationError(_("Pilih paket atau sedikitnya satu lulusan."), code="no_candidates")
    inputs = selectors.session_inputs_for(
        actor=request.user,
        scheme_id=body.scheme_id,
        lsp_id=body.lsp_id,
        test_site_id=body.test_site_id,
        assessor_ids=body.assessor_ids,
        batch_id=body.batch_id,
        enrolment_ids=body.enrolment_ids,
    )
    session = services.session_create(actor=request.user, day=body.date, **inputs)
    return Status(201, session)


@router.get(
    "/sessions/{int:assessment_session_id}/candidates",
    response={200: list[CandidateOut], 404: ErrorOut},
    summary="A session's candidates",
)
def session_candidates(request: HttpRequest, assessment_session_id: int) -> list[Candidate]:
    session = selectors.session_get_for(actor=request.user, session_id=assessment_session_id)
    return list(selectors.candidate_list_for_session(actor=request.user, session=session))


@router.get(
    "/candidates/{int:candidate_id}",
    response={200: CandidateDetailOut, 404: ErrorOut},
    summary="A candidate with the claim and result per unit",
)
def candidate_detail(request: HttpRequest, candidate_id: int) -> dict:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    return {"candidate": candidate, "units": selectors.candidate_unit_rows(candidate=candidate)}


@router.post(
    "/candidates/{int:candidate_id}/results",
    response={200: CandidateOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record K/BK per unit (assigned assessor only)",
    openapi_extra=body_doc(ResultsIn),
)
def record_results(request: HttpRequest, candidate_id: int) -> Candidate:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    body = json_body(request, ResultsIn)
    results = {row.unit_id: (row.result, row.evidence_note) for row in body.results}
    if len(results) != len(body.results):
        raise ValidationError(_("Unit yang sama tercantum dua kali."), code="duplicate_unit")
    return services.unit_results_record(actor=request.user, candidate=candidate, results=results)


@router.post(
    "/candidates/{int:candidate_id}/competency-certificate",
    response={201: CompetencyOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Record the BNSP competency certificate of a competent candidate",
    openapi_extra=body_doc(CompetencyIn),
)
def record_competency(request: HttpRequest, candidate_id: int) -> Status:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    body = json_body(request, CompetencyIn)
    certificate = services.competency_certificate_record(
        actor=request.user,
        candidate=candidate,
        registration_number=body.registration_number,
        issued_on=body.issued_on,
        valid_until=body.valid_until,
    )
    return Status(201, certificate)


@router.post(
    "/certificates/issue",
    response={201: list[CertificateOut], 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Issue training certificates to a finished batch's graduates",
)
def issue_certificates(request: HttpRequest, body: IssueIn) -> Status:
    batch = selectors.finished_batches_for(actor=request.user).filter(pk=body.batch_id).first()
    if batch is None:
        raise NotFound(_("Paket tidak ditemukan."))
    issued = services.training_certificates_issue(actor=request.user, batch=batch)
    ids = [c.pk for c in issued]
    return Status(
        201, list(selectors.training_certificate_list_for(actor=request.user).filter(pk__in=ids))
    )


@router.get("/certificates", response=list[CertificateOut], summary="Training certificates")
@paginate(Pages, page_size=50)
def list_certificates(request: HttpRequest) -> QuerySet[TrainingCertificate]:
    return selectors.training_certificate_list_for(actor=request.user)


@router.get(
    "/certificates/{int:training_certificate_id}/pdf",
    response={200: None, 404: ErrorOut},
    summary="The certificate as PDF",
)
def certificate_download(request: HttpRequest, training_certificate_id: int) -> HttpResponse:
    certificate = selectors.training_certificate_get_for(
        actor=request.user, certificate_id=training_certificate_id
    )
    pdf = certificate_pdf(certificate, request=request)
    return pdf_response(pdf, "sertifikat-" + certificate.number.replace("/", "-") + ".pdf")


@router.post(
    "/certificates/{int:training_certificate_id}/revoke",
    response={200: CertificateOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Revoke a training certificate, with a reason (audited)",
    openapi_extra=body_doc(RevokeIn),
)
def revoke_certificate(request: HttpRequest, training_certificate_id: int) -> TrainingCertificate:
    certificate = selectors.training_certificate_get_for(
        actor=request.user, certificate_id=training_certificate_id
    )
    body = json_body(request, RevokeIn)
    services.training_certificate_revoke(
        actor=request.user, certificate=certificate, reason=body.reason
    )
    return selectors.training_certificate_get_for(actor=request.user, certificate_id=certificate.pk)


@router.get(
    "/competency-certificates",
    response={200: list[CompetencyOut], 422: ErrorOut},
    summary="BNSP competency certificates the caller may see",
)
@paginate(Pages, page_size=50)
def list_competency(request: HttpRequest, expiring_within: int | None = None) -> QuerySet:
    if expiring_within is not None and not 0 <= expiring_within <= 3650:
        raise ValidationError(_("Rentang hari antara 0 dan 3650."), code="invalid_days")
    return selectors.competency_certificate_list_for(
        actor=request.user, expiring_within=expiring_within
    )


@router.get("/my/results", response=list[CandidateDetailOut], summary="My own results")
def my_results(request: HttpRequest) -> list[dict]:
    candidates = list(selectors.own_candidates_for(actor=request.user))
    rows = selectors.candidates_unit_rows(candidates=candidates)
    return [{"candidate": c, "units": rows[c.pk]} for c in candidates]


@router.get(
    "/verify/{path:verification_code}",
    response={200: VerificationOut, 404: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Public verification of a training certificate (no login)",
)
def verify(request: HttpRequest, verification_code: str) -> selectors.PublicVerification:
    return selectors.verification_lookup(code=verification_code, client=client_address(request))

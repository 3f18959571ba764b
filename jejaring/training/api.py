"""API routes of the training app (mounted at /api/training/), scoped like the pages:
office staff see their region's batches, operators their institution's, trainees their
own enrolments. Batches open for registration are public.

Write routes look the record up first (a 404 for anyone outside its scope) and only
then read the body, so an empty POST to another region's id is a 404 too."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.params import DbId
from jejaring.core.policies import policy_for
from jejaring.core.schemas import ErrorOut, Pages, body_doc, json_body
from jejaring.training import registration, selectors, services
from jejaring.training.models import Batch, BatchSession, Enrolment

router = Router(tags=["training"])

S = TypeVar("S", bound=Schema)


# --- schemas ---------------------------------------------------------------------------


class CriteriaOut(Schema):
    min_age: int | None
    max_age: int | None
    min_education: str
    residents_only: bool


class OpenBatchOut(Schema):
    id: int
    code: str
    name: str
    program: str = Field(alias="program.name")
    vocation: str = Field(alias="program.vocation.name")
    institution: str = Field(alias="institution.name")
    region: str = Field(alias="region.name")
    start_date: date
    end_date: date
    registration_closes_on: date | None
    location: str
    capacity: int
    seats_left: int
    criteria: CriteriaOut

    @staticmethod
    def resolve_seats_left(obj: Batch) -> int:
        return registration.seats_left(obj)

    @staticmethod
    def resolve_criteria(obj: Batch) -> dict[str, Any]:
        return {
            "min_age": obj.min_age,
            "max_age": obj.max_age,
            "min_education": obj.min_education,
            "residents_only": obj.residents_only,
        }


class BatchOut(OpenBatchOut):
    status: str
    status_reason: str
    year: int
    funding_source: str
    institution_id: int
    program_id: int


class EnrolmentOut(Schema):
    """Until the identity is confirmed, the name and education are what was typed; the
    person's record shows through only a confirmed enrolment."""

    id: int
    batch_id: int
    person_name: str
    masked_nik: str
    education: str
    identity: str
    status: str
    status_reason: str
    source: str
    applied_at: datetime
    decided_at: datetime | None
    graduated_on: date | None
    attendance_pct: Decimal | None

    @staticmethod
    def resolve_person_name(obj: Enrolment) -> str:
        return selectors.applicant_of(obj).full_name

    @staticmethod
    def resolve_masked_nik(obj: Enrolment) -> str:
        return obj.person.masked_nik

    @staticmethod
    def resolve_education(obj: Enrolment) -> str:
        return selectors.applicant_of(obj).education


class DecisionIn(Schema):
    enrolment_ids: list[DbId] = Field(..., min_length=1, max_length=500)
    decision: str = Field(..., pattern="^(shortlisted|accepted|waitlisted|rejected)$")
    reason: str = Field("", max_length=1000)


class SessionOut(Schema):
    id: int
    batch_id: int
    date: date
    starts_at: time | None
    ends_at: time | None
    topic: str


class AttendanceEntryIn(Schema):
    enrolment_id: int
    status: str = Field(..., pattern="^(present|late|excused|absent)$")


class AttendanceIn(Schema):
    entries: list[AttendanceEntryIn] = Field(..., min_length=1, max_length=500)


class AttendanceRowOut(Schema):
    enrolment_id: int
    person_name: str
    masked_nik: str
    status: str


class AttendanceResultOut(Schema):
    changed: int
    rows: list[AttendanceRowOut]


class MyAttendanceOut(Schema):
    session_id: int
    date: date
    status: str


class MyEnrolmentOut(Schema):
    id: int
    status: str
    status_reason: str
    applied_at: datetime
    graduated_on: date | None
    batch_id: int
    batch_name: str = Field(alias="batch.name")
    batch_status: str = Field(alias="batch.status")
    program: str = Field(alias="batch.program.name")
    institution: str = Field(alias="institution.name")
    start_date: date = Field(alias="batch.start_date")
    end_date: date = Field(alias="batch.end_date")


class MyEnrolmentDetailOut(Schema):
    enrolment: MyEnrolmentOut
    attendance: list[MyAttendanceOut]


class WithdrawIn(Schema):
    reason: str = Field("", max_length=1000)


# --- helpers ---------------------------------------------------------------------------


def _batches(actor: Any) -> QuerySet[Batch]:
    return (
        Batch.objects.for_actor(actor)
        .select_related("program", "program__vocation", "institution", "region")
        .annotate(seats_taken=selectors.batch_enrolment_count(statuses=list(Enrolment.SEATED)))
        .order_by("-start_date", "code")
    )


def _batch_get(actor: Any, batch_id: int, *, action: str = "view") -> Batch:
    """A batch the actor may see and perform `action` on; NotFound otherwise, so a
    trainee enrolled in a batch cannot tell its staff routes exist."""
    batch = _batches(actor).filter(pk=batch_id).first()
    if batch is None or not policy_for(Batch).can(actor, action, batch):
        raise NotFound(_("Paket tidak ditemukan."), code="batch_not_found")
    return batch


def _session_get(actor: Any, session_id: int) -> BatchSession:
    session = selectors.batch_session_get_for(actor=actor, session_id=session_id)
    if not policy_for(Batch).can(actor, "take_attendance", session.batch):
        raise NotFound(_("Sesi tidak ditemukan."), code="session_not_found")
    return session


def _attendance_rows(session: BatchSession) -> list[dict[str, Any]]:
    return [
        {
            "enrolment_id": e.pk,
            "person_name": e.person.full_name,
            "masked_nik": e.person.masked_nik,
            "status": status,
        }
        for e, status in selectors.session_participants(session=session)
    ]


# --- public ----------------------------------------------------------------------------


@router.get(
    "/open-batches",
    response=list[OpenBatchOut],
    auth=None,
    summary="Batches open for registration (public)",
)
@paginate(Pages, page_size=50)
def list_open_batches(request: HttpRequest) -> QuerySet[Batch]:
    return registration.open_batch_list()


@router.get(
    "/open-batches/{int:open_batch_id}",
    response={200: OpenBatchOut, 404: ErrorOut},
    auth=None,
    summary="One batch open for registration (public)",
)
def open_batch_detail(request: HttpRequest, open_batch_id: int) -> Batch:
    return registration.open_batch_get(batch_id=open_batch_id)


# --- staff -----------------------------------------------------------------------------


@router.get("/batches", response=list[BatchOut], summary="Batches the caller may see")
@paginate(Pages, page_size=50)
def list_batches(
    request: HttpRequest, status: str | None = None, year: int | None = None
) -> QuerySet[Batch]:
    batches = _batches(request.user)
    if status:
        if status not in Batch.Status.values:
            raise ValidationError(_("Status paket tidak dikenal."), code="invalid_status")
        batches = batches.filter(status=status)
    if year is not None:
        batches = batches.filter(year=year)
    return batches


@router.get(
    "/batches/{int:batch_id}",
    response={200: BatchOut, 404: ErrorOut},
    summary="One batch",
)
def batch_detail(request: HttpRequest, batch_id: int) -> Batch:
    return _batch_get(request.user, batch_id)


@router.get(
    "/batches/{int:batch_id}/enrolments",
    response={200: list[EnrolmentOut], 404: ErrorOut, 422: ErrorOut},
    summary="A batch's registrations, NIK masked (office staff and the institution)",
)
def batch_enrolments(
    request: HttpRequest, batch_id: int, status: str | None = None
) -> list[Enrolment]:
    batch = _batch_get(request.user, batch_id, action="select")
    enrolments = (
        Enrolment.objects.for_actor(request.user)
        .filter(batch=batch)
        .select_related("person")
        .order_by("applied_at", "pk")
    )
    if status:
        if status not in Enrolment.Status.values:
            raise ValidationError(_("Status pendaftaran tidak dikenal."), code="invalid_status")
        enrolments = enrolments.filter(status=status)
    return list(enrolments)


@router.post(
    "/batches/{int:batch_id}/decisions",
    response={200: list[EnrolmentOut], 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Shortlist, accept, waitlist or reject (with reason) registrations, all or nothing",
    openapi_extra=body_doc(DecisionIn),
)
def decide(request: HttpRequest, batch_id: int) -> list[Enrolment]:
    batch = _batch_get(request.user, batch_id, action="select")
    body = json_body(request, DecisionIn)
    decided = services.enrolment_decide(
        actor=request.user,
        batch=batch,
        enrolment_ids=body.enrolment_ids,
        decision=body.decision,
        reason=body.reason,
    )
    return list(
        Enrolment.objects.filter(pk__in=[e.pk for e in decided])
        .select_related("person")
        .order_by("pk")
    )


@router.get(
    "/batches/{int:batch_id}/sessions",
    response={200: list[SessionOut], 404: ErrorOut},
    summary="A batch's sessions",
)
def batch_sessions(request: HttpRequest, batch_id: int) -> list[BatchSession]:
    batch = _batch_get(request.user, batch_id, action="take_attendance")
    return list(selectors.batch_sessions(batch=batch))


@router.get(
    "/sessions/{int:batch_session_id}/attendance",
    response={200: list[AttendanceRowOut], 404: ErrorOut},
    summary="A session's participants and their attendance",
)
def session_attendance(request: HttpRequest, batch_session_id: int) -> list[dict[str, Any]]:
    return _attendance_rows(_session_get(request.user, batch_session_id))


@router.post(
    "/sessions/{int:batch_session_id}/attendance",
    response={200: AttendanceResultOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Record a session's attendance for many participants at once",
    openapi_extra=body_doc(AttendanceIn),
)
def record_attendance(request: HttpRequest, batch_session_id: int) -> dict[str, Any]:
    session = _session_get(request.user, batch_session_id)
    body = json_body(request, AttendanceIn)
    statuses = {entry.enrolment_id: entry.status for entry in body.entries}
    if len(statuses) != len(body.entries):
        raise ValidationError(
            _("Peserta yang sama tercantum dua kali."), code="duplicate_participant"
        )
    changed = services.attendance_record(actor=request.user, session=session, statuses=statuses)
    return {"changed": changed, "rows": _attendance_rows(session)}


# --- the trainee's own -----------------------------------------------------------------


@router.get("/my/enrolments", response=list[MyEnrolmentOut], summary="My own registrations")
def my_enrolments(request: HttpRequest) -> list[Enrolment]:
    return list(selectors.own_enrolment_list(actor=request.user))


@router.get(
    "/my/enrolments/{int:enrolment_id}",
    response={200: MyEnrolmentDetailOut, 404: ErrorOut},
    summary="One of my registrations with my attendance per session",
)
def my_enrolment_detail(request: HttpRequest, enrolment_id: int) -> dict[str, Any]:
    enrolment = selectors.own_enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    return {
        "enrolment": enrolment,
        "attendance": [
            {"session_id": session.pk, "date": session.date, "status": mark.status if mark else ""}
            for session, mark in selectors.own_attendance(enrolment=enrolment)
        ],
    }


@router.post(
    "/my/enrolments/{int:enrolment_id}/withdraw",
    response={200: MyEnrolmentOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Withdraw my registration before the batch runs",
    openapi_extra=body_doc(WithdrawIn),
)
def my_withdraw(request: HttpRequest, enrolment_id: int) -> Enrolment:
    enrolment = selectors.own_enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    body = json_body(request, WithdrawIn, empty=b"{}")
    services.enrolment_withdraw(actor=request.user, enrolment=enrolment, reason=body.reason)
    return selectors.own_enrolment_get(actor=request.user, enrolment_id=enrolment.pk)

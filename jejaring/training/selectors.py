"""Reads of training records, scoped through `for_actor`: office staff see their region,
operators their own institution. A record outside the actor's scope is NotFound."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core.dates import age_on
from jejaring.core.errors import NotFound
from jejaring.trainees.models import Education, education_meets
from jejaring.training.models import (
    Attendance,
    Batch,
    BatchSession,
    CompetencyUnit,
    Enrolment,
    EnrolmentDocument,
    Instructor,
    InstructorCredential,
    Program,
    Scheme,
    TrainingInstitution,
    Vocation,
)


def enrolment_list_for_person(*, actor: Any, person: Any) -> QuerySet[Enrolment]:
    """The person's enrolments the actor may see, newest first — an operator sees only
    those at their own institution, even on the page of a person they may open."""
    return (
        Enrolment.objects.for_actor(actor)
        .filter(person=person)
        .select_related("batch", "batch__program", "institution")
        .order_by("-applied_at")
    )


# --- reference data ---------------------------------------------------------------------


def vocation_list() -> QuerySet[Vocation]:
    return Vocation.objects.filter(is_active=True).order_by("name")


def scheme_list() -> QuerySet[Scheme]:
    return Scheme.objects.order_by("name")


def unit_list() -> QuerySet[CompetencyUnit]:
    return CompetencyUnit.objects.order_by("code")


# --- institutions, programs, instructors ------------------------------------------------


def institution_list_for(*, actor: Any) -> QuerySet[TrainingInstitution]:
    return TrainingInstitution.objects.for_actor(actor).order_by("kind", "name")


def institution_get_for(*, actor: Any, institution_id: int) -> TrainingInstitution:
    institution = institution_list_for(actor=actor).filter(pk=institution_id).first()
    if institution is None:
        raise NotFound(_("Lembaga tidak ditemukan."), code="institution_not_found")
    return institution


def program_list_for(
    *, actor: Any, institution_id: int | None = None, active_only: bool = False
) -> QuerySet[Program]:
    programs = (
        Program.objects.for_actor(actor)
        .select_related("institution", "vocation", "scheme")
        .annotate(unit_count=Count("units"))
        .order_by("institution__name", "name")
    )
    if institution_id is not None:
        programs = programs.filter(institution_id=institution_id)
    if active_only:
        programs = programs.filter(status=Program.Status.ACTIVE)
    return programs


def program_get_for(*, actor: Any, program_id: int) -> Program:
    program = (
        Program.objects.for_actor(actor)
        .select_related("institution", "vocation", "scheme")
        .filter(pk=program_id)
        .first()
    )
    if program is None:
        raise NotFound(_("Program tidak ditemukan."), code="program_not_found")
    return program


def instructor_list_for(*, actor: Any, institution_id: int | None = None) -> QuerySet[Instructor]:
    instructors = (
        Instructor.objects.for_actor(actor)
        .select_related("institution")
        .annotate(credential_count=Count("credentials"))
        .order_by("full_name")
    )
    if institution_id is not None:
        instructors = instructors.filter(institution_id=institution_id)
    return instructors


def instructor_get_for(*, actor: Any, instructor_id: int) -> Instructor:
    instructor = (
        Instructor.objects.for_actor(actor)
        .select_related("institution")
        .filter(pk=instructor_id)
        .first()
    )
    if instructor is None:
        raise NotFound(_("Instruktur tidak ditemukan."), code="instructor_not_found")
    return instructor


def instructors_for_batch(*, actor: Any, institution: TrainingInstitution) -> QuerySet[Instructor]:
    """Instructors who may teach at `institution`: its own and those engaged by the office
    of its region."""
    return (
        Instructor.objects.for_actor(actor)
        .filter(region_id=institution.region_id)
        .filter(Q(institution=institution) | Q(institution__isnull=True))
        .exclude(status=Instructor.Status.INACTIVE)
        .order_by("full_name")
    )


def instructor_choices_for(*, actor: Any) -> QuerySet[Instructor]:
    """Instructors the actor may assign to a new batch (the service checks the
    institution once the program is known)."""
    return (
        Instructor.objects.for_actor(actor)
        .exclude(status=Instructor.Status.INACTIVE)
        .order_by("full_name")
    )


def credential_list(*, instructor: Instructor) -> QuerySet[InstructorCredential]:
    return instructor.credentials.select_related("unit").order_by("title", "pk")


def credential_get_for(*, actor: Any, credential_id: int) -> InstructorCredential:
    visible = Instructor.objects.for_actor(actor).values("pk")
    credential = (
        InstructorCredential.objects.select_related("instructor")
        .filter(pk=credential_id, instructor__in=visible)
        .first()
    )
    if credential is None:
        raise NotFound(_("Kompetensi tidak ditemukan."), code="credential_not_found")
    return credential


# --- batches ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchFilters:
    status: str = ""
    institution_id: int | None = None
    year: int | None = None
    funding_source: str = ""
    query: str = ""


def batch_enrolment_count(*, statuses: list[str] | None = None) -> Coalesce:
    """How many enrolments (in `statuses`, if given) the outer batch row has."""
    enrolments = Enrolment.objects.filter(batch_id=OuterRef("pk"))
    if statuses is not None:
        enrolments = enrolments.filter(status__in=statuses)
    counted = enrolments.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def batch_list_for(*, actor: Any, filters: BatchFilters | None = None) -> QuerySet[Batch]:
    """Batches the actor may see, newest first, with their headcounts.

    The headcounts are correlated subqueries, not a join grouped over every enrolment of
    the region: PostgreSQL evaluates them after the LIMIT, for the rows of the page only,
    and a count() of the list leaves them out."""
    filters = filters or BatchFilters()
    batches = (
        Batch.objects.for_actor(actor)
        .select_related("institution", "program")
        .annotate(
            applicant_count=batch_enrolment_count(),
            participant_count=batch_enrolment_count(
                statuses=[
                    Enrolment.Status.ACCEPTED,
                    Enrolment.Status.TRAINING,
                    Enrolment.Status.GRADUATED,
                ]
            ),
        )
        .order_by("-start_date", "code")
    )
    if filters.status:
        batches = batches.filter(status=filters.status)
    if filters.institution_id is not None:
        batches = batches.filter(institution_id=filters.institution_id)
    if filters.year is not None:
        batches = batches.filter(year=filters.year)
    if filters.funding_source:
        batches = batches.filter(funding_source=filters.funding_source)
    if filters.query:
        batches = batches.filter(
            Q(code__icontains=filters.query) | Q(name__icontains=filters.query)
        )
    return batches


def batch_years_for(*, actor: Any) -> list[int]:
    return list(
        Batch.objects.for_actor(actor).order_by("-year").values_list("year", flat=True).distinct()
    )


def batch_get_for(*, actor: Any, batch_id: int) -> Batch:
    batch = (
        Batch.objects.for_actor(actor)
        .select_related("institution", "program", "program__vocation", "region")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None:
        raise NotFound(_("Paket tidak ditemukan."), code="batch_not_found")
    return batch


def batch_instructors(*, batch: Batch) -> QuerySet[Instructor]:
    return batch.instructors.order_by("full_name")


def batch_sessions(*, batch: Batch) -> QuerySet[BatchSession]:
    """The batch's sessions in order, each with how many were marked."""
    return (
        BatchSession.objects.filter(batch=batch)
        .annotate(marked=Count("attendance"))
        .select_related("instructor")
        .order_by("date", "starts_at")
    )


@dataclass(frozen=True)
class Quota:
    capacity: int
    taken: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken, 0)


def batch_quota(*, batch: Batch) -> Quota:
    taken = Enrolment.objects.filter(batch=batch, status__in=Enrolment.SEATED).count()
    return Quota(capacity=batch.capacity, taken=taken)


def batch_status_counts(*, batch: Batch) -> list[tuple[str, int]]:
    """(status label, count) of the batch's enrolments, in the status order."""
    counts = dict(
        Enrolment.objects.filter(batch=batch)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        (str(label), counts[value]) for value, label in Enrolment.Status.choices if value in counts
    ]


def batch_session_get_for(*, actor: Any, session_id: int) -> BatchSession:
    visible = Batch.objects.for_actor(actor).values("pk")
    session = (
        BatchSession.objects.select_related("batch", "batch__program", "batch__institution")
        .filter(pk=session_id, batch__in=visible)
        .first()
    )
    if session is None:
        raise NotFound(_("Sesi tidak ditemukan."), code="session_not_found")
    return session


def enrolment_get_for(*, actor: Any, enrolment_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.for_actor(actor)
        .select_related("batch", "person", "institution")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
    return enrolment


# --- selection -------------------------------------------------------------------------


@dataclass
class Candidate:
    """One applicant with, per criterion of the batch, whether they meet it (None when
    the batch sets no such criterion)."""

    enrolment: Enrolment
    applicant: Applicant
    age: int
    age_ok: bool | None
    domicile_ok: bool | None
    education_ok: bool | None

    @property
    def meets_all(self) -> bool:
        return all(ok is not False for ok in (self.age_ok, self.domicile_ok, self.education_ok))


def meets_criteria(batch: Batch, person: Any) -> tuple[int, bool | None, bool | None, bool | None]:
    """Age on the batch's first day, and whether the person meets its age range, domicile
    and minimum education criteria."""
    age = age_on(person.birth_date, batch.start_date)
    age_ok: bool | None = None
    if batch.min_age is not None or batch.max_age is not None:
        age_ok = (batch.min_age is None or age >= batch.min_age) and (
            batch.max_age is None or age <= batch.max_age
        )
    domicile_ok: bool | None = None
    if batch.residents_only:
        domicile_ok = person.domicile_regency_code == batch.region.code
    education_ok: bool | None = None
    if batch.min_education:
        education_ok = education_meets(person.education, batch.min_education)
    return age, age_ok, domicile_ok, education_ok


@dataclass(frozen=True)
class Applicant:
    """Who an enrolment shows: the person's record once the identity is confirmed;
    before, what was typed (the birth date and sex follow from the NIK either way)."""

    full_name: str
    masked_nik: str
    birth_date: Any
    education: str
    domicile_regency_code: str
    confirmed: bool

    def get_education_display(self) -> str:
        return str(Education(self.education).label) if self.education in Education.values else ""


def applicant_of(enrolment: Enrolment) -> Applicant:
    person = enrolment.person
    if enrolment.is_confirmed:
        return Applicant(
            person.full_name,
            person.masked_nik,
            person.birth_date,
            person.education,
            person.domicile_regency_code,
            True,
        )
    typed = enrolment.applicant
    return Applicant(
        str(typed.get("full_name", "")),
        person.masked_nik,
        person.birth_date,
        str(typed.get("education", "")),
        str(typed.get("domicile_regency_code", "")),
        False,
    )


def selection_candidates(*, batch: Batch, status: str = "") -> list[Candidate]:
    """Every enrolment of the batch (or those of one status) with the criteria they
    meet, in the order they applied."""
    enrolments = (
        Enrolment.objects.filter(batch=batch)
        .select_related("person")
        .prefetch_related("documents")
        .order_by("applied_at", "pk")
    )
    if status:
        enrolments = enrolments.filter(status=status)
    candidates = []
    for enrolment in enrolments:
        applicant = applicant_of(enrolment)
        age, age_ok, domicile_ok, education_ok = meets_criteria(batch, applicant)
        candidates.append(Candidate(enrolment, applicant, age, age_ok, domicile_ok, education_ok))
    return candidates


def enrolment_document_get_for(*, actor: Any, document_id: int) -> EnrolmentDocument:
    visible = Enrolment.objects.for_actor(actor).values("pk")
    document = (
        EnrolmentDocument.objects.select_related("enrolment", "enrolment__batch")
        .filter(pk=document_id, enrolment__in=visible)
        .first()
    )
    if document is None:
        raise NotFound(_("Dokumen tidak ditemukan."), code="document_not_found")
    return document


def selection_enrolment_ids(*, batch: Batch) -> list[int]:
    return list(Enrolment.objects.filter(batch=batch).values_list("pk", flat=True))


# --- the trainee's own -----------------------------------------------------------------


def own_enrolment_list(*, actor: Any) -> QuerySet[Enrolment]:
    """The signed-in person's own enrolments, newest first: narrowed to their person even
    when the user is also staff somewhere. Those are the confirmed enrolments of their
    person and the registrations this account submitted; a registration someone else
    made with their NIK is a claim they settle (`identity.claims_on_own_person`)."""
    scope = scope_of(actor)
    submitted = Q(applicant_user_id=scope.user_id or 0)
    confirmed_own = Q(person_id=scope.person_id or 0, identity=Enrolment.Identity.CONFIRMED)
    return (
        Enrolment.objects.for_actor(actor)
        .filter(submitted | confirmed_own)
        .select_related("batch", "batch__program", "institution")
        .order_by("-applied_at", "-pk")
    )


def own_enrolment_get(*, actor: Any, enrolment_id: int) -> Enrolment:
    enrolment = own_enrolment_list(actor=actor).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
    return enrolment


def own_attendance(*, enrolment: Enrolment) -> list[tuple[BatchSession, Attendance | None]]:
    """Each session of the enrolment's batch in order, with the person's mark (None when
    not marked yet)."""
    marks = {
        row.session_id: row
        for row in Attendance.objects.filter(enrolment=enrolment).only(
            "session_id", "status", "note"
        )
    }
    sessions = BatchSession.objects.filter(batch_id=enrolment.batch_id).order_by("date")
    return [(session, marks.get(session.pk)) for session in sessions]


# --- attendance ------------------------------------------------------------------------


def session_participants(*, session: BatchSession) -> list[tuple[Enrolment, str]]:
    """The batch's active participants with their recorded status at `session` ("" when
    not marked yet), by name."""
    marked = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    participants = (
        Enrolment.objects.filter(batch_id=session.batch_id, status=Enrolment.Status.TRAINING)
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    return [(enrolment, marked.get(enrolment.pk, "")) for enrolment in participants]


@dataclass
class AttendanceRow:
    enrolment: Enrolment
    counts: dict[str, int] = field(default_factory=dict)
    attended: int = 0
    pct: Decimal | None = None
    meets_minimum: bool = False


def attendance_summary(*, batch: Batch) -> tuple[int, list[AttendanceRow]]:
    """How many sessions the batch has, and for each participant (in training, graduated
    or dropped out) their counts per attendance status and share attended so far (present
    or late, over all sessions), in one query."""
    sessions = BatchSession.objects.filter(batch=batch).count()
    annotations = {
        f"n_{status}": Count("attendance", filter=Q(attendance__status=status))
        for status in Attendance.Status.values
    }
    enrolments = (
        Enrolment.objects.filter(
            batch=batch,
            status__in=[
                Enrolment.Status.TRAINING,
                Enrolment.Status.GRADUATED,
                Enrolment.Status.DROPPED_OUT,
            ],
        )
        .select_related("person")
        .annotate(**annotations)
        .order_by("person__full_name", "pk")
    )
    minimum = Decimal(batch.program.min_attendance_pct)
    rows = []
    for enrolment in enrolments:
        counts = {status: getattr(enrolment, f"n_{status}") for status in Attendance.Status.values}
        attended = counts[Attendance.Status.PRESENT] + counts[Attendance.Status.LATE]
        pct = (Decimal(attended) * 100 / sessions).quantize(Decimal("0.1")) if sessions else None
        rows.append(
            AttendanceRow(
                enrolment=enrolment,
                counts=counts,
                attended=attended,
                pct=pct,
                meets_minimum=pct is not None and pct >= minimum,
            )
        )
    return sessions, rows

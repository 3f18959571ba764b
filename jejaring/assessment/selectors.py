"""Reads of competency testing and certificates, scoped through `for_actor`; the public
verification reads by unguessable code and returns only what the public page shows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.assessment.models import (
    AssessmentSession,
    Assessor,
    Candidate,
    CertificationBody,
    CompetencyCertificate,
    Scheme,
    SchemeUnit,
    SelfAssessment,
    TestSite,
    TrainingCertificate,
    UnitAssessment,
)
from jejaring.core import documents, limits
from jejaring.core.errors import NotFound, TooManyRequests
from jejaring.training.models import Batch


def scheme_list() -> QuerySet[Scheme]:
    """Schemes are shared reference data, like LSPs and TUKs."""
    return Scheme.objects.select_related("vocation", "lsp").order_by("name")


def scheme_get(*, scheme_id: int) -> Scheme:
    scheme = scheme_list().filter(pk=scheme_id).first()
    if scheme is None:
        raise NotFound(_("Skema tidak ditemukan."))
    return scheme


def scheme_units(*, scheme_id: int) -> QuerySet[SchemeUnit]:
    return (
        SchemeUnit.objects.filter(scheme_id=scheme_id).select_related("unit").order_by("position")
    )


def lsp_list() -> QuerySet[CertificationBody]:
    return CertificationBody.objects.order_by("name")


def test_site_list() -> QuerySet[TestSite]:
    return TestSite.objects.select_related("lsp").order_by("name")


def assessor_list() -> QuerySet[Assessor]:
    return Assessor.objects.order_by("full_name")


def finished_batches_for(*, actor: Any) -> QuerySet[Batch]:
    return (
        Batch.objects.for_actor(actor)
        .filter(status=Batch.Status.FINISHED)
        .select_related("program", "institution")
        .order_by("-end_date", "code")
    )


def session_list_for(*, actor: Any) -> QuerySet[AssessmentSession]:
    """Sessions the actor may see: an assessor only those assigned to them."""
    return (
        AssessmentSession.objects.for_actor(actor)
        .select_related("scheme", "lsp", "test_site", "institution")
        .order_by("-date", "-pk")
    )


def session_get_for(*, actor: Any, session_id: int) -> AssessmentSession:
    session = session_list_for(actor=actor).filter(pk=session_id).first()
    if session is None:
        raise NotFound(_("Sesi tidak ditemukan."))
    return session


def session_assessors(*, session: AssessmentSession) -> QuerySet[Assessor]:
    return Assessor.objects.filter(sessionassessor__session=session).order_by("full_name")


def candidate_list_for_session(*, actor: Any, session: AssessmentSession) -> QuerySet[Candidate]:
    return (
        Candidate.objects.for_actor(actor)
        .filter(session=session)
        .select_related("person", "retake_of")
        .order_by("person__full_name", "pk")
    )


def candidate_get_for(*, actor: Any, candidate_id: int) -> Candidate:
    candidate = (
        Candidate.objects.for_actor(actor)
        .select_related("person", "session", "session__scheme", "session__lsp", "retake_of")
        .filter(pk=candidate_id)
        .first()
    )
    if candidate is None:
        raise NotFound(_("Asesi tidak ditemukan."))
    return candidate


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    code: str
    title: str
    claim: str
    claim_note: str
    result: str
    evidence_note: str
    carried: bool


def candidate_unit_rows(*, candidate: Candidate) -> list[UnitRow]:
    """Every unit of the candidate's scheme with the self-assessment claim and the
    assessor's result, in scheme order (three queries)."""
    return candidates_unit_rows(candidates=[candidate])[candidate.pk]


def candidates_unit_rows(*, candidates: list[Candidate]) -> dict[int, list[UnitRow]]:
    """`candidate_unit_rows` for several candidates at once, by candidate id: three
    queries however many candidates (their sessions loaded)."""
    from jejaring.assessment.services.sessions import _carried_note

    ids = [c.pk for c in candidates]
    claims = {
        (s.candidate_id, s.unit_id): s for s in SelfAssessment.objects.filter(candidate_id__in=ids)
    }
    results = {
        (r.candidate_id, r.unit_id): r for r in UnitAssessment.objects.filter(candidate_id__in=ids)
    }
    links: dict[int, list[SchemeUnit]] = {}
    scheme_ids = {c.session.scheme_id for c in candidates}
    for link in (
        SchemeUnit.objects.filter(scheme_id__in=scheme_ids)
        .select_related("unit")
        .order_by("position")
    ):
        links.setdefault(link.scheme_id, []).append(link)
    carried = _carried_note()
    rows: dict[int, list[UnitRow]] = {}
    for candidate in candidates:
        rows[candidate.pk] = []
        for link in links.get(candidate.session.scheme_id, []):
            claim = claims.get((candidate.pk, link.unit_id))
            result = results.get((candidate.pk, link.unit_id))
            rows[candidate.pk].append(
                UnitRow(
                    unit_id=link.unit_id,
                    code=link.unit.code,
                    title=link.unit.title,
                    claim=claim.claim if claim else "",
                    claim_note=claim.evidence_note if claim else "",
                    result=result.result if result else "",
                    evidence_note=result.evidence_note if result else "",
                    carried=bool(result and result.evidence_note == carried),
                )
            )
    return rows


def own_candidates_for(*, actor: Any) -> QuerySet[Candidate]:
    """The signed-in trainee's own assessments, newest first."""
    person_id = scope_of(actor).person_id
    return (
        Candidate.objects.for_actor(actor)
        .filter(person_id=person_id)
        .select_related(
            "person", "session", "session__scheme", "session__lsp", "session__test_site"
        )
        .order_by("-session__date", "-pk")
    )


def training_certificate_list_for(*, actor: Any) -> QuerySet[TrainingCertificate]:
    return (
        TrainingCertificate.objects.for_actor(actor)
        .select_related("enrolment__person", "enrolment__batch__program", "institution")
        .order_by("-issued_on", "-number")
    )


def training_certificate_get_for(*, actor: Any, certificate_id: int) -> TrainingCertificate:
    certificate = training_certificate_list_for(actor=actor).filter(pk=certificate_id).first()
    if certificate is None:
        raise NotFound(_("Sertifikat tidak ditemukan."))
    return certificate


def competency_certificate_list_for(
    *, actor: Any, expiring_within: int | None = None, today: date | None = None
) -> QuerySet[CompetencyCertificate]:
    qs = (
        CompetencyCertificate.objects.for_actor(actor)
        .select_related("person", "scheme", "lsp")
        .order_by("valid_until", "pk")
    )
    if expiring_within is not None:
        today = today or timezone.localdate()
        qs = qs.filter(valid_until__gte=today, valid_until__lte=today + timedelta(expiring_within))
    return qs


def reminder_days() -> int:
    return int(getattr(settings, "COMPETENCY_EXPIRY_REMINDER_DAYS", 90))


def competency_score_for(*, person_ids: Iterable[int], vocation_id: int) -> dict[int, Decimal]:
    """Each person's competency score for a vocation, for ranking candidates to companies:
    the best `Candidate.score` (0–100, the share of scheme units found K; see
    services.candidate_score) over their assessed attempts in schemes of that vocation,
    retakes included. People never assessed in the vocation are absent from the result.
    One query; not scoped, because ranking runs inside placement's own scoped service."""
    rows = (
        Candidate.objects.filter(
            person_id__in=list(person_ids),
            session__scheme__vocation_id=vocation_id,
            status=Candidate.Status.ASSESSED,
        )
        .values("person_id")
        .annotate(best=Max("score"))
    )
    return {row["person_id"]: row["best"] for row in rows if row["best"] is not None}


@dataclass(frozen=True)
class PublicCompetency:
    registration_number: str
    lsp: str
    scheme: str
    issued_on: date
    valid_until: date
    expired: bool


@dataclass(frozen=True)
class PublicVerification:
    """What the public verification page may show: no NIK, no contact data."""

    number: str
    valid: bool
    revoked_at: Any
    masked_name: str
    program: str
    institution: str
    batch_start: date
    batch_end: date
    issued_on: date
    competencies: list[PublicCompetency]


def mask_name(full_name: str) -> str:
    """`Siti Nurhaliza` → `Sit* Nur*******`: three letters of each word, the rest starred."""
    return documents.mask_name(full_name)


#: Lookups by printed number per client address: numbers are sequential, so without a
#: limit the public page could be walked document by document. Short codes and QR tokens
#: are random; all lookups together still have a generous limit, like other public forms.
NUMBER_LOOKUPS = limits.Rate("verify.number", count=30, seconds=60 * 60)
ALL_LOOKUPS = limits.Rate("verify.any", count=120, seconds=60 * 60)

_TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _parse(code: str) -> tuple[str | None, str | None, str]:
    """(short code, QR token, printed number) of what was typed or scanned; exactly one of
    the first two, or neither when it can only be a printed number."""
    compact = "".join(code.split()).lower()
    if _TOKEN.match(compact):
        return None, compact, ""
    short = documents.normalise_code(code) if "/" not in code else None
    return short, None, " ".join(code.split())


def public_document_lookup(*, code: str, client: str | None) -> Any:
    """`public_document_get` for the public page and API, limited per client address
    (TooManyRequests), hits and misses alike; lookups by printed number more tightly."""
    short, token, _number = _parse(code)
    checks = [(ALL_LOOKUPS, client or "")]
    if short is None and token is None:
        checks.append((NUMBER_LOOKUPS, client or ""))
    if limits.exceeded(checks):
        raise TooManyRequests(_("Terlalu banyak pencarian. Coba lagi dalam satu jam."))
    limits.record(checks)
    return public_document_get(code=code)


def public_document_get(*, code: str) -> Any:
    """The issued document whose `code` is its short verification code (`K7QX-M2PA-9CRT`,
    any case, with or without dashes), a training certificate's QR token (32 hex digits),
    or a printed number of any verifiable kind (`BLK-1/2026/0007`, `JHT 0451 0000001
    2020`), whatever the case and spaces. Anything else, however malformed, is NotFound,
    one answer whatever the reason."""
    if not code.strip() or len(code) > 80 or "\x00" in code:
        raise NotFound(_("Dokumen tidak ditemukan."))
    short, token, number = _parse(code)
    document: Any
    if short is not None:
        document = documents.document_for_code(short)
    elif token is not None:
        document = TrainingCertificate.objects.filter(verification_token=token).first()
    else:
        document = documents.find_by_number(number)
    if document is None or documents.describe(document) is None:
        raise NotFound(_("Dokumen tidak ditemukan."))
    return document


def verification_lookup(*, code: str, client: str | None) -> PublicVerification:
    """The public facts of a training certificate, for the API (see
    `public_document_lookup`); any other document or none is NotFound."""
    document = public_document_lookup(code=code, client=client)
    if not isinstance(document, TrainingCertificate):
        raise NotFound(_("Sertifikat tidak ditemukan."))
    return certificate_verification(document)


def verification_get(*, code: str, today: date | None = None) -> PublicVerification:
    """The public facts of the training certificate found by `code` (see
    `public_document_get`); any other document or none is NotFound."""
    document = public_document_get(code=code)
    if not isinstance(document, TrainingCertificate):
        raise NotFound(_("Sertifikat tidak ditemukan."))
    return certificate_verification(document, today=today)


def certificate_verification(
    certificate: TrainingCertificate, *, today: date | None = None
) -> PublicVerification:
    """What the public may read of a training certificate: no NIK, no contact data."""
    certificate = (
        TrainingCertificate.objects.select_related(
            "enrolment__person", "enrolment__batch__program", "institution"
        )
        .filter(pk=certificate.pk)
        .get()
    )
    today = today or timezone.localdate()
    person = certificate.enrolment.person
    batch = certificate.enrolment.batch
    competencies = [
        PublicCompetency(
            registration_number=c.registration_number,
            lsp=c.lsp.name,
            scheme=c.scheme.name,
            issued_on=c.issued_on,
            valid_until=c.valid_until,
            expired=c.valid_until < today,
        )
        for c in CompetencyCertificate.objects.filter(person=person)
        .select_related("lsp", "scheme")
        .order_by("-issued_on")
    ]
    return PublicVerification(
        number=certificate.number,
        valid=certificate.status == TrainingCertificate.Status.VALID,
        revoked_at=certificate.revoked_at,
        masked_name=mask_name(person.full_name),
        program=batch.program.name,
        institution=certificate.institution.name,
        batch_start=batch.start_date,
        batch_end=batch.end_date,
        issued_on=certificate.issued_on,
        competencies=competencies,
    )


def vocation_list() -> QuerySet[Any]:
    from jejaring.training.models import Vocation

    return Vocation.objects.filter(is_active=True).order_by("name")


def finished_batches_none() -> QuerySet[Batch]:
    """An empty placeholder for form fields whose choices depend on the actor."""
    return Batch.objects.none()


def session_none() -> QuerySet[AssessmentSession]:
    return AssessmentSession.objects.none()


def retake_sessions_for(*, actor: Any, candidate: Candidate) -> QuerySet[AssessmentSession]:
    """Open sessions of the same scheme where the candidate may be reassessed."""
    return (
        session_list_for(actor=actor)
        .filter(
            scheme_id=candidate.session.scheme_id,
            status__in=[AssessmentSession.Status.PLANNED, AssessmentSession.Status.ONGOING],
        )
        .exclude(pk=candidate.session_id)
    )


def session_inputs_for(
    *,
    actor: Any,
    scheme_id: int,
    lsp_id: int,
    test_site_id: int,
    assessor_ids: list[int],
    batch_id: int | None,
    enrolment_ids: list[int],
) -> dict[str, Any]:
    """Resolve the ids of a new session: reference data by id, the batch and enrolments
    only among those the actor may see (another region's id is a 404)."""
    from jejaring.training.models import Enrolment

    scheme = scheme_get(scheme_id=scheme_id)
    lsp = lsp_list().filter(pk=lsp_id).first()
    site = test_site_list().filter(pk=test_site_id).first()
    if lsp is None or site is None:
        raise NotFound(_("LSP atau TUK tidak ditemukan."))
    assessors = list(assessor_list().filter(pk__in=set(assessor_ids)))
    if len(assessors) != len(set(assessor_ids)):
        raise NotFound(_("Asesor tidak ditemukan."))
    batch = None
    if batch_id is not None:
        batch = finished_batches_for(actor=actor).filter(pk=batch_id).first()
        if batch is None:
            raise NotFound(_("Paket tidak ditemukan."))
    enrolments = list(
        Enrolment.objects.for_actor(actor)
        .filter(pk__in=set(enrolment_ids))
        .select_related("region", "institution")
    )
    if len(enrolments) != len(set(enrolment_ids)):
        raise NotFound(_("Peserta tidak ditemukan."))
    return {
        "scheme": scheme,
        "lsp": lsp,
        "test_site": site,
        "assessors": assessors,
        "batch": batch,
        "enrolments": enrolments,
    }

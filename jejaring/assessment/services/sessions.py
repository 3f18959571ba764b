"""Assessment sessions and their candidates.

Score rule (`candidate_score`): a candidate's score is the share of the scheme's units
found competent (K), times 100, rounded to two decimals — 100 means every unit K, and a
scheme result is K only then. A retake carries the earlier K units over and reassesses
only the BK ones, so its score reflects everything the person has shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.assessment import audit_actions
from jejaring.assessment.models import (
    AssessmentSession,
    Assessor,
    Candidate,
    CertificationBody,
    Scheme,
    SchemeUnit,
    SelfAssessment,
    SessionAssessor,
    TestSite,
    UnitAssessment,
    UnitResult,
)
from jejaring.core import audit, versions
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.regions.calendar import today_in
from jejaring.training.models import Batch, Enrolment, TrainingInstitution

_SESSION_TRANSITIONS = {
    AssessmentSession.Status.PLANNED: {
        AssessmentSession.Status.ONGOING,
        AssessmentSession.Status.CANCELLED,
    },
    AssessmentSession.Status.ONGOING: {AssessmentSession.Status.COMPLETED},
    AssessmentSession.Status.COMPLETED: set(),
    AssessmentSession.Status.CANCELLED: set(),
}


# --- sessions and candidates ----------------------------------------------------------


def session_create(
    *,
    actor: Any,
    scheme: Scheme,
    lsp: CertificationBody,
    test_site: TestSite,
    day: date,
    assessors: Iterable[Assessor],
    batch: Batch | None = None,
    enrolments: Iterable[Enrolment] = (),
    region: Any = None,
) -> AssessmentSession:
    """Plan a session. With a finished batch, every graduate of the batch becomes a
    candidate; otherwise the hand-picked `enrolments` (graduated, visible to the actor)
    do. The TUK must belong to the LSP."""
    assessors = list(assessors)
    enrolments = list(enrolments)
    if not assessors:
        raise ValidationError(
            _("Pilih sedikitnya satu asesor."), code="no_assessor", field="assessors"
        )
    if test_site.lsp_id != lsp.pk:
        raise ValidationError(
            _("TUK ini tidak terdaftar pada LSP yang dipilih."),
            code="site_not_of_lsp",
            field="test_site",
        )
    if batch is not None:
        if batch.status != Batch.Status.FINISHED:
            raise InvalidTransition(
                _("Uji kompetensi hanya untuk paket yang sudah selesai."),
                code="batch_not_finished",
                field="batch",
            )
        enrolments = list(
            Enrolment.objects.for_actor(actor).filter(
                batch=batch, status=Enrolment.Status.GRADUATED
            )
        )
        region = batch.region
        institution: TrainingInstitution | None = batch.institution
    else:
        if not enrolments:
            raise ValidationError(
                _("Pilih paket atau sedikitnya satu lulusan."), code="no_candidates"
            )
        institutions = {e.institution_id for e in enrolments}
        regions = {e.region_id for e in enrolments}
        if len(regions) != 1:
            raise ValidationError(_("Semua peserta harus dari satu wilayah."), code="mixed")
        region = enrolments[0].region
        institution = enrolments[0].institution if len(institutions) == 1 else None
    if any(e.status != Enrolment.Status.GRADUATED for e in enrolments):
        raise ValidationError(
            _("Hanya lulusan pelatihan yang dapat menjadi asesi."), code="not_graduated"
        )
    if not enrolments:
        raise ValidationError(_("Paket ini belum memiliki lulusan."), code="no_graduates")
    session = AssessmentSession(
        region=region,
        scheme=scheme,
        lsp=lsp,
        test_site=test_site,
        batch=batch,
        institution=institution,
        date=day,
    )
    with transaction.atomic():
        if not _can_manage_session(actor, session):
            raise PermissionDenied(_("Anda tidak berwenang menjadwalkan uji di sini."))
        session.save()
        SessionAssessor.objects.bulk_create(
            SessionAssessor(session=session, assessor=a) for a in assessors
        )
        Candidate.objects.bulk_create(
            Candidate(region=region, session=session, person_id=e.person_id, enrolment=e)
            for e in enrolments
        )
        audit.record(
            actor=actor,
            action=audit_actions.SESSION_CREATE,
            target=session,
            changes={
                "candidates": [None, len(enrolments)],
                "assessors": [None, [a.registration_number for a in assessors]],
            },
        )
    return session


def _can_manage_session(actor: Any, session: AssessmentSession) -> bool:
    scope = scope_of(actor)
    if scope.is_office_of(session.region_id):
        return True
    return Role.OPERATOR in scope.roles and session.institution_id in scope.institution_ids


def session_set_status(*, actor: Any, session: AssessmentSession, status: str) -> None:
    if not policy_for(AssessmentSession).can(actor, "change", session):
        raise NotFound(_("Sesi tidak ditemukan."))
    with transaction.atomic():
        locked = AssessmentSession.objects.select_for_update().get(pk=session.pk)
        if status not in _SESSION_TRANSITIONS.get(locked.status, set()):
            raise InvalidTransition(_("Status sesi tidak dapat diubah ke sana."))
        if status != AssessmentSession.Status.CANCELLED:
            # A test is held, and finished, on its day or later; cancelling is any time.
            _require_test_held(locked)
        if (
            status == AssessmentSession.Status.COMPLETED
            and locked.candidates.filter(status=Candidate.Status.REGISTERED).exists()
        ):
            raise InvalidTransition(
                _("Masih ada asesi yang belum dinilai."), code="candidates_pending"
            )
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status"])
        session.status = status
        audit.record(
            actor=actor,
            action=audit_actions.SESSION_STATUS,
            target=locked,
            changes={"status": [before, status]},
        )


def session_in_future(session: AssessmentSession) -> bool:
    """Whether the test day has not come yet in the session's region."""
    return session.date > today_in(session.region)


def _require_test_held(session: AssessmentSession) -> None:
    """Results and absences belong to a test that has taken place: none before its day
    (ValidationError ``before_test_date``)."""
    if session_in_future(session):
        raise ValidationError(
            _("Uji kompetensi dijadwalkan %(day)s; hasil baru dapat dicatat pada hari itu.")
            % {"day": date_format(session.date, "DATE_FORMAT")},
            code="before_test_date",
        )


def _scheme_unit_ids(scheme_id: int) -> list[int]:
    return list(
        SchemeUnit.objects.filter(scheme_id=scheme_id)
        .order_by("position")
        .values_list("unit_id", flat=True)
    )


def candidate_submit_application(
    *, actor: Any, candidate: Candidate, claims: dict[int, tuple[str, str]]
) -> Candidate:
    """APL-01 and APL-02 in one step: the candidate (or an operator for them) claims K or
    BK on every unit of the scheme, with an optional note on the evidence. Resubmitting
    replaces the claims while the candidate is still to be assessed."""
    scope = scope_of(actor)
    own = Role.TRAINEE in scope.roles and candidate.person_id == scope.person_id
    if not own and not policy_for(Candidate).can(actor, "change", candidate):
        raise NotFound(_("Asesi tidak ditemukan."))
    if candidate.status != Candidate.Status.REGISTERED:
        raise InvalidTransition(
            _("Asesmen mandiri tidak dapat diubah setelah diuji."), code="already_assessed"
        )
    unit_ids = _scheme_unit_ids(candidate.session.scheme_id)
    if set(claims) != set(unit_ids):
        raise ValidationError(
            _("Isi klaim untuk setiap unit skema."), code="claims_incomplete", field="claims"
        )
    if any(claim not in UnitResult.values for claim, _note in claims.values()):
        raise ValidationError(_("Klaim hanya K atau BK."), code="invalid_claim", field="claims")
    with transaction.atomic():
        SelfAssessment.objects.filter(candidate=candidate).delete()
        SelfAssessment.objects.bulk_create(
            SelfAssessment(
                candidate=candidate, unit_id=uid, claim=claim, evidence_note=note.strip()[:2000]
            )
            for uid, (claim, note) in claims.items()
        )
        candidate.apl01_submitted_at = timezone.now()
        candidate.save(update_fields=["apl01_submitted_at"])
        audit.record(
            actor=actor,
            action=audit_actions.CANDIDATE_APL,
            target=candidate,
            changes={"units": [None, len(claims)]},
        )
    return candidate


def candidate_score(results: Iterable[str], unit_count: int) -> Decimal:
    """The documented score: 100 × units K ÷ units of the scheme, two decimals."""
    if unit_count <= 0:
        return Decimal("0.00")
    competent = sum(1 for r in results if r == UnitResult.COMPETENT)
    return (Decimal(100) * competent / unit_count).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _assessor_for(actor: Any, session: AssessmentSession) -> Assessor:
    scope = scope_of(actor)
    if Role.ASSESSOR not in scope.roles:
        raise PermissionDenied(_("Hanya asesor yang ditugaskan yang dapat mencatat hasil."))
    assessor = (
        Assessor.objects.filter(pk__in=scope.assessor_ids, sessionassessor__session=session)
        .order_by("pk")
        .first()
    )
    if assessor is None:
        raise NotFound(_("Asesi tidak ditemukan."))
    return assessor


def unit_results_record(
    *, actor: Any, candidate: Candidate, results: dict[int, tuple[str, str]]
) -> Candidate:
    """An assessor assigned to the candidate's session records K/BK with an evidence note
    per unit. When every unit has a result, the candidate's scheme result (K only if every
    unit is K), score and date are derived. On a retake, only the units that were BK may
    be recorded. No result precedes the test date (in the region's local date)."""
    session = candidate.session
    assessor = _assessor_for(actor, session)
    _require_test_held(session)
    if session.status not in (
        AssessmentSession.Status.PLANNED,
        AssessmentSession.Status.ONGOING,
    ):
        raise InvalidTransition(
            _("Sesi ini sudah ditutup; hasil tidak dapat diubah."), code="session_closed"
        )
    if candidate.status == Candidate.Status.ABSENT:
        raise InvalidTransition(_("Asesi ini tercatat tidak hadir."), code="candidate_absent")
    if not results:
        raise ValidationError(_("Isi hasil sedikitnya satu unit."), code="no_results")
    allowed = set(_scheme_unit_ids(session.scheme_id))
    if candidate.retake_of_id is not None:
        allowed -= set(
            UnitAssessment.objects.filter(
                candidate=candidate, evidence_note=_carried_note()
            ).values_list("unit_id", flat=True)
        )
    if not set(results) <= allowed:
        raise ValidationError(
            _("Unit tidak termasuk yang dinilai pada asesi ini."), code="unit_not_in_scheme"
        )
    for result, note in results.values():
        if result not in UnitResult.values:
            raise ValidationError(_("Hasil hanya K atau BK."), code="invalid_result")
        if result == UnitResult.NOT_YET_COMPETENT and not note.strip():
            raise ValidationError(
                _("Tulis catatan bukti untuk setiap unit yang Belum Kompeten."),
                code="bk_needs_note",
            )
    now = timezone.now()
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        existing = {u.unit_id: u for u in UnitAssessment.objects.filter(candidate=locked)}
        before = {uid: u.result for uid, u in existing.items()}
        create, update = [], []
        for uid, (result, note) in results.items():
            row = existing.get(uid)
            if row is None:
                row = UnitAssessment(candidate=locked, unit_id=uid)
                create.append(row)
            else:
                update.append(row)
            row.result, row.evidence_note = result, note.strip()[:2000]
            row.assessor, row.recorded_at = assessor, now
            existing[uid] = row
        UnitAssessment.objects.bulk_create(create)
        UnitAssessment.objects.bulk_update(
            update, ["result", "evidence_note", "assessor", "recorded_at"]
        )
        scheme_units = _scheme_unit_ids(session.scheme_id)
        if all(uid in existing for uid in scheme_units):
            unit_results = [existing[uid].result for uid in scheme_units]
            locked.score = candidate_score(unit_results, len(scheme_units))
            locked.result = (
                Candidate.Result.COMPETENT
                if all(r == UnitResult.COMPETENT for r in unit_results)
                else Candidate.Result.NOT_YET_COMPETENT
            )
            locked.status = Candidate.Status.ASSESSED
            locked.assessed_on = today_in(session.region)
            locked.save(update_fields=["score", "result", "status", "assessed_on"])
        if session.status == AssessmentSession.Status.PLANNED:
            AssessmentSession.objects.filter(pk=session.pk).update(
                status=AssessmentSession.Status.ONGOING
            )
            session.status = AssessmentSession.Status.ONGOING
        versions.bump(
            [locked.region_id, getattr(locked.enrolment, "region_id", None)], versions.TRAINING
        )
        audit.record(
            actor=actor,
            action=audit_actions.CANDIDATE_RESULTS,
            target=locked,
            changes={
                str(uid): [before.get(uid), result] for uid, (result, _note) in results.items()
            },
        )
    return locked


def candidate_mark_absent(*, actor: Any, candidate: Candidate) -> Candidate:
    """Record that the candidate did not come to the test; only from the test day on."""
    _assessor_for(actor, candidate.session)
    _require_test_held(candidate.session)
    if candidate.status != Candidate.Status.REGISTERED:
        raise InvalidTransition(_("Asesi ini sudah dinilai."), code="already_assessed")
    with transaction.atomic():
        candidate.status = Candidate.Status.ABSENT
        candidate.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action=audit_actions.CANDIDATE_ABSENT,
            target=candidate,
            changes={"status": [Candidate.Status.REGISTERED, Candidate.Status.ABSENT]},
        )
    return candidate


def _carried_note() -> str:
    # Stored, not shown translated: it marks rows copied from the earlier attempt.
    return "[K dari uji sebelumnya]"


def candidate_retake(*, actor: Any, candidate: Candidate, session: AssessmentSession) -> Candidate:
    """Re-assessment after more training: a new candidate in `session` (same scheme)
    linked by `retake_of`. The earlier K units are carried over; only the BK units are to
    be reassessed, and the result is derived again once they are."""
    if not policy_for(Candidate).can(actor, "change", candidate):
        raise NotFound(_("Asesi tidak ditemukan."))
    if not _can_manage_session(actor, session):
        raise NotFound(_("Sesi tidak ditemukan."))
    if candidate.result != Candidate.Result.NOT_YET_COMPETENT:
        raise InvalidTransition(
            _("Uji ulang hanya untuk asesi yang Belum Kompeten."), code="not_bk"
        )
    if session.scheme_id != candidate.session.scheme_id or session.pk == candidate.session_id:
        raise ValidationError(
            _("Uji ulang harus pada sesi lain dengan skema yang sama."), code="wrong_session"
        )
    if session.status not in (AssessmentSession.Status.PLANNED, AssessmentSession.Status.ONGOING):
        raise InvalidTransition(_("Sesi ini sudah ditutup."), code="session_closed")
    competent = list(
        UnitAssessment.objects.filter(candidate=candidate, result=UnitResult.COMPETENT)
    )
    try:
        with transaction.atomic():
            retake = Candidate.objects.create(
                region=session.region,
                session=session,
                person_id=candidate.person_id,
                enrolment=candidate.enrolment,
                retake_of=candidate,
                apl01_submitted_at=candidate.apl01_submitted_at,
            )
            UnitAssessment.objects.bulk_create(
                UnitAssessment(
                    candidate=retake,
                    unit_id=row.unit_id,
                    result=UnitResult.COMPETENT,
                    evidence_note=_carried_note(),
                    assessor_id=row.assessor_id,
                    recorded_at=row.recorded_at,
                )
                for row in competent
            )
            audit.record(
                actor=actor,
                action=audit_actions.CANDIDATE_RETAKE,
                target=retake,
                changes={"retake_of": [None, candidate.pk]},
            )
    except IntegrityError:
        raise Conflict(
            _("Orang ini sudah menjadi asesi pada sesi tersebut."), code="candidate_taken"
        ) from None
    return retake


#: Each status change of a session named by its action, for its button.
SESSION_ACTIONS = {
    AssessmentSession.Status.ONGOING: _("Mulai uji"),
    AssessmentSession.Status.COMPLETED: _("Selesaikan uji"),
    AssessmentSession.Status.CANCELLED: _("Batalkan uji"),
}


def next_session_statuses(session: AssessmentSession) -> list[tuple[str, Any]]:
    """The statuses a session may move to next, as (value, action label) for buttons."""
    allowed = _SESSION_TRANSITIONS.get(AssessmentSession.Status(session.status), set())
    return [(s.value, SESSION_ACTIONS[s]) for s in AssessmentSession.Status if s in allowed]


def may_record_results(actor: Any, candidate: Candidate) -> bool:
    """Whether the actor is an assessor assigned to the candidate's open session."""
    try:
        _assessor_for(actor, candidate.session)
    except (PermissionDenied, NotFound):
        return False
    return (
        candidate.session.status
        in (
            AssessmentSession.Status.PLANNED,
            AssessmentSession.Status.ONGOING,
        )
        and candidate.status != Candidate.Status.ABSENT
    )

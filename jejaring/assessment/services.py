"""Writes of competency testing and certificates. Each is atomic, checks the policy and
leaves an audit event in the same transaction.

Score rule (`candidate_score`): a candidate's score is the share of the scheme's units
found competent (K), times 100, rounded to two decimals — 100 means every unit K, and a
scheme result is K only then. A retake carries the earlier K units over and reassesses
only the BK ones, so its score reflects everything the person has shown.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.assessment import audit_actions
from jejaring.assessment.models import (
    AssessmentSession,
    Assessor,
    Candidate,
    CertificationBody,
    CompetencyCertificate,
    CompetencyUnit,
    Scheme,
    SchemeUnit,
    SelfAssessment,
    SessionAssessor,
    TestSite,
    TrainingCertificate,
    UnitAssessment,
    UnitResult,
)
from jejaring.core import audit
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.training.models import Batch, Enrolment, TrainingInstitution

#: Letters, digits, dots, dashes, slashes and inner spaces: SKKNI codes such as
#: `J.620100.004.02`, older `TIK.OP02.001.01` or `C.10MKN00.001.2` all pass.
_UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/ ]{0,38}[A-Za-z0-9]$|^[A-Za-z0-9]$")

#: How long a BNSP competency certificate is valid when the LSP says nothing else.
COMPETENCY_VALIDITY_YEARS = 3

_SESSION_TRANSITIONS = {
    AssessmentSession.Status.PLANNED: {
        AssessmentSession.Status.ONGOING,
        AssessmentSession.Status.CANCELLED,
    },
    AssessmentSession.Status.ONGOING: {AssessmentSession.Status.COMPLETED},
    AssessmentSession.Status.COMPLETED: set(),
    AssessmentSession.Status.CANCELLED: set(),
}


def normalise_unit_code(code: str) -> str:
    """The form used to spot duplicates: upper case, with spaces, dots, dashes and slashes
    all counted as one separator (`j 620100-004.02` equals `J.620100.004.02`)."""
    return re.sub(r"[\s.\-/]+", ".", code.strip()).upper()


def check_unit_code(code: str) -> str:
    """The code as typed, trimmed, if it looks like a unit code; ValidationError if not."""
    cleaned = " ".join(code.split())
    if not cleaned:
        raise ValidationError(_("Kode unit wajib diisi."), code="unit_code_required", field="code")
    if not _UNIT_CODE.match(cleaned):
        raise ValidationError(
            _(
                "Kode unit hanya boleh berisi huruf, angka, titik, tanda hubung dan garis "
                "miring (contoh: J.620100.004.02), paling banyak 40 karakter."
            ),
            code="unit_code_invalid",
            field="code",
        )
    return cleaned


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# --- schemes and units ---------------------------------------------------------------


@dataclass(frozen=True)
class UnitData:
    code: str
    title: str


def _require_manager(actor: Any) -> None:
    roles = scope_of(actor)
    if not roles.is_superuser and not roles.roles & {Role.OFFICE_STAFF, Role.OPERATOR}:
        raise PermissionDenied(_("Anda tidak berwenang mengelola skema sertifikasi."))


def scheme_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    vocation: Any,
    units: Sequence[UnitData],
    kkni_level: int | None = None,
    lsp: CertificationBody | None = None,
) -> Scheme:
    """Create a scheme with its units in order. A unit whose normalised code already
    exists is reused (with its stored title); two lines with the same normalised code in
    one request are refused."""
    _require_manager(actor)
    code = code.strip()
    if not code or not name.strip():
        raise ValidationError(_("Kode dan nama skema wajib diisi."), code="required")
    if kind not in Scheme.Kind.values:
        raise ValidationError(_("Jenis skema tidak dikenal."), code="invalid_kind", field="kind")
    if kkni_level is not None and not 1 <= kkni_level <= 9:
        raise ValidationError(
            _("Jenjang KKNI antara 1 dan 9."), code="invalid_level", field="kkni_level"
        )
    if not units:
        raise ValidationError(
            _("Skema harus memuat sedikitnya satu unit."), code="no_units", field="units"
        )
    checked: dict[str, UnitData] = {}
    for unit in units:
        typed = check_unit_code(unit.code)
        key = normalise_unit_code(typed)
        if key in checked:
            raise ValidationError(
                _("Unit %(code)s tercantum lebih dari sekali.") % {"code": typed},
                code="duplicate_unit",
                field="units",
            )
        checked[key] = UnitData(typed, " ".join(unit.title.split()))
    with transaction.atomic():
        if Scheme.objects.filter(code__iexact=code).exists():
            raise Conflict(_("Kode skema sudah dipakai."), code="scheme_code_taken", field="code")
        existing = {normalise_unit_code(u.code): u for u in CompetencyUnit.objects.all()}
        new_units = []
        for key, data in checked.items():
            if key not in existing:
                if not data.title:
                    raise ValidationError(
                        _("Judul unit %(code)s wajib diisi.") % {"code": data.code},
                        code="unit_title_required",
                        field="units",
                    )
                new_units.append(CompetencyUnit(code=data.code, title=data.title))
        for created in CompetencyUnit.objects.bulk_create(new_units):
            existing[normalise_unit_code(created.code)] = created
        scheme = Scheme.objects.create(
            code=code,
            name=" ".join(name.split()),
            kind=kind,
            kkni_level=kkni_level,
            vocation=vocation,
            lsp=lsp,
        )
        SchemeUnit.objects.bulk_create(
            SchemeUnit(scheme=scheme, unit=existing[key], position=n)
            for n, key in enumerate(checked, start=1)
        )
        audit.record(
            actor=actor,
            action=audit_actions.SCHEME_CREATE,
            target=scheme,
            changes={"code": [None, code], "units": [None, len(checked)]},
        )
    return scheme


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
    be recorded."""
    session = candidate.session
    assessor = _assessor_for(actor, session)
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
            locked.assessed_on = timezone.localdate()
            locked.save(update_fields=["score", "result", "status", "assessed_on"])
        if session.status == AssessmentSession.Status.PLANNED:
            AssessmentSession.objects.filter(pk=session.pk).update(
                status=AssessmentSession.Status.ONGOING
            )
            session.status = AssessmentSession.Status.ONGOING
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
    _assessor_for(actor, candidate.session)
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


# --- training certificates -----------------------------------------------------------


def certificate_prefix(institution: TrainingInstitution) -> str:
    """`BLK-12` / `LPKS-7`: the institution's kind and id, so prefixes never collide."""
    return f"{institution.kind.upper()}-{institution.pk}"


def certificate_number(institution: TrainingInstitution, year: int, sequence: int) -> str:
    """The certificate number format: `<KIND>-<institution id>/<year>/<4-digit sequence>`,
    e.g. `BLK-1/2026/0007`; the sequence restarts each year per institution, no gaps."""
    return f"{certificate_prefix(institution)}/{year}/{sequence:04d}"


def new_verification_token() -> str:
    return secrets.token_hex(16)


def training_certificates_issue(
    *, actor: Any, batch: Batch, issued_on: date | None = None
) -> list[TrainingCertificate]:
    """Issue a training certificate to every graduate of `batch` who has none yet, in
    name order. Numbers continue the institution's sequence for the year of issue: the
    institution row is locked so two operators issuing at once get no gap and no clash."""
    if not policy_for(TrainingCertificate).can_any(actor, "issue") or not (
        policy_for(Batch).can(actor, "view", batch) and _can_issue_for(actor, batch)
    ):
        raise NotFound(_("Paket tidak ditemukan."))
    if batch.status != Batch.Status.FINISHED:
        raise InvalidTransition(
            _("Sertifikat hanya untuk paket yang sudah selesai."), code="batch_not_finished"
        )
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        institution = TrainingInstitution.objects.select_for_update().get(pk=batch.institution_id)
        graduates = list(
            Enrolment.objects.filter(
                batch=batch, status=Enrolment.Status.GRADUATED, certificate__isnull=True
            )
            .select_related("person")
            .order_by("person__full_name", "pk")
        )
        if not graduates:
            raise Conflict(
                _("Semua lulusan paket ini sudah bersertifikat."), code="nothing_to_issue"
            )
        head = f"{certificate_prefix(institution)}/{issued_on.year}/"
        taken = TrainingCertificate.objects.filter(number__startswith=head).values_list(
            "number", flat=True
        )
        last = max((int(n[len(head) :]) for n in taken if n[len(head) :].isdigit()), default=0)
        certificates = [
            TrainingCertificate(
                region=batch.region,
                enrolment=enrolment,
                institution=institution,
                number=certificate_number(institution, issued_on.year, last + n),
                verification_token=new_verification_token(),
                issued_on=issued_on,
            )
            for n, enrolment in enumerate(graduates, start=1)
        ]
        TrainingCertificate.objects.bulk_create(certificates)
        audit.record(
            actor=actor,
            action=audit_actions.TRAINING_CERTIFICATE_ISSUE,
            target=batch,
            changes={"numbers": [None, [c.number for c in certificates]]},
        )
    return certificates


def _can_issue_for(actor: Any, batch: Batch) -> bool:
    scope = scope_of(actor)
    return scope.is_office_of(batch.region_id) or (
        Role.OPERATOR in scope.roles and batch.institution_id in scope.institution_ids
    )


def training_certificate_revoke(
    *, actor: Any, certificate: TrainingCertificate, reason: str
) -> TrainingCertificate:
    """Revoke with a reason; the public page then shows it revoked with the date."""
    if not policy_for(TrainingCertificate).can(actor, "revoke", certificate):
        raise NotFound(_("Sertifikat tidak ditemukan."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tulis alasan pencabutan."), code="reason_required", field="reason")
    if len(reason) > 1000:
        raise ValidationError(
            _("Alasan paling banyak 1000 karakter."), code="reason_too_long", field="reason"
        )
    with transaction.atomic():
        locked = TrainingCertificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status == TrainingCertificate.Status.REVOKED:
            raise InvalidTransition(_("Sertifikat ini sudah dicabut."), code="already_revoked")
        locked.status = TrainingCertificate.Status.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_reason = reason
        locked.save(update_fields=["status", "revoked_at", "revoked_reason"])
        audit.record(
            actor=actor,
            action=audit_actions.TRAINING_CERTIFICATE_REVOKE,
            target=locked,
            changes={"status": ["valid", "revoked"], "reason": [None, reason]},
        )
    return locked


# --- competency certificates (BNSP) --------------------------------------------------


def competency_certificate_record(
    *,
    actor: Any,
    candidate: Candidate,
    registration_number: str,
    issued_on: date,
    valid_until: date | None = None,
) -> CompetencyCertificate:
    """Record the BNSP certificate a competent candidate received through the session's
    LSP. Valid for three years unless the certificate says otherwise."""
    if not policy_for(Candidate).can(actor, "change", candidate):
        raise NotFound(_("Asesi tidak ditemukan."))
    if candidate.result != Candidate.Result.COMPETENT:
        raise InvalidTransition(
            _("Sertifikat kompetensi hanya untuk asesi yang Kompeten."), code="not_competent"
        )
    number = " ".join(registration_number.split())
    if not number or len(number) > 80:
        raise ValidationError(
            _("Nomor registrasi wajib diisi, paling banyak 80 karakter."),
            code="number_invalid",
            field="registration_number",
        )
    valid_until = valid_until or add_years(issued_on, COMPETENCY_VALIDITY_YEARS)
    if valid_until <= issued_on:
        raise ValidationError(
            _("Tanggal berlaku harus setelah tanggal terbit."),
            code="dates_invalid",
            field="valid_until",
        )
    session = candidate.session
    try:
        with transaction.atomic():
            certificate = CompetencyCertificate.objects.create(
                region=candidate.region,
                person_id=candidate.person_id,
                candidate=candidate,
                scheme_id=session.scheme_id,
                lsp_id=session.lsp_id,
                registration_number=number,
                issued_on=issued_on,
                valid_until=valid_until,
            )
            audit.record(
                actor=actor,
                action=audit_actions.COMPETENCY_CERTIFICATE_RECORD,
                target=certificate,
                changes={"registration_number": [None, number]},
            )
    except IntegrityError:
        raise Conflict(
            _("Nomor ini atau asesi ini sudah tercatat."),
            code="certificate_taken",
            field="registration_number",
        ) from None
    return certificate


def competency_expiry_remind(*, today: date | None = None, days: int | None = None) -> int:
    """Email each holder whose certificate expires within `days` (setting
    COMPETENCY_EXPIRY_REMINDER_DAYS, default 90) and who has not been reminded. Remembers
    who was reminded in `reminder_sent_at`, so running it again sends nothing twice.
    Returns how many were reminded."""
    today = today or timezone.localdate()
    if days is None:
        days = getattr(settings, "COMPETENCY_EXPIRY_REMINDER_DAYS", 90)
    with transaction.atomic():
        due = list(
            CompetencyCertificate.objects.select_for_update()
            .filter(
                reminder_sent_at__isnull=True,
                valid_until__gte=today,
                valid_until__lte=today + timedelta(days=days),
            )
            .exclude(person__email="")
            .select_related("person", "scheme", "region")
        )
        if not due:
            return 0
        now = timezone.now()
        messages = []
        for certificate in due:
            certificate.reminder_sent_at = now
            messages.append(
                (
                    gettext("Sertifikat kompetensi Anda segera berakhir"),
                    gettext(
                        "Yth. %(name)s,\n\nSertifikat kompetensi %(scheme)s nomor %(number)s "
                        "berlaku sampai %(date)s. Hubungi LSP untuk sertifikasi ulang.\n"
                    )
                    % {
                        "name": certificate.person.full_name,
                        "scheme": certificate.scheme.name,
                        "number": certificate.registration_number,
                        "date": date_format(certificate.valid_until, "j F Y"),
                    },
                    settings.DEFAULT_FROM_EMAIL,
                    [certificate.person.email],
                )
            )
        CompetencyCertificate.objects.bulk_update(due, ["reminder_sent_at"])
        by_region: dict[Any, list[int]] = {}
        for certificate in due:
            by_region.setdefault(certificate.region, []).append(certificate.pk)
        for region, ids in by_region.items():
            audit.record(
                actor=None,
                action=audit_actions.COMPETENCY_CERTIFICATE_REMIND,
                region=region,
                changes={"certificates": [None, ids]},
            )
        # Mail goes last, inside the transaction: if sending fails, nobody is marked.
        send_mass_mail(messages, fail_silently=False)
    return len(due)


def next_session_statuses(session: AssessmentSession) -> list[tuple[str, Any]]:
    """The statuses a session may move to next, as (value, label) for buttons."""
    allowed = _SESSION_TRANSITIONS.get(AssessmentSession.Status(session.status), set())
    return [(s.value, s.label) for s in AssessmentSession.Status if s in allowed]


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

"""Training certificates (issued by the institution) and BNSP competency certificates."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.assessment import audit_actions
from jejaring.assessment.models import Candidate, CompetencyCertificate, TrainingCertificate
from jejaring.core import audit
from jejaring.core.dates import add_months
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.policies import policy_for
from jejaring.notices.services import Recipient, notify, notify_each
from jejaring.regions.calendar import today_in
from jejaring.training.models import Batch, Enrolment, TrainingInstitution

#: How long a BNSP competency certificate is valid when the LSP says nothing else.
COMPETENCY_VALIDITY_YEARS = 3


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years; 29 February becomes 28 February."""
    return add_months(day, 12 * years)


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
    institution row is locked so two operators issuing at once get no gap and no clash.
    The issue date (today in the region unless given) is not before the training ended
    (ValidationError ``issued_before_training_end``)."""
    if not policy_for(TrainingCertificate).can_any(actor, "issue") or not (
        policy_for(Batch).can(actor, "view", batch) and _can_issue_for(actor, batch)
    ):
        raise NotFound(_("Paket tidak ditemukan."))
    if batch.status != Batch.Status.FINISHED:
        raise InvalidTransition(
            _("Sertifikat hanya untuk paket yang sudah selesai."), code="batch_not_finished"
        )
    issued_on = issued_on or today_in(batch.region)
    if issued_on < batch.end_date:
        raise ValidationError(
            _(
                "Pelatihan ini berakhir %(end)s; sertifikat tidak dapat bertanggal "
                "%(issued)s, sebelum pelatihan berakhir."
            )
            % {
                "end": date_format(batch.end_date, "DATE_FORMAT"),
                "issued": date_format(issued_on, "DATE_FORMAT"),
            },
            code="issued_before_training_end",
            field="batch",
        )
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
        notify_each(
            kind="certificate_issued",
            region_id=batch.region_id,
            rows=[
                (
                    Recipient.of_person(c.enrolment.person),
                    reverse("assessment:my_results"),
                    {"number": c.number, "batch": batch.name},
                )
                for c in certificates
            ],
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
    tested_on = candidate.session.date
    if issued_on < tested_on:
        raise ValidationError(
            _("Tanggal terbit tidak boleh sebelum tanggal uji (%(day)s).")
            % {"day": date_format(tested_on, "DATE_FORMAT")},
            code="issued_before_test",
            field="issued_on",
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
            notify(
                kind="competency_certificate_recorded",
                region_id=certificate.region_id,
                recipients=[Recipient.of_person(candidate.person)],
                link=reverse("assessment:my_results"),
                params={"number": number, "scheme": session.scheme.name},
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

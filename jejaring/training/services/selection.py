"""Writes to enrolments: selection decisions (within the batch's seats), withdrawal,
dropping out, the duplicate check before enrolling, and opening an applicant's document."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core import audit, gates, versions
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.notices.services import Recipient, notify_each
from jejaring.training import audit_actions as actions
from jejaring.training.identity import check_accept_identity, enrolment_contact_email
from jejaring.training.models import (
    Batch,
    Enrolment,
    EnrolmentDocument,
)

_DECISIONS: dict[str, frozenset[str]] = {
    Enrolment.Status.SHORTLISTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.WAITLISTED}
    ),
    Enrolment.Status.ACCEPTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.SHORTLISTED, Enrolment.Status.WAITLISTED}
    ),
    Enrolment.Status.WAITLISTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.SHORTLISTED}
    ),
    Enrolment.Status.REJECTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.SHORTLISTED, Enrolment.Status.WAITLISTED}
    ),
}
_DECIDABLE_BATCH = frozenset({Batch.Status.OPEN, Batch.Status.SELECTION})


def enrolment_decide(
    *, actor: Any, batch: Batch, enrolment_ids: list[int], decision: str, reason: str = ""
) -> list[Enrolment]:
    """Shortlist, accept, waitlist or reject (reason required) the given enrolments of
    `batch`, all or nothing. The batch row is locked first, then the enrolments in id
    order, so accepting never exceeds the batch capacity even when two operators decide
    at once. Each person is emailed the decision after commit; each acceptance emits
    ``training.enrolment.accepted``."""
    if not policy_for(Batch).can(actor, "select", batch):
        raise PermissionDenied(_("Anda tidak berwenang menyeleksi peserta paket ini."))
    if decision not in _DECISIONS:
        raise ValidationError(_("Keputusan tidak dikenal."), code="invalid_decision")
    reason = reason.strip()
    if decision == Enrolment.Status.REJECTED and not reason:
        raise ValidationError(
            _("Alasan penolakan wajib diisi."), code="reason_required", field="reason"
        )
    ids = sorted(set(enrolment_ids))
    if not ids:
        raise ValidationError(_("Pilih minimal satu pendaftar."), code="empty_selection")
    with transaction.atomic():
        locked_batch = Batch.objects.select_for_update().get(pk=batch.pk)
        if locked_batch.status not in _DECIDABLE_BATCH:
            raise InvalidTransition(
                _("Seleksi hanya dapat dilakukan saat pendaftaran dibuka atau seleksi."),
                code="batch_not_selecting",
            )
        enrolments = list(
            Enrolment.objects.select_for_update()
            .filter(batch=locked_batch, pk__in=ids)
            .select_related("person", "batch")
            .order_by("pk")
        )
        if len(enrolments) != len(ids):
            raise ValidationError(
                _("Sebagian pendaftar tidak ditemukan di paket ini."), code="unknown_enrolment"
            )
        allowed = _DECISIONS[decision]
        wrong = [e for e in enrolments if e.status not in allowed]
        if wrong:
            raise InvalidTransition(
                _("%(count)d pendaftar tidak dapat diberi keputusan ini dari statusnya sekarang.")
                % {"count": len(wrong)},
                code="invalid_enrolment_transition",
                detail={"enrolment_ids": [e.pk for e in wrong]},
            )
        if decision == Enrolment.Status.ACCEPTED:
            check_accept_identity(enrolments)
            taken = Enrolment.objects.filter(
                batch=locked_batch, status__in=Enrolment.SEATED
            ).count()
            if taken + len(enrolments) > locked_batch.capacity:
                raise Conflict(
                    _("Kuota paket tidak cukup: tersisa %(left)d tempat.")
                    % {"left": max(locked_batch.capacity - taken, 0)},
                    code="batch_full",
                    detail={"capacity": locked_batch.capacity, "taken": taken},
                )
        now = timezone.now()
        for enrolment in enrolments:
            enrolment.status = decision
            enrolment.status_reason = reason
            enrolment.decided_at = now
        Enrolment.objects.bulk_update(enrolments, ["status", "status_reason", "decided_at"])
        versions.bump(locked_batch.region_id, versions.TRAINING)
        audit.record(
            actor=actor,
            action=actions.ENROLMENT_DECIDE,
            target=locked_batch,
            changes={"decision": ["", decision], "enrolments": [[], ids]},
        )
        for enrolment in enrolments:
            if decision == Enrolment.Status.ACCEPTED:
                gates.emit("training.enrolment.accepted", actor=actor, obj=enrolment)
        _notify_decision(locked_batch, enrolments, decision, reason)
    return enrolments


def _notify_decision(batch: Batch, enrolments: list[Enrolment], decision: str, reason: str) -> None:
    """Tell each applicant the decision: in the app, by mail after commit, or by the
    WhatsApp text office staff send. News of an unconfirmed enrolment reaches only what
    was typed with it (`enrolment_contact_email`), never the record's own contacts."""
    link = "my_training:enrolment_detail"
    notify_each(
        kind=f"selection_{decision}",
        region_id=batch.region_id,
        rows=[
            (
                _applicant_recipient(enrolment),
                reverse(link, kwargs={"enrolment_id": enrolment.pk}),
                {"batch": batch.name},
            )
            for enrolment in enrolments
        ],
    )


def _applicant_recipient(enrolment: Enrolment) -> Recipient:
    if enrolment.is_confirmed:
        return Recipient.of_person(enrolment.person)
    return Recipient(
        user_id=enrolment.applicant_user_id,
        email=enrolment_contact_email(enrolment),
        phone=str(enrolment.applicant.get("phone", "")),
        name=enrolment.display_name,
    )


_BEFORE_START = frozenset(
    {
        Enrolment.Status.APPLIED,
        Enrolment.Status.SHORTLISTED,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.ACCEPTED,
    }
)


def enrolment_withdraw(*, actor: Any, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """A trainee withdraws their own enrolment before the batch runs."""
    if not policy_for(Enrolment).can(actor, "withdraw", enrolment):
        raise PermissionDenied(_("Anda tidak berwenang mengundurkan diri dari pendaftaran ini."))
    return _enrolment_end(
        actor=actor,
        enrolment=enrolment,
        status=Enrolment.Status.WITHDRAWN,
        action=actions.ENROLMENT_WITHDRAWN,
        allowed=_BEFORE_START,
        reason=reason.strip(),
    )


def enrolment_drop_out(*, actor: Any, enrolment: Enrolment, reason: str) -> Enrolment:
    """An operator records that a participant left a running batch (reason required)."""
    if not policy_for(Enrolment).can(actor, "change", enrolment):
        raise PermissionDenied(_("Anda tidak berwenang mengubah pendaftaran ini."))
    if not reason.strip():
        raise ValidationError(_("Alasan wajib diisi."), code="reason_required", field="reason")
    return _enrolment_end(
        actor=actor,
        enrolment=enrolment,
        status=Enrolment.Status.DROPPED_OUT,
        action=actions.ENROLMENT_DROPPED_OUT,
        allowed=frozenset({Enrolment.Status.TRAINING}),
        reason=reason.strip(),
    )


def _enrolment_end(
    *,
    actor: Any,
    enrolment: Enrolment,
    status: str,
    action: str,
    allowed: frozenset[str],
    reason: str,
) -> Enrolment:
    with transaction.atomic():
        Batch.objects.select_for_update().get(pk=enrolment.batch_id)
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if locked.status not in allowed:
            raise InvalidTransition(
                _("Pendaftaran dengan status %(status)s tidak dapat diubah seperti ini.")
                % {"status": locked.get_status_display()},
                code="invalid_enrolment_transition",
            )
        before = locked.status
        locked.status, locked.status_reason = status, reason
        locked.save(update_fields=["status", "status_reason"])
        versions.bump(locked.region_id, versions.TRAINING)
        audit.record(
            actor=actor,
            action=action,
            target=locked,
            changes={"status": [before, status]},
        )
    return locked


_ACTIVE = frozenset(
    {
        Enrolment.Status.APPLIED,
        Enrolment.Status.SHORTLISTED,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.ACCEPTED,
        Enrolment.Status.TRAINING,
    }
)


def enrolment_check_duplicates(*, batch: Batch, person_id: int) -> None:
    """Refuse a second enrolment of the person in `batch`, or an active enrolment in a
    batch whose dates overlap it. The messages say nothing about the person's record."""
    if Enrolment.objects.filter(batch=batch, person_id=person_id).exists():
        raise Conflict(
            _("NIK ini sudah mendaftar di paket ini."), code="already_enrolled", field="nik"
        )
    overlapping = Enrolment.objects.filter(
        person_id=person_id,
        status__in=_ACTIVE,
        batch__start_date__lte=batch.end_date,
        batch__end_date__gte=batch.start_date,
    ).exclude(batch__status=Batch.Status.CANCELLED)
    if overlapping.exists():
        raise Conflict(
            _("Pendaftar masih terdaftar di paket lain yang waktunya bertumpang tindih."),
            code="overlapping_enrolment",
            field="nik",
        )


def enrolment_document_open(*, actor: Any, document: EnrolmentDocument) -> Any:
    """Open an applicant's uploaded document (KTP, diploma…) for staff who may select
    the batch; each opening is audited, as it shows personal data."""
    enrolment = document.enrolment
    if not policy_for(Batch).can(actor, "select", enrolment.batch):
        raise PermissionDenied(_("Anda tidak berwenang melihat dokumen ini."))
    if not document.file:
        raise NotFound(_("Dokumen tidak ditemukan."), code="document_not_found")
    try:
        handle = document.file.open("rb")
    except OSError:
        raise NotFound(_("Dokumen tidak ditemukan."), code="document_missing") from None
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=actions.ENROLMENT_DOCUMENT_VIEW,
            target=enrolment,
            changes={"document": [None, document.pk], "kind": [None, document.kind]},
        )
    return handle

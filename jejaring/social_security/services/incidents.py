"""Work accidents and deaths, and their claims."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from jejaring.social_security import audit_actions
from jejaring.social_security.models import Coverage, Incident
from jejaring.social_security.services.access import _changeable, _require_office_staff


def incident_record(
    *,
    actor: Any,
    coverage: Coverage,
    kind: str,
    occurred_at: Any,
    place: str,
    description: str,
    injury: str = "",
    base_url: str = "",
) -> Incident:
    """Record a work accident during a covered training or internship and email the
    region's office staff after commit (they also see it on their pages). Office staff of
    the cover's region may record it, and company HR for their own company's intern; a
    role held in another region does not count.

    The email carries a reference, the region and a link to the record (absolute when
    `base_url` or the PUBLIC_BASE_URL setting is given), never what the reporter wrote:
    the description is personal health data and free text, so it is read after signing
    in, where access is checked and audited."""
    scope = scope_of(actor)
    allowed = scope_of(actor).is_office_of(coverage.region_id) or (
        Role.COMPANY_HR in scope.roles
        and coverage.referral is not None
        and coverage.referral.company_id in scope.company_ids
    )
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang mencatat kejadian ini."))
    if kind not in Incident.Kind.values:
        raise ValidationError(_("Jenis kejadian tidak dikenal."), field="kind")
    if not place.strip() or not description.strip():
        raise ValidationError(_("Tempat dan kronologi wajib diisi."), field="description")
    with transaction.atomic():
        incident = Incident.objects.create(
            region_id=coverage.region_id,
            coverage=coverage,
            kind=kind,
            occurred_at=occurred_at,
            place=place.strip(),
            description=description.strip(),
            injury=injury.strip(),
            reported_by=actor,
        )
        audit.record(actor=actor, action=audit_actions.INCIDENT_RECORD, target=incident)
        recipients = list(
            get_user_model()
            .objects.filter(
                memberships__region_id=coverage.region_id,
                memberships__role=Role.OFFICE_STAFF,
                memberships__is_active=True,
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        subject = str(_("Kejadian baru: %(kind)s") % {"kind": incident.get_kind_display()})
        body = str(
            _(
                "Kejadian baru nomor %(number)d tercatat di %(region)s.\n\n"
                "Rinciannya dapat dibaca setelah masuk ke Jejaring:\n%(link)s\n"
            )
            % {
                "number": incident.pk,
                "region": coverage.region.name,
                "link": incident_link(incident, base_url),
            }
        )
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    return incident


def incident_link(incident: Incident, base_url: str = "") -> str:
    """The incident's page, absolute from the PUBLIC_BASE_URL setting when set (behind a
    proxy the request's host may be internal), else from `base_url`, else the path."""
    path = reverse("social_security:incident_detail", kwargs={"incident_id": incident.pk})
    base = getattr(settings, "PUBLIC_BASE_URL", "") or base_url
    return base.rstrip("/") + path if base else path


#: Claim statuses follow the insurer's process; paid and rejected are final.
CLAIM_TRANSITIONS: dict[str, frozenset[str]] = {
    Incident.ClaimStatus.REPORTED: frozenset(
        {Incident.ClaimStatus.SUBMITTED, Incident.ClaimStatus.REJECTED}
    ),
    Incident.ClaimStatus.SUBMITTED: frozenset(
        {Incident.ClaimStatus.IN_PROCESS, Incident.ClaimStatus.PAID, Incident.ClaimStatus.REJECTED}
    ),
    Incident.ClaimStatus.IN_PROCESS: frozenset(
        {Incident.ClaimStatus.PAID, Incident.ClaimStatus.REJECTED}
    ),
}


def incident_claim_update(
    *,
    actor: Any,
    incident: Incident,
    claim_status: str,
    claim_number: str = "",
    base_url: str = "",
) -> Incident:
    """Follow the claim of `incident`: reported → submitted → in process → paid or
    rejected (office staff of the incident's region only, audited). A claim number, once
    the insurer gives one, is kept with it. The reporter is emailed the new status with a
    link to the record, nothing of the record itself."""
    _require_office_staff(actor)
    claim_number = claim_number.strip()
    if len(claim_number) > 40:
        raise ValidationError(_("Nomor klaim terlalu panjang."), field="claim_number")
    with transaction.atomic():
        locked = (
            _changeable(actor, Incident)
            .select_for_update(of=("self",))
            .filter(pk=incident.pk)
            .select_related("reported_by")
            .first()
        )
        if locked is None:
            raise NotFound(_("Kejadian tidak ditemukan."))
        if claim_status not in CLAIM_TRANSITIONS.get(locked.claim_status, frozenset()):
            raise InvalidTransition(
                _("Status klaim tidak dapat diubah dari “%(before)s”.")
                % {"before": locked.get_claim_status_display()},
                code="invalid_claim_transition",
                field="claim_status",
            )
        changes = {"claim_status": [locked.claim_status, claim_status]}
        if claim_number and claim_number != locked.claim_number:
            changes["claim_number"] = [locked.claim_number, claim_number]
            locked.claim_number = claim_number
        locked.claim_status = claim_status
        locked.save(update_fields=["claim_status", "claim_number"])
        audit.record(
            actor=actor, action=audit_actions.INCIDENT_CLAIM, target=locked, changes=changes
        )
        reporter = locked.reported_by
        if reporter is not None and reporter.pk != actor.pk and reporter.email:
            # Whoever reported it (often the host company's HR) hears how the claim goes.
            subject = str(
                _("Status klaim kejadian: %(status)s")
                % {"status": locked.get_claim_status_display()}
            )
            body = str(
                _(
                    "Status klaim kejadian nomor %(number)d kini: %(status)s.\n\n"
                    "Rinciannya dapat dibaca setelah masuk ke Jejaring:\n%(link)s\n"
                )
                % {
                    "number": locked.pk,
                    "status": locked.get_claim_status_display(),
                    "link": incident_link(locked, base_url),
                }
            )
            email = reporter.email
            transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    incident.claim_status, incident.claim_number = locked.claim_status, locked.claim_number
    return locked

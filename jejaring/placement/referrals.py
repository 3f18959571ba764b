"""Writes on referrals: what became of a candidate (company HR or office staff record it),
a candidate declining, and a direct referral outside a round.

Allowed transitions::

    referred  → accepted | rejected (reason) | declined (reason) | cancelled
    accepted  → started | rejected (reason) | declined (reason)
    started   → completed (internships) | hired | declined (reason)
    completed → hired

An internship starts only with a ratified internship agreement ("no agreement, no
start", `employers.internships.internship_agreement_ratified`) and when the gate
``placement.internship.start`` finds nothing, or office staff override it with a reason.
Starting or being hired emits ``placement.referral.started``; every change of status
emits ``placement.referral.status_changed`` (with the status before), in the same
transaction, so the apps above (vacancies: a filled opening) act with it. Being hired also
closes the person's AK/1 card, if they hold one, as reported by the employer.

Seats: see `jejaring.placement.services`. A direct referral takes a seat under a lock of
the formation row, so concurrent referrals never exceed the quota.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.core import audit, gates, versions
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.policies import policy_for
from jejaring.employers.models import Formation
from jejaring.jobseekers.models import CloseSource
from jejaring.jobseekers.services import card_close_hired
from jejaring.placement import audit_actions, notifications
from jejaring.placement.internship_agreements import internship_agreement_ratified
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.placement.seats import seats_held
from jejaring.placement.services import lock_formations
from jejaring.trainees.models import Person

R = Referral.Status
TRANSITIONS: dict[str, frozenset[str]] = {
    R.REFERRED: frozenset({R.ACCEPTED, R.REJECTED, R.DECLINED, R.CANCELLED}),
    R.ACCEPTED: frozenset({R.STARTED, R.REJECTED, R.DECLINED}),
    R.STARTED: frozenset({R.COMPLETED, R.HIRED, R.DECLINED}),
    R.COMPLETED: frozenset({R.HIRED}),
}
#: Outcomes company HR and office staff record (declining is the candidate's).
OUTCOMES = (R.ACCEPTED, R.REJECTED, R.STARTED, R.COMPLETED, R.HIRED)
NEEDS_REASON = (R.REJECTED, R.DECLINED, R.CANCELLED)


def referral_record_outcome(
    *,
    actor: Any,
    referral: Referral,
    status: str,
    reason: str = "",
    on: date | None = None,
    override_reason: str = "",
) -> Referral:
    """Record what became of a referred candidate (`status` in OUTCOMES, or cancelled by
    office staff). `on` is the day it happened (start, end of internship, hire)."""
    if not policy_for(Referral).can(actor, "record_outcome", referral):
        raise NotFound(_("Penyaluran tidak ditemukan."))
    is_office = scope_of(actor).is_office_of(referral.region_id)
    if status == R.CANCELLED and not is_office:
        raise NotFound(_("Penyaluran tidak ditemukan."))
    if status not in (*OUTCOMES, R.CANCELLED):
        raise ValidationError(_("Hasil tidak dikenal."), code="unknown_outcome", field="status")
    return _change(
        actor=actor,
        referral=referral,
        status=status,
        reason=reason,
        on=on,
        override_reason=override_reason if is_office else "",
    )


def referral_decline(*, actor: Any, referral: Referral, reason: str) -> Referral:
    """The candidate withdraws; the seat goes back to the formation."""
    if scope_of(actor).person_id != referral.person_id:
        raise NotFound(_("Penyaluran tidak ditemukan."))
    return _change(actor=actor, referral=referral, status=R.DECLINED, reason=reason, on=None)


def _change(
    *,
    actor: Any,
    referral: Referral,
    status: str,
    reason: str,
    on: date | None,
    override_reason: str = "",
) -> Referral:
    reason = reason.strip()
    if status in NEEDS_REASON and not reason:
        raise ValidationError(_("Tuliskan alasannya."), code="reason_required", field="reason")
    if len(reason) > 2000:
        raise ValidationError(_("Alasan terlalu panjang."), code="reason_too_long", field="reason")
    today = timezone.localdate()
    day = on or today
    if day > today:
        raise ValidationError(
            _("Tanggal tidak boleh di masa depan."), code="date_in_future", field="on"
        )
    with transaction.atomic():
        locked = (
            Referral.objects.select_for_update()
            .select_related("formation", "person", "region", "company")
            .get(pk=referral.pk)
        )
        if status not in TRANSITIONS.get(locked.status, frozenset()):
            raise InvalidTransition(
                _("Penyaluran berstatus “%(status)s”; tidak dapat diubah menjadi “%(to)s”.")
                % {"status": locked.get_status_display(), "to": R(status).label},
                detail={"status": locked.status, "to": status},
            )
        internship = locked.formation.kind == Formation.Kind.INTERNSHIP
        if status == R.COMPLETED and not internship:
            raise InvalidTransition(_("Hanya pemagangan yang dapat dinyatakan selesai."))
        if status == R.STARTED and internship:
            _internship_may_start(actor, locked, override_reason)
        before = {"status": locked.status, "status_reason": locked.status_reason}
        locked.status = status
        if status in NEEDS_REASON:
            locked.status_reason = reason
        if status in (R.ACCEPTED, R.REJECTED):
            locked.decided_at = timezone.now()
        if status == R.STARTED:
            locked.started_on = day
        if status == R.COMPLETED:
            locked.ended_on = day
        if status == R.HIRED:
            locked.hired_on = day
            if locked.started_on is None:
                locked.started_on = day
        locked.save()
        versions.bump(locked.region_id, versions.PLACEMENT)
        audit.record(
            actor=actor,
            action=audit_actions.referral_outcome(status),
            target=locked,
            changes=audit.diff(
                before, {"status": locked.status, "status_reason": locked.status_reason}
            ),
        )
        if status == R.HIRED:
            # Before the "started" event: the employer's word closes the card, not a
            # tracer answer the event may write.
            card_close_hired(
                actor=actor,
                person=locked.person,
                on=day,
                employer_name=locked.company.name,
                source=CloseSource.EMPLOYER,
                company_id=locked.company_id,
            )
        if status in (R.STARTED, R.HIRED):
            gates.emit("placement.referral.started", actor=actor, obj=locked)
        gates.emit(
            "placement.referral.status_changed", actor=actor, obj=locked, before=before["status"]
        )
        notifications.referral_answered(locked)
    return locked


def _internship_may_start(actor: Any, referral: Referral, override_reason: str) -> None:
    if not internship_agreement_ratified(referral):
        message = _(
            "Pemagangan belum dapat dimulai: perjanjian pemagangan belum disahkan dinas "
            "(tanpa perjanjian, tidak ada magang)."
        )
        raise Conflict(
            message,
            code="agreement_not_ratified",
            detail={
                "blocked": [
                    _blocked(
                        "agreement_not_ratified",
                        _(
                            "Perjanjian pemagangan belum disahkan dinas (tanpa perjanjian, "
                            "tidak ada magang)."
                        ),
                        actor,
                        referral,
                    )
                ]
            },
        )
    problems = gates.check("placement.internship.start", obj=referral, actor=actor)
    if not problems:
        return
    overridable = all(p.overridable for p in problems)
    if override_reason.strip() and overridable:
        gates.record_override(
            "placement.internship.start",
            actor=actor,
            obj=referral,
            reason=override_reason.strip(),
            problems=problems,
        )
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_START_OVERRIDE,
            target=referral,
            changes={"reason": override_reason.strip(), "problems": [p.code for p in problems]},
        )
        return
    raise Conflict(
        _("Pemagangan belum dapat dimulai: %(problems)s")
        % {"problems": " ".join(str(p.message) for p in problems)},
        code="internship_start_blocked",
        detail={
            "problems": [p.code for p in problems],
            "overridable": overridable,
            "blocked": [
                {
                    "code": p.code,
                    "message": str(p.message),
                    "link": p.link,
                    "link_label": str(p.link_label),
                }
                for p in problems
            ],
        },
    )


def _blocked(code: str, message: str, actor: Any, referral: Referral) -> dict[str, str]:
    """A refused start's problem with the link that clears it: the agreement (or, with
    none yet, the page to draw it up) — the actor already records this referral's
    outcomes, so may open both, but an agreement is linked only if its policy agrees."""
    agreement = InternshipAgreement.objects.filter(referral_id=referral.pk).first()
    if agreement is None:
        link = reverse(
            "internship_agreements:internship_agreement_create",
            kwargs={"referral_id": referral.pk},
        )
        label = _("Buat perjanjian magang")
    elif policy_for(InternshipAgreement).can(actor, "view", agreement):
        link = reverse(
            "internship_agreements:internship_agreement_detail",
            kwargs={"internship_agreement_id": agreement.pk},
        )
        label = _("Buka perjanjian magang")
    else:
        link = label = ""
    return {"code": code, "message": message, "link": link, "link_label": label}


def referral_create(*, actor: Any, formation: Formation, person: Person) -> Referral:
    """Refer one person directly to a formation (outside a round), taking one of its seats.
    The formation row is locked, so concurrent referrals never exceed its quota."""
    if not scope_of(actor).is_office_of(formation.region_id):
        raise NotFound(_("Formasi tidak ditemukan."))
    if person.region_id != formation.region_id:
        raise NotFound(_("Orang tidak ditemukan."))
    with transaction.atomic():
        (locked,) = lock_formations([formation.pk])
        if locked.status != Formation.Status.OPEN:
            raise InvalidTransition(_("Formasi ini tidak sedang dibuka."))
        taken = seats_held([locked.pk]).get(locked.pk, 0)
        if taken >= locked.quota:
            raise Conflict(
                _("Kuota formasi sudah penuh (%(quota)d).") % {"quota": locked.quota},
                code="quota_full",
            )
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    region_id=locked.region_id,
                    formation=locked,
                    company_id=locked.company_id,
                    person=person,
                )
        except IntegrityError:
            raise Conflict(
                _("Orang ini sudah disalurkan ke formasi ini."), code="already_referred"
            ) from None
        referral.letter_number = f"560/PNY-L/{referral.pk:05d}/{timezone.localdate().year}"
        referral.save(update_fields=["letter_number"])
        versions.bump(locked.region_id, versions.PLACEMENT)
        audit.record(
            actor=actor,
            action=audit_actions.REFERRAL_CREATE,
            target=referral,
            changes={"formation": locked.pk, "seats_taken": taken + 1},
        )
    return referral


#: Referrals whose candidate the company is still dealing with: their contact is shown.
CONTACT_LIVE = (R.REFERRED, R.ACCEPTED, R.STARTED)


def may_see_contact(actor: Any, referral: Referral) -> bool:
    """Company HR of the referral's own company, while the referral is live."""
    scope = scope_of(actor)
    return (
        Role.COMPANY_HR in scope.roles
        and referral.company_id in scope.company_ids
        and referral.status in CONTACT_LIVE
    )


def referral_contact_reveal(
    *, actor: Any, referral: Referral, ip_address: str | None = None
) -> tuple[str, str]:
    """The referred candidate's phone and email, for HR of the company the candidate was
    referred to, while the referral is live; every look is audited (UU 27/2022). Anyone
    else gets NotFound."""
    if not may_see_contact(actor, referral):
        raise NotFound(_("Penyaluran tidak ditemukan."))
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=audit_actions.REFERRAL_CONTACT_VIEW,
            target=referral,
            changes={"person": referral.person_id},
            ip_address=ip_address,
        )
    return referral.person.phone, referral.person.email

"""Verifying who an enrolment's applicant is, and what follows from it.

A registration or an import records what was typed (`Enrolment.applicant`) and names a
person by NIK; it proves nothing. Identity is settled here:

- `enrolment_verify_identity`: the operator or office selecting the batch has seen the
  KTP. When the person's record belongs to the batch's region the enrolment is confirmed
  at once (and an unverified record becomes verified, its typed fields taken from this
  enrolment); when it belongs to another region it waits for that home office.
- `enrolment_identity_accept` / `enrolment_identity_decline`: the home office, or the
  person signed in to their own verified account, settles a match from another region.
- An account is bound to a person only when an enrolment it submitted is confirmed, and
  never re-bound: a person who already has another account gets a review item instead.

Everything is audited; nothing here tells a registrant anything about a NIK.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import OFFICE, policy_for
from jejaring.trainees import audit_actions as person_actions
from jejaring.trainees.models import PERSON_DETAIL_FIELDS, Person
from jejaring.trainees.services import person_account_bind
from jejaring.training import audit_actions as actions
from jejaring.training.models import Batch, Enrolment, IdentityReview

#: The typed fields a verification copies onto a record that was never verified.
_RECORD_FIELDS = ("full_name", "birth_place", *PERSON_DETAIL_FIELDS)


def applicant_snapshot(**typed: Any) -> dict[str, Any]:
    """What a registrant or an import row typed, as stored on the enrolment (strings
    only, empty values left out)."""
    return {key: str(value) for key, value in typed.items() if value not in (None, "")}


def contact_differs(person: Person, applicant: dict[str, Any]) -> bool:
    """Whether the typed email or phone differs from the person's record (only where the
    record holds one)."""
    email = str(applicant.get("email", "")).lower()
    phone = str(applicant.get("phone", ""))
    return bool(
        (person.email and email and person.email.lower() != email)
        or (person.phone and phone and person.phone != phone)
    )


def _may_select(actor: Any, batch: Batch) -> bool:
    return policy_for(Batch).can(actor, "select", batch)


def _is_home_office(actor: Any, person: Person) -> bool:
    return scope_of(actor).is_office_of(person.region_id)


def _is_the_person(actor: Any, person: Person) -> bool:
    return scope_of(actor).person_id == person.pk


def enrolment_verify_identity(
    *, actor: Any, enrolment: Enrolment, full_name: str = ""
) -> Enrolment:
    """Record that the actor, selecting the enrolment's batch, has seen the applicant's
    KTP and that it matches. `full_name` corrects the name to the KTP's spelling (only for
    a record nobody has verified yet; a verified record is changed by its home office)."""
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update()
            .select_related("batch", "person")
            .filter(pk=enrolment.pk)
            .first()
        )
        if locked is None or not _may_select(actor, locked.batch):
            raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
        if locked.identity != Enrolment.Identity.UNVERIFIED:
            raise InvalidTransition(
                _("Identitas pendaftar ini sudah diperiksa."), code="identity_already_checked"
            )
        now = timezone.now()
        locked.identity_checked_by = actor
        locked.identity_checked_at = now
        person = Person.objects.select_for_update().get(pk=locked.person_id)
        if person.region_id == locked.region_id:
            _confirm(actor=actor, enrolment=locked, person=person, full_name=full_name, now=now)
        else:
            locked.identity = Enrolment.Identity.AWAITING_HOME
            locked.save(update_fields=["identity", "identity_checked_by", "identity_checked_at"])
            audit.record(
                actor=actor,
                action=actions.ENROLMENT_IDENTITY_CHECKED,
                target=locked,
                changes={"identity": [Enrolment.Identity.UNVERIFIED, locked.identity]},
            )
    return locked


def enrolment_identity_accept(*, actor: Any, enrolment: Enrolment) -> Enrolment:
    """The home office (after the institution saw the KTP) or the person themself, signed
    in to their verified account, agrees that the enrolment is theirs."""
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if locked is None:
            raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
        person = Person.objects.select_for_update().get(pk=locked.person_id)
        by_person = _is_the_person(actor, person)
        if not by_person and not _is_home_office(actor, person):
            raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
        allowed = {Enrolment.Identity.AWAITING_HOME}
        if by_person:
            allowed.add(Enrolment.Identity.UNVERIFIED)
        if locked.identity not in allowed:
            raise InvalidTransition(
                _("Pendaftaran ini tidak menunggu konfirmasi identitas."),
                code="identity_not_awaiting",
            )
        _confirm(actor=actor, enrolment=locked, person=person, full_name="", now=timezone.now())
    return locked


def enrolment_identity_decline(*, actor: Any, enrolment: Enrolment, reason: str) -> Enrolment:
    """The home office or the person says the enrolment is not theirs: it is refused and
    gives nobody access to the record."""
    reason = " ".join(reason.split())[:500]
    if not reason:
        raise ValidationError(_("Alasan wajib diisi."), code="reason_required", field="reason")
    with transaction.atomic():
        locked = Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if locked is None:
            raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
        person = Person.objects.get(pk=locked.person_id)
        if not _is_the_person(actor, person) and not _is_home_office(actor, person):
            raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
        if locked.is_confirmed:
            raise InvalidTransition(
                _("Identitas pendaftaran ini sudah dikonfirmasi."), code="identity_confirmed"
            )
        before = locked.status
        locked.status = Enrolment.Status.REJECTED
        locked.status_reason = _("Identitas tidak cocok: %(reason)s") % {"reason": reason}
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "status_reason", "decided_at"])
        audit.record(
            actor=actor,
            action=actions.ENROLMENT_IDENTITY_DECLINED,
            target=locked,
            changes={"status": [before, locked.status]},
        )
    return locked


def _confirm(*, actor: Any, enrolment: Enrolment, person: Person, full_name: str, now: Any) -> None:
    before = enrolment.identity
    enrolment.identity = Enrolment.Identity.CONFIRMED
    enrolment.identity_confirmed_by = actor
    enrolment.identity_confirmed_at = now
    enrolment.save(
        update_fields=[
            "identity",
            "identity_checked_by",
            "identity_checked_at",
            "identity_confirmed_by",
            "identity_confirmed_at",
        ]
    )
    changes: dict[str, Any] = {"identity": [before, enrolment.identity]}
    if not person.is_verified:
        changes.update(
            _verify_person(
                actor=actor, person=person, enrolment=enrolment, full_name=full_name, now=now
            )
        )
    elif contact_differs(person, enrolment.applicant):
        _review(IdentityReview.Kind.CONTACT_DIFFERS, person=person, enrolment=enrolment)
    changes.update(_bind_account(actor=actor, person=person, enrolment=enrolment))
    audit.record(
        actor=actor,
        action=actions.ENROLMENT_IDENTITY_CONFIRMED,
        target=enrolment,
        changes=changes,
    )


def _verify_person(
    *, actor: Any, person: Person, enrolment: Enrolment, full_name: str, now: Any
) -> dict[str, Any]:
    """A record nobody had verified holds only what someone typed; the KTP check makes
    this enrolment's typed data (and the KTP's spelling of the name) the record."""
    typed = dict(enrolment.applicant)
    name = " ".join(full_name.split())[:200]
    if name:
        typed["full_name"] = name
    fields = [f for f in _RECORD_FIELDS if typed.get(f) and typed[f] != getattr(person, f)]
    before = audit.snapshot(person, fields)
    for f in fields:
        setattr(person, f, typed[f])
    person.verified_at = now
    person.verified_by = actor if getattr(actor, "is_authenticated", False) else None
    person.save(update_fields=[*fields, "verified_at", "verified_by", "updated_at"])
    audit.record(
        actor=actor,
        action=person_actions.PERSON_VERIFY,
        target=person,
        changes={**audit.diff(before, {f: typed[f] for f in fields}), "verified": [False, True]},
    )
    return {"person_verified": [False, True]}


def _bind_account(*, actor: Any, person: Person, enrolment: Enrolment) -> dict[str, Any]:
    user = enrolment.applicant_user
    if user is None or person.user_id == user.pk:
        return {}
    if not person_account_bind(person=person, user=user):
        # Never re-bind silently: the home office looks at it.
        _review(IdentityReview.Kind.ACCOUNT_BOUND, person=person, enrolment=enrolment)
        return {"account_bound": [False, False]}
    return {"account_bound": [False, True]}


def review_raise(
    kind: str,
    *,
    region_id: int,
    person: Person,
    batch_id: int,
    applicant: dict[str, Any],
    enrolment: Enrolment | None = None,
) -> IdentityReview:
    """A review item for the office of `region_id`, instead of telling the registrant."""
    return IdentityReview.objects.create(
        region_id=region_id,
        kind=kind,
        person=person,
        batch_id=batch_id,
        enrolment=enrolment,
        applicant=applicant,
    )


def _review(kind: str, *, person: Person, enrolment: Enrolment) -> None:
    review_raise(
        kind,
        region_id=person.region_id,
        person=person,
        batch_id=enrolment.batch_id,
        applicant=enrolment.applicant,
        enrolment=enrolment,
    )


def identity_review_resolve(*, actor: Any, review: IdentityReview) -> IdentityReview:
    """Office staff of the review's region mark it handled (audited)."""
    if not scope_of(actor).is_office_of(review.region_id):
        raise PermissionDenied(_("Anda tidak berwenang menangani tinjauan ini."))
    with transaction.atomic():
        locked = IdentityReview.objects.select_for_update().get(pk=review.pk)
        if locked.resolved_at is None:
            locked.resolved_at = timezone.now()
            locked.resolved_by = actor
            locked.save(update_fields=["resolved_at", "resolved_by"])
            audit.record(
                actor=actor,
                action=actions.IDENTITY_REVIEW_RESOLVE,
                target=locked,
                changes={"resolved": [False, True]},
            )
    return locked


def check_accept_identity(enrolments: list[Enrolment]) -> None:
    """Only a confirmed identity is accepted (a KTP seen, and another region's person
    agreed to by their home office or themself), and only someone not already active in a
    batch whose dates overlap; named, since the operator has seen the person by then."""
    unconfirmed = [e for e in enrolments if not e.is_confirmed]
    if unconfirmed:
        raise ValidationError(
            _("Periksa KTP dan verifikasi identitas dulu sebelum menerima: %(names)s.")
            % {"names": ", ".join(e.display_name for e in unconfirmed)},
            code="identity_unverified",
            detail={"enrolment_ids": [e.pk for e in unconfirmed]},
        )
    for enrolment in enrolments:
        overlapping = (
            Enrolment.objects.filter(
                person_id=enrolment.person_id,
                status__in=Enrolment.SEATED,
                batch__start_date__lte=enrolment.batch.end_date,
                batch__end_date__gte=enrolment.batch.start_date,
            )
            .exclude(batch_id=enrolment.batch_id)
            .exclude(batch__status=Batch.Status.CANCELLED)
        )
        if overlapping.exists():
            raise Conflict(
                _("%(name)s masih mengikuti paket lain yang waktunya bertumpang tindih.")
                % {"name": enrolment.display_name},
                code="overlapping_enrolment",
                detail={"enrolment_ids": [enrolment.pk]},
            )


def enrolment_contact_email(enrolment: Enrolment) -> str:
    """Where news of an enrolment goes: the person's record once the identity is
    confirmed; before, only the address typed with it (a registration naming someone
    else's NIK never reaches that person's mail, nor theirs the registrant's)."""
    if enrolment.is_confirmed:
        return enrolment.person.email
    return str(enrolment.applicant.get("email", ""))


# --- reads ------------------------------------------------------------------------------


def awaiting_home_list_for(*, actor: Any) -> QuerySet[Enrolment]:
    """Enrolments in other regions naming a person of the actor's office, whose KTP the
    institution has seen, waiting for this office to confirm."""
    home_office = policy_for(Person).permitted(actor, OFFICE).values("pk")
    qs = Enrolment.objects.filter(identity=Enrolment.Identity.AWAITING_HOME, person__in=home_office)
    return qs.select_related("person", "batch", "institution", "region").order_by(
        "identity_checked_at", "pk"
    )


def awaiting_home_get_for(*, actor: Any, enrolment_id: int) -> Enrolment:
    enrolment = awaiting_home_list_for(actor=actor).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFound(_("Pendaftaran tidak ditemukan."), code="enrolment_not_found")
    return enrolment


def identity_review_list_for(*, actor: Any) -> QuerySet[IdentityReview]:
    return (
        IdentityReview.objects.for_actor(actor)
        .filter(resolved_at__isnull=True)
        .select_related("person", "batch")
    )


def identity_review_get_for(*, actor: Any, review_id: int) -> IdentityReview:
    review = identity_review_list_for(actor=actor).filter(pk=review_id).first()
    if review is None:
        raise NotFound(_("Tinjauan tidak ditemukan."), code="review_not_found")
    return review


def claims_on_own_person(*, actor: Any) -> QuerySet[Enrolment]:
    """Registrations submitted by someone else that name the signed-in person and are
    not settled yet: the person may accept or decline them."""
    scope = scope_of(actor)
    return (
        Enrolment.objects.filter(person_id=scope.person_id or 0)
        .exclude(identity=Enrolment.Identity.CONFIRMED)
        .exclude(status=Enrolment.Status.REJECTED)
        .filter(~Q(applicant_user_id=scope.user_id or 0) | Q(applicant_user__isnull=True))
        .select_related("batch", "institution")
    )

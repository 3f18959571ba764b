"""Changing, verifying, reading and exporting a registered person's record. Each write is
atomic and audited; the NIK and phone are recorded in the audit only as changed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import forget_scope, scope_of
from jejaring.core import audit, versions
from jejaring.core.errors import PermissionDenied, ValidationError
from jejaring.core.policies import OFFICE, policy_for
from jejaring.trainees import audit_actions
from jejaring.trainees.models import PERSON_DETAIL_FIELDS, Person
from jejaring.trainees.services.register import checked_phone

#: What may change after registration, in form order; the NIK and what follows from it
#: (sex, birth date) may not.
EDITABLE_FIELDS = ("full_name", "birth_place", *PERSON_DETAIL_FIELDS, "disability")


def person_update(*, actor: Any, person: Person, changes: dict[str, Any]) -> Person:
    """Change the editable fields of a person; the NIK, sex and birth date follow the NIK
    and are not edited here."""
    if not policy_for(Person).can(actor, "change", person):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data orang ini."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Kolom tidak dapat diubah: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            code="not_editable",
        )
    if "phone" in changes:
        changes["phone"] = checked_phone(changes["phone"])
    if "full_name" in changes:
        changes["full_name"] = " ".join(str(changes["full_name"]).split())
        if not changes["full_name"]:
            raise ValidationError(
                _("Nama lengkap wajib diisi."), code="required", field="full_name"
            )
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        before = audit.snapshot(locked, changes)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*changes, "updated_at"])
        versions.bump(locked.region_id, versions.PEOPLE)
        diff = audit.diff(before, changes)
        if diff:
            audit.record(
                actor=actor, action=audit_actions.PERSON_UPDATE, target=locked, changes=diff
            )
    return locked


def person_verify(*, actor: Any, person: Person) -> Person:
    """The home office records that it has seen the person's KTP at the counter (never
    their own)."""
    if not policy_for(Person).can(actor, OFFICE, person) or scope_of(actor).person_id == person.pk:
        raise PermissionDenied(_("Anda tidak berwenang memverifikasi identitas orang ini."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.is_verified:
            return locked
        locked.verified_at = timezone.now()
        locked.verified_by = actor
        locked.save(update_fields=["verified_at", "verified_by", "updated_at"])
        audit.record(
            actor=actor,
            action=audit_actions.PERSON_VERIFY,
            target=locked,
            changes={"verified": [False, True]},
        )
    return locked


def person_account_bind(*, person: Person, user: Any) -> bool:
    """Bind `user` (the account a public registration belonged to) to `person` once the
    office has checked the person's KTP. Never re-binds silently: False, and nothing
    changed, when the person already has another account or the account another person
    (the caller raises it for review). True when bound, or already bound to each other.
    Call inside the caller's transaction; its audit event records the binding."""
    if person.user_id == user.pk:
        return True
    if person.user_id is not None or Person.objects.filter(user=user).exists():
        return False
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    forget_scope(user)
    return True


def person_reveal_nik(*, actor: Any, person: Person, ip_address: str | None = None) -> str:
    """Return the full NIK to someone entitled to it, and audit that they read it
    (UU 27/2022 on personal data protection)."""
    if not policy_for(Person).can(actor, "reveal_nik", person):
        raise PermissionDenied(_("Anda tidak berwenang melihat NIK lengkap."))
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=audit_actions.PERSON_REVEAL_NIK,
            target=person,
            ip_address=ip_address,
        )
    return person.nik


def person_export_own_data(*, actor: Any, person: Person) -> dict[str, Any]:
    """Everything Jejaring holds about the person, for the person themself (audited)."""
    if not policy_for(Person).can(actor, "export", person):
        raise PermissionDenied(_("Anda tidak berwenang mengekspor data ini."))
    from jejaring.trainees.selectors import person_data_export

    with transaction.atomic():
        audit.record(actor=actor, action=audit_actions.PERSON_EXPORT, target=person)
        return person_data_export(person=person)

"""Moving a person's record to another region's office: requested by the office that
met them, decided by their home office, audited in both regions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.errors import Conflict, InvalidTransition, PermissionDenied
from jejaring.core.policies import OFFICE, policy_for
from jejaring.regions.models import Region
from jejaring.trainees import audit_actions
from jejaring.trainees.models import Person, TransferRequest


class TransferRequested(Conflict):
    """The NIK belongs to a person of another office: a request to move them here was sent
    to that office instead of creating or showing anything."""


def transfer_request_create(
    *, actor: Any, person: Person, to_region: Region, reason: str = ""
) -> TransferRequest:
    """Ask the person's home office to move them to `to_region` (office staff of that
    region only). One open request per person and region; asking again returns it."""
    if not scope_of(actor).is_office_of(to_region.pk):
        raise PermissionDenied(_("Anda tidak berwenang mengajukan pindah wilayah ke sini."))
    if person.region_id == to_region.pk:
        raise Conflict(_("Orang ini sudah tercatat di wilayah ini."), code="same_region")
    with transaction.atomic():
        request, created = TransferRequest.objects.get_or_create(
            person=person,
            to_region=to_region,
            status=TransferRequest.Status.OPEN,
            defaults={
                "region_id": person.region_id,
                "requested_by": actor if getattr(actor, "is_authenticated", False) else None,
                "reason": " ".join(reason.split())[:300],
            },
        )
        if created:
            audit.record(
                actor=actor,
                action=audit_actions.PERSON_TRANSFER_REQUEST,
                target=request,
                changes={"to_region": [None, to_region.pk]},
            )
    return request


def transfer_request_decide(
    *, actor: Any, request: TransferRequest, accept: bool
) -> TransferRequest:
    """The home office accepts (the person's record moves to the asking region) or
    declines a transfer request. Audited in both regions."""
    if not policy_for(TransferRequest).can(actor, OFFICE, request):
        raise PermissionDenied(_("Anda tidak berwenang memutuskan permintaan ini."))
    with transaction.atomic():
        locked = TransferRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != TransferRequest.Status.OPEN:
            raise InvalidTransition(
                _("Permintaan ini sudah diputuskan."), code="transfer_already_decided"
            )
        locked.status = (
            TransferRequest.Status.ACCEPTED if accept else TransferRequest.Status.DECLINED
        )
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(
            actor=actor,
            action=audit_actions.PERSON_TRANSFER_DECIDE,
            target=locked,
            changes={"status": [TransferRequest.Status.OPEN, locked.status]},
        )
        if accept:
            person = Person.objects.select_for_update().get(pk=locked.person_id)
            from_region = person.region_id
            person.region_id = locked.to_region_id
            person.save(update_fields=["region", "updated_at"])
            versions.bump([from_region, locked.to_region_id], versions.PEOPLE)
            for region_id in (from_region, locked.to_region_id):
                audit.record(
                    actor=actor,
                    action=audit_actions.PERSON_TRANSFER,
                    target=person,
                    region=Region.objects.get(pk=region_id),
                    changes={"region": [from_region, locked.to_region_id]},
                )
    return locked


def transfer_request_list_for(*, actor: Any) -> Any:
    return (
        TransferRequest.objects.for_actor(actor)
        .filter(status=TransferRequest.Status.OPEN)
        .select_related("person", "to_region", "region")
    )

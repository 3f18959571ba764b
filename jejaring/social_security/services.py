"""Writes for social security: every one atomic, checked against the policy, audited."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.core import audit
from jejaring.core.errors import PermissionDenied, ValidationError
from jejaring.core.spreadsheets import RowError
from jejaring.social_security.models import Coverage, Incident

#: KPJ card numbers as the insurer prints them: 11 digits.
KPJ_FORMAT = re.compile(r"\d{11}")


def coverage_apply_insurer_return(*, actor: Any, rows: Sequence[tuple[int, str, str]]) -> int:
    """Give each registered person their KPJ number from the insurer's returned file and
    make their cover active. `rows` are (row number, NIK, KPJ). All or nothing: any bad
    row refuses the whole file with every bad row in ``detail["errors"]``. A NIK of
    another region reads as unknown, so the file never confirms it exists."""
    scope = scope_of(actor)
    if not (scope.is_superuser or Role.OFFICE_STAFF in scope.roles):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor berkas BPJS."))
    niks = Counter(nik for _row, nik, _kpj in rows)
    with transaction.atomic():
        waiting = {
            coverage.person.nik: coverage
            for coverage in Coverage.objects.for_actor(actor)
            .filter(status=Coverage.Status.REGISTERED, person__nik__in=list(niks))
            .select_related("person")
            .select_for_update()
        }
        errors: list[RowError] = []
        for row, nik, kpj in rows:
            if niks[nik] > 1:
                errors.append(RowError(row, "nik", str(_("NIK muncul lebih dari sekali."))))
            elif nik not in waiting:
                errors.append(
                    RowError(row, "nik", str(_("NIK tidak ditemukan di antara peserta terdaftar.")))
                )
            if not KPJ_FORMAT.fullmatch(kpj):
                errors.append(RowError(row, "kpj", str(_("Nomor KPJ harus 11 angka."))))
        if errors:
            raise ValidationError(
                _("Berkas ditolak: %(count)d baris bermasalah.") % {"count": len(errors)},
                code="insurer_return_invalid",
                detail={"errors": [error.as_dict() for error in errors]},
            )
        for _row, nik, kpj in rows:
            waiting[nik].kpj_number = kpj
            waiting[nik].status = Coverage.Status.ACTIVE
        Coverage.objects.bulk_update(waiting.values(), ["kpj_number", "status"])
        audit.record(
            actor=actor,
            action="social_security.insurer_return",
            region=next(iter(waiting.values())).region if waiting else None,
            changes={"activated": [None, len(waiting)]},
        )
    return len(waiting)


def incident_record(
    *,
    actor: Any,
    coverage: Coverage,
    kind: str,
    occurred_at: Any,
    place: str,
    description: str,
    injury: str = "",
) -> Incident:
    """Record a work accident during a covered training or internship and email the
    region's office staff after commit (they also see it on their pages)."""
    scope = scope_of(actor)
    allowed = Role.OFFICE_STAFF in scope.roles or (
        Role.COMPANY_HR in scope.roles
        and coverage.referral is not None
        and coverage.referral.company_id in scope.company_ids
    )
    if not (scope.is_superuser or allowed):
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
        audit.record(actor=actor, action="social_security.incident.record", target=incident)
        recipients = list(
            get_user_model()
            .objects.filter(
                memberships__region_id=coverage.region_id,
                memberships__role=Role.OFFICE_STAFF,
                is_active=True,
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        subject = str(_("Kejadian baru: %(kind)s") % {"kind": incident.get_kind_display()})
        transaction.on_commit(lambda: send_mail(subject, incident.description, None, recipients))
    return incident

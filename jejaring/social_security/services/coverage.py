"""Cover: the registration lists, status changes, expiry and the insurer's returned file."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from jejaring.core.spreadsheets import RowError
from jejaring.social_security import audit_actions, coverage_gates
from jejaring.social_security.models import Coverage
from jejaring.social_security.services.access import (
    _changeable,
    _require_office_of,
    _require_office_staff,
)

#: KPJ card numbers as the insurer prints them: 11 digits.
KPJ_FORMAT = re.compile(r"\d{11}")
LOOKUP_CHUNK = 900


def coverage_list_build_for_batch(*, actor: Any, batch: Any) -> int:
    """(Re)build the office's list for `batch`: every accepted participant without cover
    is added for the batch period, paid by the office; cover not yet sent to the insurer
    follows the batch's dates. Idempotent; returns how many were added. Only office staff
    of the batch's region (an operator of its institution who is staff elsewhere is not)."""
    _require_office_of(actor, batch.region_id)
    with transaction.atomic():
        added = coverage_gates.batch_list_build(batch)
        audit.record(
            actor=actor,
            action=audit_actions.LIST_BUILD,
            target=batch,
            changes={"added": [None, added]},
        )
    return added


def internship_referrals_to_cover() -> Any:
    """Referrals to an internship that has started or is about to (accepted by the
    company), of any region: callers scope them."""
    from jejaring.employers.models import Formation
    from jejaring.placement.models import Referral

    return Referral.objects.filter(
        formation__kind=Formation.Kind.INTERNSHIP,
        status__in=(Referral.Status.ACCEPTED, Referral.Status.STARTED),
    )


def coverage_list_build_internships(*, actor: Any, region_ids: Any = None) -> int:
    """Put every started or about-to-start intern of the actor's regions (or of
    `region_ids` when run by the system, actor None) on the list for the internship
    period, paid by the host company. Idempotent; returns how many were added."""
    if actor is not None:
        _require_office_staff(actor)
        scope = scope_of(actor)
        region_ids = None if scope.is_superuser else scope.office_region_ids
    referrals = internship_referrals_to_cover().filter(coverage__isnull=True)
    if region_ids is not None:
        referrals = referrals.filter(region_id__in=region_ids)
    rows = [
        row
        for row in map(
            coverage_gates.intern_cover, referrals.select_related("internship_agreement")
        )
        if row is not None
    ]
    with transaction.atomic():
        added = coverage_gates.insert_missing(rows, "referral")
        if actor is not None or added:
            audit.record(
                actor=actor,
                action=audit_actions.LIST_BUILD_INTERNSHIPS,
                changes={"added": [None, added]},
            )
    return added


#: Status changes staff make by hand; ended also happens by itself after the cover end.
TRANSITIONS: dict[str, frozenset[str]] = {
    # Straight to active when the card number is known (the insurer's answer, or the
    # person's number carried over from an earlier cover): no need to tick "registered".
    Coverage.Status.TO_REGISTER: frozenset(
        {Coverage.Status.REGISTERED, Coverage.Status.ACTIVE, Coverage.Status.CANCELLED}
    ),
    Coverage.Status.REGISTERED: frozenset(
        {Coverage.Status.ACTIVE, Coverage.Status.TO_REGISTER, Coverage.Status.CANCELLED}
    ),
    Coverage.Status.ACTIVE: frozenset({Coverage.Status.ENDED}),
}


def coverage_change_status(
    *, actor: Any, coverage_ids: Sequence[int], status: str, kpj_number: str = ""
) -> int:
    """Move every cover of `coverage_ids` to `status` (e.g. mark a whole list registered
    after sending it to the insurer). All or nothing: an unknown id (or another region's)
    is NotFound, a cover that cannot make the move refuses the whole change naming it.
    Making cover active needs its KPJ number: `kpj_number` gives it for one cover."""
    _require_office_staff(actor)
    ids = sorted(set(coverage_ids))
    if not ids:
        raise ValidationError(_("Pilih minimal satu peserta."), code="nothing_selected")
    if status not in Coverage.Status.values:
        raise ValidationError(_("Status tidak dikenal."), field="status")
    kpj_number = kpj_number.strip()
    if kpj_number and (len(ids) != 1 or not KPJ_FORMAT.fullmatch(kpj_number)):
        raise ValidationError(
            _("Nomor KPJ harus 11 angka dan hanya untuk satu peserta."), field="kpj_number"
        )
    with transaction.atomic():
        coverages = list(
            _changeable(actor, Coverage)
            .filter(pk__in=ids)
            .select_related("person")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if len(coverages) != len(ids):
            raise NotFound(_("Kepesertaan tidak ditemukan."))
        refused = [c for c in coverages if status not in TRANSITIONS.get(c.status, frozenset())]
        if refused:
            raise InvalidTransition(
                _("Status tidak dapat diubah menjadi “%(status)s” untuk: %(names)s")
                % {
                    "status": Coverage.Status(status).label,
                    "names": ", ".join(c.person.full_name for c in refused),
                },
                code="invalid_coverage_transition",
                detail={"coverages": [c.pk for c in refused]},
            )
        if kpj_number:
            coverages[0].kpj_number = kpj_number
        if status == Coverage.Status.ACTIVE:
            missing = [c for c in coverages if not c.kpj_number]
            if missing:
                raise ValidationError(
                    _("Nomor KPJ belum ada untuk: %(names)s")
                    % {"names": ", ".join(c.person.full_name for c in missing)},
                    code="kpj_missing",
                    field="kpj_number",
                )
        before = {c.pk: c.status for c in coverages}
        for coverage in coverages:
            coverage.status = status
        Coverage.objects.bulk_update(coverages, ["status", "kpj_number"])
        for region_id in sorted({c.region_id for c in coverages}):
            audit.record(
                actor=actor,
                action=audit_actions.COVERAGE_STATUS,
                region=next(c.region for c in coverages if c.region_id == region_id),
                changes={
                    "status": [sorted({before[c.pk] for c in coverages}), status],
                    "coverages": [c.pk for c in coverages if c.region_id == region_id],
                },
            )
    return len(coverages)


def coverage_end_expired(*, today: Any) -> int:
    """End every active or registered cover whose cover end is before `today` (the daily
    timer runs this); cover not yet registered by then is cancelled. Idempotent."""
    ended = 0
    with transaction.atomic():
        due = Coverage.objects.filter(cover_end__lt=today)
        by_region: dict[int, list[int]] = {}
        for status, after in (
            (Coverage.Status.ACTIVE, Coverage.Status.ENDED),
            (Coverage.Status.REGISTERED, Coverage.Status.ENDED),
            (Coverage.Status.TO_REGISTER, Coverage.Status.CANCELLED),
        ):
            rows = list(
                due.filter(status=status).select_for_update().values_list("pk", "region_id")
            )
            for pk, region_id in rows:
                by_region.setdefault(region_id, []).append(pk)
            Coverage.objects.filter(pk__in=[pk for pk, _region in rows]).update(status=after)
            ended += len(rows)
        for region_id, pks in sorted(by_region.items()):
            audit.record(
                actor=None,
                action=audit_actions.COVERAGE_END_EXPIRED,
                region=_region(region_id),
                changes={"coverages": pks, "today": str(today)},
            )
    return ended


def _region(region_id: int) -> Any:
    from jejaring.regions.models import Region

    return Region.objects.get(pk=region_id)


#: Cover the insurer's returned file can make active: on the list to register, or
#: already marked registered (staff need not tick each person before the file comes back).
AWAITING_RETURN = (Coverage.Status.TO_REGISTER, Coverage.Status.REGISTERED)


def insurer_return_check(
    *, actor: Any, rows: Sequence[tuple[int, str, str]], lock: bool = False
) -> tuple[dict[str, list[Coverage]], list[RowError]]:
    """The cover awaiting the insurer matched by each row's NIK (every cover of that
    person on the actor's lists, to register or registered), and every bad row: a NIK
    twice, a NIK not among the actor's participants awaiting the insurer, a KPJ that is
    not 11 digits, appears twice or already belongs to someone else.

    Every lookup is limited to the regions where the actor is office staff: a NIK or a
    card number of another region reads exactly like one nobody holds, so the file never
    tells whether a number belongs to someone elsewhere (`coverage_apply_insurer_return`
    reports such a clash to that region's office instead)."""
    _require_office_staff(actor)
    niks = Counter(nik for _row, nik, _kpj in rows)
    mine = _changeable(actor, Coverage)
    registered = (
        mine.filter(status__in=AWAITING_RETURN).select_related("person", "region").order_by("pk")
    )
    if lock:
        registered = registered.select_for_update(of=("self",))
    unique = list(niks)
    waiting: dict[str, list[Coverage]] = {}
    # In chunks, so a large file stays under the database's limit of query parameters.
    for start in range(0, len(unique), LOOKUP_CHUNK):
        chunk = unique[start : start + LOOKUP_CHUNK]
        for cover in registered.filter(person__nik__in=chunk):
            waiting.setdefault(cover.person.nik, []).append(cover)
    kpjs = Counter(kpj for _row, _nik, kpj in rows)
    # A card number belongs to one person for life: one already held by someone else of
    # the actor's regions is a mistake in the file.
    holders: dict[str, set[int]] = {}
    unique_kpjs = [kpj for kpj in kpjs if KPJ_FORMAT.fullmatch(kpj)]
    for start in range(0, len(unique_kpjs), LOOKUP_CHUNK):
        chunk = unique_kpjs[start : start + LOOKUP_CHUNK]
        for kpj, person_id in mine.filter(kpj_number__in=chunk).values_list(
            "kpj_number", "person_id"
        ):
            holders.setdefault(kpj, set()).add(person_id)
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
        elif kpjs[kpj] > 1:
            errors.append(RowError(row, "kpj", str(_("Nomor KPJ muncul lebih dari sekali."))))
        elif nik in waiting and holders.get(kpj, set()) - {waiting[nik][0].person_id}:
            errors.append(RowError(row, "kpj", str(_("Nomor KPJ sudah dipakai peserta lain."))))
    if not rows:
        errors.append(RowError(0, "", str(_("Berkas tidak berisi baris data."))))
    return waiting, errors


def coverage_apply_insurer_return(*, actor: Any, rows: Sequence[tuple[int, str, str]]) -> int:
    """Give each person the file names their KPJ number from the insurer's returned file
    and make their cover active, whether staff had marked it registered or it was still
    on the list to register. `rows` are (row number, NIK, KPJ). All or nothing: any bad
    row refuses the whole file with every bad row in ``detail["errors"]``. A NIK or a
    card number of another region reads as unknown, so the file never confirms either
    exists; a card number another region's record already holds is reported to that
    region's office in its audit trail (``social_security.kpj_conflict``)."""
    if not scope_of(actor).is_office:
        raise PermissionDenied(_("Anda tidak berwenang mengimpor berkas BPJS."))
    with transaction.atomic():
        waiting, errors = insurer_return_check(actor=actor, rows=rows, lock=True)
        if errors:
            raise ValidationError(
                _("Berkas ditolak: %(count)d baris bermasalah.") % {"count": len(errors)},
                code="insurer_return_invalid",
                detail={"errors": [error.as_dict() for error in errors]},
            )
        covers = [cover for _row, nik, _kpj in rows for cover in waiting[nik]]
        for _row, nik, kpj in rows:
            for cover in waiting[nik]:
                cover.kpj_number = kpj
                cover.status = Coverage.Status.ACTIVE
        # The card numbers differ per row, the status does not: one CASE per small batch
        # for the numbers, then one plain UPDATE per chunk for the status.
        Coverage.objects.bulk_update(covers, ["kpj_number"], batch_size=100)
        pks = [c.pk for c in covers]
        for start in range(0, len(pks), LOOKUP_CHUNK):
            Coverage.objects.filter(pk__in=pks[start : start + LOOKUP_CHUNK]).update(
                status=Coverage.Status.ACTIVE
            )
        audit.record(
            actor=actor,
            action=audit_actions.INSURER_RETURN,
            region=covers[0].region if covers else None,
            changes={"activated": [None, len(covers)]},
        )
        _report_kpj_conflicts(actor=actor, activated=covers)
    return len(covers)


def _report_kpj_conflicts(*, actor: Any, activated: list[Coverage]) -> None:
    """Tell each other region's office, in its own audit trail, that a card number its
    record holds was just given to someone else: the clash goes to the home office, never
    back to whoever uploaded the file. The entry names only that region's own cover."""
    person_of = {c.kpj_number: c.person_id for c in activated}
    kpjs = sorted(person_of)
    own = {c.pk for c in activated}
    by_region: dict[int, list[tuple[str, int]]] = {}
    for start in range(0, len(kpjs), LOOKUP_CHUNK):
        chunk = kpjs[start : start + LOOKUP_CHUNK]
        for pk, kpj, person_id, region_id in Coverage.objects.filter(
            kpj_number__in=chunk
        ).values_list("pk", "kpj_number", "person_id", "region_id"):
            if pk not in own and person_id != person_of[kpj]:
                by_region.setdefault(region_id, []).append((kpj, pk))
    for region_id, clashes in sorted(by_region.items()):
        audit.record(
            actor=actor,
            action=audit_actions.KPJ_CONFLICT,
            region=_region(region_id),
            changes={
                "kpj_numbers": sorted({kpj for kpj, _pk in clashes}),
                "coverages": sorted(pk for _kpj, pk in clashes),
            },
        )

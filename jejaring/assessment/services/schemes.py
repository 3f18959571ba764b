"""Certification schemes and their competency units."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.assessment import audit_actions
from jejaring.assessment.models import CertificationBody, CompetencyUnit, Scheme, SchemeUnit
from jejaring.core import audit
from jejaring.core.errors import Conflict, PermissionDenied, ValidationError

#: Letters, digits, dots, dashes, slashes and inner spaces: SKKNI codes such as
#: `J.620100.004.02`, older `TIK.OP02.001.01` or `C.10MKN00.001.2` all pass.
_UNIT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/ ]{0,38}[A-Za-z0-9]$|^[A-Za-z0-9]$")


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

"""The instructor gap: instructors a plan line still needs, and how their sourcing moves on."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from jejaring.core.policies import policy_for
from jejaring.planning import audit_actions
from jejaring.planning.models import InstructorNeed, PlanLine
from jejaring.planning.services.plans import _require_plan
from jejaring.training.models import Instructor

SOURCING_NEXT = {
    InstructorNeed.Sourcing.SEARCHING: {InstructorNeed.Sourcing.CANDIDATE_FOUND},
    InstructorNeed.Sourcing.CANDIDATE_FOUND: {
        InstructorNeed.Sourcing.SEARCHING,
        InstructorNeed.Sourcing.CONTRACTED,
    },
    InstructorNeed.Sourcing.CONTRACTED: set(),
}


def instructor_need_open(*, actor: Any, line: PlanLine, description: str = "") -> InstructorNeed:
    """Open the search for an instructor for a plan line without a qualified one."""
    _require_plan(actor, line.plan, "change")
    if line.vocation_id is None:
        raise ValidationError(
            _("Baris rencana belum memiliki kejuruan."), code="line_without_vocation"
        )
    with transaction.atomic():
        existing = InstructorNeed.objects.filter(plan_line=line).first()
        if existing is not None:
            return existing
        need = InstructorNeed.objects.create(
            region=line.plan.region,
            plan_line=line,
            vocation_id=line.vocation_id,
            description=description.strip() or line.title,
        )
        audit.record(
            actor=actor,
            action=audit_actions.INSTRUCTOR_NEED_OPEN,
            target=need,
            changes=audit.diff({}, {"status": need.status}),
        )
    return need


def instructor_need_set_status(
    *,
    actor: Any,
    need: InstructorNeed,
    status: str,
    candidate: Instructor | None = None,
    note: str = "",
) -> InstructorNeed:
    """searching → candidate found → contracted (or back to searching when a candidate
    falls through); a candidate must be named from the need's region."""
    if not policy_for(InstructorNeed).can(actor, "change", need):
        raise PermissionDenied(_("Anda tidak berwenang mengubah kebutuhan instruktur ini."))
    if status not in InstructorNeed.Sourcing.values:
        raise ValidationError(_("Status tidak dikenal."), code="invalid_status", field="status")
    with transaction.atomic():
        need = InstructorNeed.objects.select_for_update().get(pk=need.pk)
        if status not in SOURCING_NEXT[InstructorNeed.Sourcing(need.status)]:
            raise InvalidTransition(
                _("Perubahan status ini tidak diperbolehkan."), code="invalid_transition"
            )
        if status == InstructorNeed.Sourcing.SEARCHING:
            candidate = None
        elif candidate is None:
            candidate = need.candidate
        if status != InstructorNeed.Sourcing.SEARCHING and candidate is None:
            raise ValidationError(
                _("Sebutkan calon instruktur."), code="candidate_required", field="candidate"
            )
        if candidate is not None and candidate.region_id != need.region_id:
            raise NotFound(_("Instruktur tidak ditemukan."))
        before = {"status": need.status, "candidate": need.candidate_id}
        need.status = status
        need.candidate = candidate
        if note.strip():
            need.note = note.strip()
        need.save(update_fields=["status", "candidate", "note"])
        audit.record(
            actor=actor,
            action=audit_actions.INSTRUCTOR_NEED_STATUS,
            target=need,
            changes=audit.diff(before, {"status": need.status, "candidate": need.candidate_id}),
        )
    return need

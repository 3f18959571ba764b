"""Writes of the employers area: company profiles and contacts, company HR accounts,
cooperation agreements, formations and internship programs. Each write is atomic,
checks who may do it, and leaves an audit event in the same transaction.

Internship agreements for single interns live in `jejaring.employers.internship_agreements`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, ValidationError
from jejaring.core.scope import Role
from jejaring.employers.models import Company
from jejaring.employers.services import check_document, require, require_company_member
from jejaring.internships import audit_actions
from jejaring.internships.models import InternshipProgram
from jejaring.internships.rules import internship_rules_on
from jejaring.notices.services import Recipient, notify, role_holders
from jejaring.regions.calendar import add_working_days


@dataclass
class InternshipProgramData:
    title: str
    description: str
    facilities: str
    supervisors: str
    plan: str
    duration_months: int
    theory_pct: int


def _check_program(data: InternshipProgramData) -> InternshipProgramData:
    data.title = " ".join(data.title.split())
    for key, label in (
        ("title", _("Nama program")),
        ("description", _("Uraian program")),
        ("facilities", _("Sarana dan prasarana")),
        ("supervisors", _("Pembimbing")),
        ("plan", _("Rencana pelaksanaan")),
    ):
        value = str(getattr(data, key) or "").strip()
        if not value:
            raise ValidationError(
                _("%(label)s wajib diisi.") % {"label": label}, code="required", field=key
            )
        setattr(data, key, value)
    rules = internship_rules_on(timezone.localdate())
    if not 1 <= data.duration_months <= rules.max_duration_months:
        raise ValidationError(
            _("Lama pemagangan 1–%(max)d bulan (%(basis)s).")
            % {"max": rules.max_duration_months, "basis": rules.legal_basis},
            code="invalid_duration",
            field="duration_months",
        )
    if not rules.theory_min_pct <= data.theory_pct <= rules.theory_max_pct:
        raise ValidationError(
            _("Porsi teori %(min)d–%(max)d %% dari waktu pemagangan (%(basis)s).")
            % {
                "min": rules.theory_min_pct,
                "max": rules.theory_max_pct,
                "basis": rules.legal_basis,
            },
            code="invalid_theory_pct",
            field="theory_pct",
        )
    return data


def internship_program_create(
    *, actor: Any, company: Company, data: InternshipProgramData, draft_agreement: Any = None
) -> InternshipProgram:
    """Company HR (or office staff for them) draft an internship program."""
    require_company_member(actor, company)
    data = _check_program(data)
    if draft_agreement is not None:
        check_document(draft_agreement, field="draft_agreement")
    with transaction.atomic():
        program = InternshipProgram(region_id=company.region_id, company=company, **asdict(data))
        if draft_agreement is not None:
            program.draft_agreement = draft_agreement
        program.save()
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_PROGRAM_CREATE,
            target=program,
            changes=audit.diff({}, asdict(data)),
        )
    return program


def internship_program_update(
    *,
    actor: Any,
    program: InternshipProgram,
    data: InternshipProgramData,
    draft_agreement: Any = None,
) -> InternshipProgram:
    """Change a program in draft or returned for correction."""
    require(actor, "change", program)
    data = _check_program(data)
    if draft_agreement is not None:
        check_document(draft_agreement, field="draft_agreement")
    with transaction.atomic():
        locked = InternshipProgram.objects.select_for_update().get(pk=program.pk)
        if locked.status not in (InternshipProgram.Status.DRAFT, InternshipProgram.Status.RETURNED):
            raise InvalidTransition(
                _("Program yang sudah diajukan atau diputuskan tidak dapat diubah."),
                code="program_not_editable",
            )
        before = audit.snapshot(locked, asdict(data))
        for key, value in asdict(data).items():
            setattr(locked, key, value)
        if draft_agreement is not None:
            locked.draft_agreement = draft_agreement
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_PROGRAM_UPDATE,
            target=locked,
            changes=audit.diff(before, asdict(data)),
        )
    return locked


def internship_program_submit(*, actor: Any, program: InternshipProgram) -> InternshipProgram:
    """Submit the program to the office, which decides within the rule set's working
    days (3 under Permenaker 6/2020), weekends and holidays not counted."""
    require(actor, "change", program)
    with transaction.atomic():
        locked = InternshipProgram.objects.select_for_update().get(pk=program.pk)
        if locked.status not in (InternshipProgram.Status.DRAFT, InternshipProgram.Status.RETURNED):
            raise InvalidTransition(
                _("Program ini sudah diajukan."), code="program_already_submitted"
            )
        if not locked.draft_agreement:
            raise ValidationError(
                _("Lampirkan rancangan perjanjian pemagangan sebelum mengajukan."),
                code="draft_agreement_required",
                field="draft_agreement",
            )
        now = timezone.now()
        today = timezone.localdate(now)
        rules = internship_rules_on(today)
        before = locked.status
        locked.status = InternshipProgram.Status.SUBMITTED
        locked.submitted_at = now
        locked.decision_due_on = add_working_days(
            today, rules.decision_working_days, region_id=locked.region_id
        )
        locked.decided_at = None
        locked.decided_by = None
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_PROGRAM_SUBMIT,
            target=locked,
            changes={
                "status": [before, locked.status],
                "decision_due_on": [None, locked.decision_due_on.isoformat()],
            },
        )
    return locked


def internship_program_decide(
    *, actor: Any, program: InternshipProgram, decision: str, note: str = ""
) -> InternshipProgram:
    """Office staff approve a submitted program, or return (for correction) or reject it
    with a comment."""
    require(actor, "decide", program)
    status = DECISIONS.get(decision)
    if status is None:
        raise ValidationError(
            _("Keputusan tidak dikenal."), code="invalid_decision", field="decision"
        )
    note = note.strip()
    if status != InternshipProgram.Status.APPROVED and not note:
        raise ValidationError(
            _("Tuliskan catatan: apa yang perlu diperbaiki atau mengapa ditolak."),
            code="note_required",
            field="note",
        )
    with transaction.atomic():
        locked = InternshipProgram.objects.select_for_update().get(pk=program.pk)
        if locked.status != InternshipProgram.Status.SUBMITTED:
            raise InvalidTransition(
                _("Hanya program yang sedang diajukan yang dapat diputuskan."),
                code="program_not_submitted",
            )
        locked.status = status
        locked.decision_note = note
        locked.decided_at = timezone.now()
        locked.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_PROGRAM_DECIDE,
            target=locked,
            changes={
                "status": [InternshipProgram.Status.SUBMITTED, status],
                "decision_note": [None, note],
                "on_time": [None, timezone.localdate() <= (locked.decision_due_on or date.max)],
            },
        )
        _notify_decided(locked, actor=actor)
    return locked


def _notify_decided(program: InternshipProgram, *, actor: Any) -> None:
    """The company's HR hear the office's decision on their program."""
    holders = role_holders(role=Role.COMPANY_HR, model=Company, ids=[program.company_id])
    notify(
        kind=f"program_{program.status}",
        region_id=program.region_id,
        recipients=[Recipient.of_user(user) for user in holders.get(program.company_id, [])],
        link=reverse(
            "internships:internship_program_detail",
            kwargs={"internship_program_id": program.pk},
        ),
        params={"program": program.title},
        exclude_user=actor,
    )


DECISIONS = {
    "approve": InternshipProgram.Status.APPROVED,
    "return": InternshipProgram.Status.RETURNED,
    "reject": InternshipProgram.Status.REJECTED,
}

"""Funding envelopes and next year's training plan: lines, the envelope check, the
submit/approve/return workflow and the batches an approved line becomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from jejaring.core.policies import policy_for
from jejaring.planning import audit_actions
from jejaring.planning.models import (
    FundingEnvelope,
    IndustryNeed,
    PlanLine,
    PlanLineBatch,
    TrainingPlan,
)
from jejaring.regions.models import Region
from jejaring.training.models import Batch, FundingSource, Program, TrainingInstitution, Vocation


def envelope_set(
    *, actor: Any, region: Region, year: int, funding_source: str, amount: int, note: str = ""
) -> FundingEnvelope:
    """Record (or correct) what a funding source provides for training in a year."""
    if not scope_of(actor).is_office_of(region.pk):
        raise PermissionDenied(_("Anda tidak berwenang mencatat pagu anggaran."))
    if funding_source not in FundingSource.values:
        raise ValidationError(
            _("Sumber dana tidak dikenal."), code="invalid_source", field="funding_source"
        )
    if amount < 0:
        raise ValidationError(
            _("Pagu tidak boleh negatif."), code="amount_negative", field="amount"
        )
    with transaction.atomic():
        envelope = (
            FundingEnvelope.objects.select_for_update()
            .filter(region=region, year=year, funding_source=funding_source)
            .first()
        )
        before = {"amount": envelope.amount} if envelope else {}
        if envelope is None:
            envelope = FundingEnvelope(region=region, year=year, funding_source=funding_source)
        envelope.amount = amount
        envelope.note = note.strip()
        envelope.save()
        audit.record(
            actor=actor,
            action=audit_actions.ENVELOPE_SET,
            target=envelope,
            changes=audit.diff(before, {"amount": amount}),
        )
    return envelope


# ---------------------------------------------------------------- plans


def _require_plan(actor: Any, plan: TrainingPlan, action: str) -> None:
    if not policy_for(TrainingPlan).can(actor, action, plan):
        raise PermissionDenied(_("Anda tidak berwenang mengubah rencana ini."))


def plan_create(*, actor: Any, region: Region, year: int, title: str) -> TrainingPlan:
    if not scope_of(actor).is_office_of(region.pk):
        raise PermissionDenied(_("Anda tidak berwenang menyusun rencana pelatihan."))
    title = " ".join(title.split())
    if not title:
        raise ValidationError(_("Judul rencana wajib diisi."), code="required", field="title")
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Tahun tidak masuk akal."), code="invalid_year", field="year")
    with transaction.atomic():
        if TrainingPlan.objects.filter(region=region, year=year, title=title).exists():
            raise ValidationError(
                _("Rencana dengan judul ini sudah ada untuk tahun tersebut."),
                code="plan_title_taken",
                field="title",
            )
        plan = TrainingPlan.objects.create(region=region, year=year, title=title)
        audit.record(
            actor=actor,
            action=audit_actions.PLAN_CREATE,
            target=plan,
            changes=audit.diff({}, {"title": title, "year": year}),
        )
    return plan


@dataclass(frozen=True)
class LineData:
    channel: str
    title: str
    packages: int
    people_per_package: int
    cost_per_package: int
    funding_source: str
    days_per_package: int = 1
    institution: TrainingInstitution | None = None
    program: Program | None = None
    vocation: Vocation | None = None
    note: str = ""


def _editable(plan: TrainingPlan) -> None:
    if plan.status not in (TrainingPlan.Status.DRAFT, TrainingPlan.Status.RETURNED):
        raise InvalidTransition(
            _("Rencana yang sudah diajukan atau disetujui tidak dapat diubah."),
            code="plan_not_editable",
        )


def plan_line_add(
    *,
    actor: Any,
    plan: TrainingPlan,
    data: LineData,
    evidence: list[IndustryNeed] = (),  # type: ignore[assignment]
) -> PlanLine:
    """Add a line. Its evidence are needs of the plan's region; a program or institution
    must belong to the plan's region too, and a program fixes the line's vocation."""
    _require_plan(actor, plan, "change")
    _editable(plan)
    if not data.title.strip():
        raise ValidationError(_("Uraian wajib diisi."), code="required", field="title")
    if min(data.packages, data.people_per_package, data.days_per_package) < 1:
        raise ValidationError(
            _("Jumlah paket, orang dan hari per paket minimal 1."), code="line_positive"
        )
    if data.cost_per_package < 0:
        raise ValidationError(_("Biaya tidak boleh negatif."), code="cost_negative")
    for owned in (data.institution, data.program):
        if owned is not None and owned.region_id != plan.region_id:
            raise NotFound(_("Lembaga atau program tidak ditemukan."))
    if data.program is not None and data.institution is None:
        raise ValidationError(
            _("Pilih lembaga penyelenggara program."), code="institution_required"
        )
    if data.program is not None and data.program.institution_id != data.institution.pk:  # type: ignore[union-attr]
        raise ValidationError(
            _("Program ini bukan milik lembaga yang dipilih."), code="program_institution"
        )
    if any(need.region_id != plan.region_id for need in evidence):
        raise NotFound(_("Kebutuhan tidak ditemukan."))
    vocation = data.program.vocation if data.program is not None else data.vocation
    with transaction.atomic():
        line = PlanLine.objects.create(
            plan=plan,
            channel=data.channel,
            institution=data.institution,
            program=data.program,
            vocation=vocation,
            title=data.title.strip(),
            packages=data.packages,
            people_per_package=data.people_per_package,
            days_per_package=data.days_per_package,
            cost_per_package=data.cost_per_package,
            funding_source=data.funding_source,
            note=data.note.strip(),
        )
        line.evidence.set(evidence)
        audit.record(
            actor=actor,
            action=audit_actions.PLAN_LINE_ADD,
            target=plan,
            changes=audit.diff(
                {},
                {
                    "line": line.title,
                    "packages": line.packages,
                    "people_per_package": line.people_per_package,
                    "cost_per_package": line.cost_per_package,
                    "evidence": sorted(n.pk for n in evidence),
                },
            ),
        )
    return line


def plan_line_remove(*, actor: Any, line: PlanLine) -> None:
    plan = line.plan
    _require_plan(actor, plan, "change")
    _editable(plan)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=audit_actions.PLAN_LINE_REMOVE,
            target=plan,
            changes=audit.diff({"line": line.title}, {}),
        )
        line.delete()


@dataclass(frozen=True)
class EnvelopeCheck:
    funding_source: str
    planned: int
    envelope: int | None

    @property
    def over(self) -> bool:
        return self.envelope is not None and self.planned > self.envelope

    @property
    def missing(self) -> bool:
        return self.envelope is None


def plan_envelope_checks(*, plan: TrainingPlan) -> list[EnvelopeCheck]:
    """Planned cost per funding source against the envelope of the plan's year (one
    grouped query each for the lines and the envelopes)."""
    totals = dict(
        PlanLine.objects.filter(plan=plan)
        .values("funding_source")
        .annotate(total=Sum(F("packages") * F("cost_per_package")))
        .values_list("funding_source", "total")
    )
    envelopes = dict(
        FundingEnvelope.objects.filter(region_id=plan.region_id, year=plan.year).values_list(
            "funding_source", "amount"
        )
    )
    return [
        EnvelopeCheck(source, int(total or 0), envelopes.get(source))
        for source, total in sorted(totals.items())
    ]


def plan_submit(*, actor: Any, plan: TrainingPlan) -> TrainingPlan:
    """Draft or returned → submitted; refused when the plan is empty or any funding source
    is over its envelope (a source without an envelope cannot be checked, so it blocks
    too)."""
    _require_plan(actor, plan, "change")
    with transaction.atomic():
        plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
        _editable(plan)
        checks = plan_envelope_checks(plan=plan)
        if not checks:
            raise ValidationError(_("Rencana belum berisi baris."), code="plan_empty")
        over = [c for c in checks if c.over or c.missing]
        if over:
            raise ValidationError(
                _("Rencana melebihi pagu atau pagu belum dicatat untuk: %(sources)s.")
                % {"sources": ", ".join(c.funding_source.upper() for c in over)},
                code="over_envelope",
                detail={
                    "sources": [
                        {
                            "funding_source": c.funding_source,
                            "planned": c.planned,
                            "envelope": c.envelope,
                        }
                        for c in over
                    ]
                },
            )
        before = plan.status
        plan.status = TrainingPlan.Status.SUBMITTED
        plan.submitted_at = timezone.now()
        plan.submitted_by = actor
        plan.save(update_fields=["status", "submitted_at", "submitted_by"])
        audit.record(
            actor=actor,
            action=audit_actions.PLAN_SUBMIT,
            target=plan,
            changes=audit.diff({"status": before}, {"status": plan.status}),
        )
    return plan


def _decide(
    actor: Any, plan: TrainingPlan, status: str, comments: str, action: str
) -> TrainingPlan:
    _require_plan(actor, plan, "decide")
    with transaction.atomic():
        plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != TrainingPlan.Status.SUBMITTED:
            raise InvalidTransition(
                _("Hanya rencana yang diajukan yang dapat diputuskan."), code="plan_not_submitted"
            )
        if status == TrainingPlan.Status.APPROVED and plan.submitted_by_id == actor.pk:
            # Separation of duties: no one, a superuser included, approves their own plan.
            raise PermissionDenied(
                _(
                    "Rencana ini Anda ajukan sendiri; persetujuannya harus diberikan oleh "
                    "staf dinas lain."
                ),
                code="approver_is_submitter",
            )
        before = {"status": plan.status, "comments": plan.comments}
        plan.status = status
        if comments.strip():
            plan.comments = comments.strip()
        plan.decided_at = timezone.now()
        plan.decided_by = actor
        plan.save(update_fields=["status", "comments", "decided_at", "decided_by"])
        audit.record(
            actor=actor,
            action=action,
            target=plan,
            changes=audit.diff(before, {"status": plan.status, "comments": plan.comments}),
        )
    return plan


def plan_approve(*, actor: Any, plan: TrainingPlan, comments: str = "") -> TrainingPlan:
    """Submitted → approved, by office staff of the plan's region other than the person
    who submitted it (PermissionDenied ``approver_is_submitter`` otherwise)."""
    return _decide(actor, plan, TrainingPlan.Status.APPROVED, comments, audit_actions.PLAN_APPROVE)


def plan_return(*, actor: Any, plan: TrainingPlan, comments: str) -> TrainingPlan:
    if not comments.strip():
        raise ValidationError(
            _("Tuliskan alasan pengembalian."), code="comments_required", field="comments"
        )
    return _decide(actor, plan, TrainingPlan.Status.RETURNED, comments, audit_actions.PLAN_RETURN)


def plan_line_create_batches(*, actor: Any, line: PlanLine, start_date: date) -> list[Batch]:
    """Create the line's planned batches (one per package) through training's
    `batch_create`, the one way a batch comes into being, and link each to the line. Only
    for an approved plan, a line with a program, and once."""
    plan = line.plan
    _require_plan(actor, plan, "change")
    if plan.status != TrainingPlan.Status.APPROVED:
        raise InvalidTransition(
            _("Paket hanya dapat dibuat dari rencana yang disetujui."), code="plan_not_approved"
        )
    if line.program is None or line.institution is None:
        raise ValidationError(
            _("Baris ini belum memiliki program dan lembaga; buat programnya terlebih dahulu."),
            code="line_without_program",
        )
    # Imported on use: training's services are the one way to create a batch, and
    # nothing else in planning needs them.
    from jejaring.training.services import BatchData, batch_create

    program = line.program
    days = max(program.duration_days or line.days_per_package, 1)
    with transaction.atomic():
        PlanLine.objects.select_for_update().get(pk=line.pk)
        if PlanLineBatch.objects.filter(plan_line=line).exists():
            raise InvalidTransition(_("Paket untuk baris ini sudah dibuat."), code="batches_exist")
        batches = []
        for number in range(1, line.packages + 1):
            start = start_date + timedelta(days=(number - 1) * (days + 7))
            batches.append(
                batch_create(
                    actor=actor,
                    data=BatchData(
                        institution=line.institution,
                        program=program,
                        code=f"RP{plan.year}-{line.pk}-{number}",
                        name=f"{line.title} {number}",
                        year=plan.year,
                        funding_source=line.funding_source,
                        capacity=line.people_per_package,
                        start_date=start,
                        end_date=start + timedelta(days=days - 1),
                    ),
                )
            )
        PlanLineBatch.objects.bulk_create(
            [PlanLineBatch(batch=batch, plan_line=line) for batch in batches]
        )
        audit.record(
            actor=actor,
            action=audit_actions.PLAN_LINE_BATCHES,
            target=plan,
            changes=audit.diff(
                {},
                {
                    "line": line.title,
                    "batches": len(batches),
                    "plan_line": line.pk,
                    "batch_ids": [batch.pk for batch in batches],
                },
            ),
        )
    return batches

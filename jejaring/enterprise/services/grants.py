"""Groups and grants (TKM-style): members checked when they join, a proposal with a
business plan and budget lines, the office's selection, the disbursement and the
accountability report that staff check. The rules come from the `GrantRule` row in force
on the proposal's date (on the joining date for a member's age), never from constants.
Statuses move only along `PROPOSAL_TRANSITIONS`; every write is atomic and audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.dates import age_on
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.numbers import format_rupiah
from jejaring.core.policies import policy_for
from jejaring.employers.models import Formation
from jejaring.enterprise import audit_actions
from jejaring.enterprise.models import (
    PROPOSAL_TRANSITIONS,
    BudgetLine,
    BusinessKind,
    EnterpriseGroup,
    GrantProposal,
    GrantRule,
    GroupMember,
    ReportFile,
)
from jejaring.enterprise.services.businesses import clean_kbli, clean_place
from jejaring.jobseekers.models import CardStatus, JobSeekerCard
from jejaring.placement.models import Referral
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.trainees.models import Person

S = GrantProposal.Status
#: Largest upload of a receipt or photo.
MAX_FILE_BYTES = 5 * 1024 * 1024
_FILE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"%PDF-")


def _office(actor: Any, region_id: int) -> None:
    if not scope_of(actor).is_office_of(region_id):
        raise NotFound(_("Kelompok tidak ditemukan."))


def rule_in_force(*, region: Region, scheme: str, on: date) -> GrantRule:
    """The region's rule row of `scheme` with the latest `valid_from` not after `on`."""
    rule = (
        GrantRule.objects.filter(region=region, scheme=scheme, valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )
    if rule is None:
        raise Conflict(
            _("Belum ada aturan bantuan yang berlaku pada %(day)s; minta admin menambahkannya.")
            % {"day": on.strftime("%d-%m-%Y")},
            code="no_grant_rule",
        )
    return rule


def employment_of(person: Person) -> str:
    """Why the person counts as employed (empty when they do not): a job referral that
    started or a hiring, not ended; or their latest AK/1 card closed as hired."""
    working = Referral.objects.filter(
        Q(status=Referral.Status.HIRED)
        | Q(status=Referral.Status.STARTED, formation__kind=Formation.Kind.JOB),
        person=person,
        ended_on__isnull=True,
    ).exists()
    if working:
        return str(_("tercatat bekerja melalui penyaluran"))
    card = JobSeekerCard.objects.filter(person=person).order_by("-registered_at", "-id").first()
    if card is not None and card.status == CardStatus.HIRED:
        return str(_("kartu AK/1 ditutup karena sudah bekerja"))
    return ""


@dataclass
class GroupData:
    name: str
    kind: str
    scheme: str = "tkm_pemula"
    kbli_code: str = ""
    place_regency_code: str = ""
    place_district_code: str = ""
    place_village_code: str = ""


def group_create(*, actor: Any, region: Region, data: GroupData) -> EnterpriseGroup:
    _office(actor, region.pk)
    name = " ".join(str(data.name or "").split())
    if not name or len(name) > 200:
        raise ValidationError(
            _("Nama kelompok wajib diisi (paling panjang 200 huruf)."),
            code="name_required",
            field="name",
        )
    if data.kind not in BusinessKind.values:
        raise ValidationError(_("Pilih bidang usaha."), code="invalid_kind", field="kind")
    regency, district, village = clean_place(
        region.code, data.place_regency_code, data.place_district_code, data.place_village_code
    )
    rule_in_force(region=region, scheme=data.scheme, on=today_in(region))
    with transaction.atomic():
        group = EnterpriseGroup.objects.create(
            region=region,
            name=name,
            kind=data.kind,
            scheme=data.scheme,
            kbli_code=clean_kbli(data.kbli_code),
            place_regency_code=regency,
            place_district_code=district,
            place_village_code=village,
        )
        audit.record(actor=actor, action=audit_actions.GROUP_CREATE, target=group)
    return group


def group_member_add(
    *, actor: Any, group: EnterpriseGroup, person: Person, chair: bool = False
) -> GroupMember:
    """Add a member after checking, on the region's date today, the age range and the
    group size of the rule in force, and that the person is not employed."""
    _office(actor, group.region_id)
    if not (person.region_id == group.region_id):
        raise NotFound(_("Orang tidak ditemukan."))
    today = today_in(group.region)
    rule = rule_in_force(region=group.region, scheme=group.scheme, on=today)
    age = age_on(person.birth_date, today)
    if not rule.min_age <= age <= rule.max_age:
        raise ValidationError(
            _("%(name)s berumur %(age)d tahun; anggota harus berumur %(low)d–%(high)d tahun.")
            % {"name": person.full_name, "age": age, "low": rule.min_age, "high": rule.max_age},
            code="age_out_of_range",
            field="person",
        )
    employed = employment_of(person)
    if employed:
        raise ValidationError(
            _("%(name)s tidak dapat menjadi anggota: %(reason)s.")
            % {"name": person.full_name, "reason": employed},
            code="member_employed",
            field="person",
        )
    with transaction.atomic():
        locked = EnterpriseGroup.objects.select_for_update().get(pk=group.pk)
        if GroupMember.objects.filter(group=locked, person=person).exists():
            raise Conflict(_("Orang ini sudah menjadi anggota."), code="already_member")
        if locked.members.count() >= rule.max_members:
            raise ValidationError(
                _("Kelompok sudah beranggota %(max)d orang, batas aturan yang berlaku.")
                % {"max": rule.max_members},
                code="group_full",
                field="person",
            )
        if chair:
            locked.members.filter(role=GroupMember.Role.CHAIR).update(role=GroupMember.Role.MEMBER)
        member = GroupMember.objects.create(
            group=locked,
            person=person,
            role=GroupMember.Role.CHAIR if chair else GroupMember.Role.MEMBER,
            joined_on=today,
            age_when_checked=age,
            checked_by=actor,
        )
        audit.record(
            actor=actor,
            action=audit_actions.GROUP_MEMBER_ADD,
            target=locked,
            changes={"person": person.pk, "age": age},
        )
    return member


def group_member_remove(*, actor: Any, member: GroupMember) -> None:
    _office(actor, member.group.region_id)
    if member.group.proposals.exclude(status__in=[S.DRAFT, S.REJECTED]).exists():
        raise Conflict(
            _("Anggota kelompok yang usulannya sudah diajukan tidak dapat dikeluarkan."),
            code="group_locked",
        )
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=audit_actions.GROUP_MEMBER_REMOVE,
            target=member.group,
            changes={"person": member.person_id},
        )
        member.delete()


# --- proposals -------------------------------------------------------------------------


@dataclass(frozen=True)
class LineData:
    category: str
    description: str
    planned: int


def check_budget(rule: GrantRule, lines: Sequence[LineData]) -> None:
    """The budget's rules: at least one line of each kind, the total not above the rule's
    amount, and the tools' share within the rule's percentage ± its tolerance."""
    if not lines:
        raise ValidationError(_("Isi baris anggaran."), code="budget_empty", field="lines")
    for line in lines:
        if line.category not in BudgetLine.Category.values or not line.description.strip():
            raise ValidationError(
                _("Setiap baris anggaran perlu jenis dan uraian."),
                code="budget_line_invalid",
                field="lines",
            )
        if line.planned <= 0:
            raise ValidationError(
                _("Nilai setiap baris anggaran harus lebih dari nol."),
                code="budget_line_invalid",
                field="lines",
            )
    total = sum(line.planned for line in lines)
    if total > rule.amount:
        raise ValidationError(
            _("Jumlah anggaran %(total)s melebihi nilai bantuan %(amount)s.")
            % {
                "total": format_rupiah(total),
                "amount": format_rupiah(rule.amount),
            },
            code="budget_over_amount",
            field="lines",
        )
    tools = sum(line.planned for line in lines if line.category == BudgetLine.Category.TOOLS)
    share = tools * 100 / total
    if abs(share - rule.tools_percent) > rule.tolerance_percent:
        raise ValidationError(
            _(
                "Porsi peralatan %(share).0f %% dari anggaran; aturan yang berlaku "
                "%(target)d %% ± %(tolerance)d poin (sisanya bahan)."
            )
            % {"share": share, "target": rule.tools_percent, "tolerance": rule.tolerance_percent},
            code="budget_split",
            field="lines",
        )


def proposal_create(
    *,
    actor: Any,
    group: EnterpriseGroup,
    business_plan: str,
    lines: Sequence[LineData],
    proposed_on: date | None = None,
) -> GrantProposal:
    _office(actor, group.region_id)
    proposed_on = proposed_on or today_in(group.region)
    if not business_plan.strip():
        raise ValidationError(
            _("Rencana usaha wajib diisi."), code="plan_required", field="business_plan"
        )
    rule = rule_in_force(region=group.region, scheme=group.scheme, on=proposed_on)
    check_budget(rule, lines)
    with transaction.atomic():
        proposal = GrantProposal.objects.create(
            region_id=group.region_id,
            group=group,
            scheme=group.scheme,
            rule=rule,
            proposed_on=proposed_on,
            business_plan=business_plan.strip(),
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                proposal=proposal,
                category=line.category,
                description=line.description.strip()[:200],
                planned=line.planned,
            )
            for line in lines
        )
        audit.record(actor=actor, action=audit_actions.PROPOSAL_CREATE, target=proposal)
    return proposal


def _move(*, actor: Any, proposal: GrantProposal, to: str, note: str = "", **extra: Any) -> None:
    before = proposal.status
    if to not in PROPOSAL_TRANSITIONS[before]:
        raise InvalidTransition(
            _("Usulan berstatus %(status)s tidak dapat diubah begitu.")
            % {"status": proposal.get_status_display()}
        )
    proposal.status = to
    if note:
        proposal.status_note = note
    proposal.save()
    audit.record(
        actor=actor,
        action=audit_actions.PROPOSAL_STATUS,
        target=proposal,
        changes={"status": [before, to], **extra},
    )
    versions.bump(proposal.region_id, versions.ENTERPRISE)


def _locked(proposal: GrantProposal) -> GrantProposal:
    return (
        GrantProposal.objects.select_for_update()
        .select_related("rule", "group", "region")
        .get(pk=proposal.pk)
    )


def proposal_submit(*, actor: Any, proposal: GrantProposal) -> GrantProposal:
    """Send the proposal to the office: the group's size must fit the rule of its date."""
    _office(actor, proposal.region_id)
    with transaction.atomic():
        locked = _locked(proposal)
        rule = locked.rule
        size = locked.group.members.count()
        if not rule.min_members <= size <= rule.max_members:
            raise ValidationError(
                _("Kelompok beranggota %(size)d orang; aturan yang berlaku %(low)d–%(high)d.")
                % {"size": size, "low": rule.min_members, "high": rule.max_members},
                code="group_size",
            )
        if not locked.group.members.filter(role=GroupMember.Role.CHAIR).exists():
            raise ValidationError(_("Tunjuk ketua kelompok."), code="chair_required")
        _move(actor=actor, proposal=locked, to=S.SUBMITTED)
    return locked


def proposal_decide(
    *, actor: Any, proposal: GrantProposal, select: bool, note: str = ""
) -> GrantProposal:
    _office(actor, proposal.region_id)
    if not select and not note.strip():
        raise ValidationError(
            _("Tulis alasan usulan tidak terpilih."), code="reason_required", field="note"
        )
    with transaction.atomic():
        locked = _locked(proposal)
        _move(actor=actor, proposal=locked, to=S.SELECTED if select else S.REJECTED, note=note)
        locked.decided_at = timezone.now()
        locked.save(update_fields=["decided_at"])
    return locked


def proposal_disburse(
    *, actor: Any, proposal: GrantProposal, amount: int, on: date
) -> GrantProposal:
    _office(actor, proposal.region_id)
    if on > today_in(proposal.region):
        raise ValidationError(
            _("Tanggal penyaluran tidak boleh sesudah hari ini."),
            code="date_in_future",
            field="on",
        )
    with transaction.atomic():
        locked = _locked(proposal)
        planned = locked.lines.aggregate(total=Sum("planned"))["total"] or 0
        if not 0 < amount <= min(planned, locked.rule.amount):
            raise ValidationError(
                _("Dana yang disalurkan harus lebih dari nol dan tidak melebihi anggaran."),
                code="invalid_amount",
                field="amount",
            )
        locked.disbursed_on, locked.disbursed_amount = on, amount
        _move(actor=actor, proposal=locked, to=S.DISBURSED, amount=amount, on=str(on))
    return locked


def _may_report(actor: Any, proposal: GrantProposal) -> None:
    if not policy_for(GrantProposal).can(actor, "report", proposal):
        raise NotFound(_("Usulan tidak ditemukan."))


def checked_upload(upload: UploadedFile) -> None:
    size = upload.size or 0
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not 0 < size <= MAX_FILE_BYTES or not head.startswith(_FILE_SIGNATURES):
        raise ValidationError(
            _("Berkas harus JPG, PNG atau PDF, paling besar %(mb)d MB.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
            code="invalid_file",
            field="file",
        )


def report_file_add(
    *,
    actor: Any,
    proposal: GrantProposal,
    kind: str,
    upload: UploadedFile,
    line_id: int | None = None,
) -> ReportFile:
    """A receipt or photo of the report, by a member or staff, while the report is open."""
    _may_report(actor, proposal)
    if kind not in ReportFile.Kind.values:
        raise ValidationError(_("Pilih jenis berkas."), code="invalid_kind", field="kind")
    checked_upload(upload)
    line = None
    if line_id is not None:
        line = proposal.lines.filter(pk=line_id).first()
        if line is None:
            raise ValidationError(_("Baris anggaran tidak dikenal."), code="unknown_line")
    with transaction.atomic():
        locked = _locked(proposal)
        if locked.status != S.DISBURSED:
            raise Conflict(
                _("Berkas laporan diunggah setelah dana disalurkan, sebelum laporan diserahkan."),
                code="report_closed",
            )
        report_file = ReportFile(proposal=locked, line=line, kind=kind, uploaded_by=actor)
        report_file.file.save(upload.name or "berkas", upload, save=False)
        report_file.save()
        audit.record(
            actor=actor,
            action=audit_actions.PROPOSAL_FILE,
            target=locked,
            changes={"file": report_file.pk, "kind": kind},
        )
    return report_file


def proposal_report(*, actor: Any, proposal: GrantProposal, spent: dict[int, int]) -> GrantProposal:
    """Hand in the accountability report: what was spent on each budget line (every line,
    a receipt among the files, the total not above the disbursed amount)."""
    _may_report(actor, proposal)
    with transaction.atomic():
        locked = _locked(proposal)
        lines = list(locked.lines.all())
        if {line.pk for line in lines} - set(spent) or any(v < 0 for v in spent.values()):
            raise ValidationError(
                _("Isi realisasi setiap baris anggaran."), code="spent_missing", field="spent"
            )
        if sum(spent[line.pk] for line in lines) > (locked.disbursed_amount or 0):
            raise ValidationError(
                _("Realisasi melebihi dana yang disalurkan."), code="spent_over", field="spent"
            )
        if not locked.files.filter(kind=ReportFile.Kind.RECEIPT).exists():
            raise ValidationError(
                _("Unggah kuitansi atau nota pembelian dahulu."),
                code="receipts_required",
                field="file",
            )
        for line in lines:
            line.spent = spent[line.pk]
        BudgetLine.objects.bulk_update(lines, ["spent"])
        locked.reported_at = timezone.now()
        _move(actor=actor, proposal=locked, to=S.REPORTED)
        audit.record(
            actor=actor,
            action=audit_actions.PROPOSAL_REPORT,
            target=locked,
            changes={"spent": sum(spent[line.pk] for line in lines)},
        )
    return locked


def proposal_check(
    *, actor: Any, proposal: GrantProposal, accept: bool, note: str = ""
) -> GrantProposal:
    """Staff accept the report (the grant is accounted for) or return it with a note."""
    _office(actor, proposal.region_id)
    if not accept and not note.strip():
        raise ValidationError(
            _("Tulis apa yang perlu diperbaiki."), code="reason_required", field="note"
        )
    with transaction.atomic():
        locked = _locked(proposal)
        _move(actor=actor, proposal=locked, to=S.ACCOUNTED if accept else S.DISBURSED, note=note)
        if accept:
            locked.checked_at, locked.checked_by = timezone.now(), actor
            locked.save(update_fields=["checked_at", "checked_by"])
    return locked

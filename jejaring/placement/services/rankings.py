"""Company rankings of a round formation's applicants, uploaded as a spreadsheet."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.core.spreadsheets import Column, read_rows
from jejaring.placement import audit_actions, eligibility
from jejaring.placement.models import (
    AllocationRound,
    Application,
    ApplicationChoice,
    CompanyRanking,
    RoundFormation,
)
from jejaring.placement.services.rounds import S

RANKING_COLUMNS = [
    Column("position", "Peringkat", aliases=("rank", "urutan", "no")),
    Column("nik", "NIK"),
    Column("name", "Nama", aliases=("nama lengkap",), required=False),
]


def ranking_upload(*, actor: Any, round_formation: RoundFormation, file: Any) -> int:
    """Replace the formation's priority in the round by the company's own ranking of its
    applicants (XLSX or CSV: Peringkat, NIK). All or nothing: every bad row is listed.
    Applicants the company leaves out may not be placed there (`company_not_ranked`).

    Company HR learn nothing about a NIK that is not an eligible applicant to this
    formation: whether it never applied, was found ineligible (and why: a competency
    result, age, education) or does not exist at all, the row gets one and the same
    message. Office staff of the round's region, who see eligibility anyway, get the
    reason."""
    scope = scope_of(actor)
    office = scope.is_office_of(round_formation.round.region_id)
    if not (office or round_formation.formation.company_id in scope.company_ids):
        raise NotFound(_("Formasi pada putaran ini tidak ditemukan."))
    not_rankable = _("NIK ini tidak termasuk pelamar formasi ini yang dapat diperingkat.")
    rnd = AllocationRound.objects.get(pk=round_formation.round_id)
    if rnd.status not in (S.CLOSED, S.ALLOCATED):
        raise InvalidTransition(
            _(
                "Peringkat perusahaan hanya dapat diunggah setelah lamaran ditutup dan sebelum "
                "hasil diumumkan."
            ),
        )
    rows = read_rows(file, columns=RANKING_COLUMNS, max_rows=50_000)
    choices = {
        c.application.person.nik: c
        for c in ApplicationChoice.objects.filter(
            application__round=rnd,
            application__status=Application.Status.SUBMITTED,
            formation_id=round_formation.formation_id,
        ).select_related("application__person")
    }
    errors: list[dict[str, Any]] = []
    positions: set[int] = set()
    ranked: dict[int, int] = {}  # choice pk -> position
    for number, values in rows:
        position_text, nik = values["position"].strip(), values["nik"].strip().replace(" ", "")
        if not position_text.isdigit() or int(position_text) < 1:
            errors.append({"row": number, "column": "Peringkat", "message": _("Bukan angka ≥ 1.")})
            continue
        position = int(position_text)
        if position in positions:
            errors.append({"row": number, "column": "Peringkat", "message": _("Peringkat ganda.")})
            continue
        choice = choices.get(nik)
        rankable = choice is not None and (
            choice.eligible is not False or choice.ineligible_reason == "company_not_ranked"
        )
        if not rankable and not office:
            errors.append({"row": number, "column": "NIK", "message": not_rankable})
            continue
        if choice is None:
            errors.append(
                {
                    "row": number,
                    "column": "NIK",
                    "message": _("NIK ini tidak melamar formasi ini pada putaran ini."),
                }
            )
            continue
        if not rankable:
            errors.append(
                {
                    "row": number,
                    "column": "NIK",
                    "message": _("Pelamar tidak memenuhi syarat: %(reason)s")
                    % {"reason": eligibility.reason_message(choice.ineligible_reason)},
                }
            )
            continue
        if choice.pk in ranked:
            errors.append({"row": number, "column": "NIK", "message": _("NIK ganda.")})
            continue
        positions.add(position)
        ranked[choice.pk] = position
    if errors:
        raise ValidationError(
            _("Peringkat tidak disimpan: %(n)d baris bermasalah.") % {"n": len(errors)},
            code="ranking_invalid",
            detail={"errors": errors},
        )
    with transaction.atomic():
        CompanyRanking.objects.filter(round_formation=round_formation).delete()
        by_pk = {c.pk: c for c in choices.values()}
        CompanyRanking.objects.bulk_create(
            [
                CompanyRanking(
                    round_formation=round_formation,
                    person_id=by_pk[pk].application.person_id,
                    position=position,
                )
                for pk, position in ranked.items()
            ]
        )
        changed = []
        for choice in choices.values():
            if choice.pk in ranked:
                choice.eligible, choice.ineligible_reason = True, ""
                choice.priority = ranked[choice.pk]
            elif choice.eligible or choice.ineligible_reason == "company_not_ranked":
                choice.eligible, choice.ineligible_reason = False, "company_not_ranked"
                choice.priority = None
            else:
                continue
            changed.append(choice)
        ApplicationChoice.objects.bulk_update(
            changed, ["eligible", "ineligible_reason", "priority"], batch_size=1000
        )
        round_formation.priority_source = RoundFormation.PrioritySource.COMPANY_RANKING
        round_formation.save(update_fields=["priority_source"])
        audit.record(
            actor=actor,
            action=audit_actions.RANKING_UPLOAD,
            target=rnd,
            changes={"formation": round_formation.formation_id, "ranked": len(ranked)},
        )
    return len(ranked)

"""Writes of placement: applications with ranked choices and allocation rounds (open,
close, allocate, publish, company rankings). Each write is atomic and audited; bulk work
is set-based (a constant number of queries per round, whatever its size).

Seats (docs/adr/0004-placement-seats.md): a formation offers in a round
``quota − seats held``, where a seat is held by every referral to it whose status is in
``Referral.ACTIVE`` (referred, accepted, started, completed, hired) and that came from
another round or a direct referral. Declined, rejected and cancelled referrals hold no
seat, so their seat goes back to the formation for the next round. Seats are counted when
the allocation runs and stored on the round formation (an input of the round); publishing
counts again under a lock of the formation rows and refuses if fewer seats are left than
the round assigns.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.spreadsheets import Column, read_rows
from jejaring.employers.models import Formation
from jejaring.placement import allocation, audit_actions, bulk, eligibility
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    Application,
    ApplicationChoice,
    CompanyRanking,
    Referral,
    RoundFormation,
)
from jejaring.placement.seats import seats_held
from jejaring.regions.models import Region
from jejaring.trainees.models import Person
from jejaring.training.models import Enrolment

S = AllocationRound.Status
MAX_CHOICES_LIMIT = 20


def _require_office(actor: Any, region_id: int) -> None:
    if not scope_of(actor).is_office_of(region_id):
        raise NotFound(_("Putaran penyaluran tidak ditemukan."))


def lock_formations(formation_ids: Sequence[int]) -> list[Formation]:
    """Lock formation rows in primary-key order (a fixed order, so two writers taking
    seats of the same formations never deadlock)."""
    return list(
        Formation.objects.select_for_update().filter(pk__in=list(formation_ids)).order_by("pk")
    )


# --- rounds -------------------------------------------------------------------------


def round_create(
    *,
    actor: Any,
    region: Region,
    name: str,
    formation_ids: Sequence[int],
    max_choices: int = 5,
    closes_at: datetime | None = None,
) -> AllocationRound:
    """Open a round over a set of the region's open formations; its lottery seed is drawn
    now and stored with it."""
    _require_office(actor, region.pk)
    name = name.strip()
    if not name:
        raise ValidationError(_("Isi nama putaran."), code="name_required", field="name")
    if not 1 <= max_choices <= MAX_CHOICES_LIMIT:
        raise ValidationError(
            _("Pilihan maksimal 1–%(max)d.") % {"max": MAX_CHOICES_LIMIT},
            code="invalid_max_choices",
            field="max_choices",
        )
    ids = sorted(set(formation_ids))
    if not ids:
        raise ValidationError(
            _("Pilih sedikitnya satu formasi."), code="no_formations", field="formations"
        )
    found = set(
        Formation.objects.filter(
            pk__in=ids, region=region, status=Formation.Status.OPEN
        ).values_list("pk", flat=True)
    )
    if found != set(ids):
        raise ValidationError(
            _("Formasi yang dipilih tidak ditemukan atau tidak sedang dibuka."),
            code="unknown_formation",
            field="formations",
        )
    now = timezone.now()
    if closes_at is not None and closes_at <= now:
        raise ValidationError(
            _("Waktu tutup harus setelah sekarang."), code="invalid_closes_at", field="closes_at"
        )
    with transaction.atomic():
        rnd = AllocationRound.objects.create(
            region=region,
            name=name,
            max_choices=max_choices,
            seed=secrets.randbits(48),
            status=S.OPEN,
            opens_at=now,
            closes_at=closes_at,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        RoundFormation.objects.bulk_create(
            [RoundFormation(round=rnd, formation_id=fid) for fid in ids]
        )
        audit.record(
            actor=actor,
            action=audit_actions.ROUND_CREATE,
            target=rnd,
            changes={"formations": ids, "max_choices": max_choices, "seed": rnd.seed},
        )
    return rnd


def _transition(rnd: AllocationRound, allowed: Sequence[str], to: str) -> AllocationRound:
    locked = AllocationRound.objects.select_for_update().get(pk=rnd.pk)
    if locked.status not in allowed:
        raise InvalidTransition(
            _("Putaran berstatus “%(status)s”; langkah ini tidak dapat dilakukan.")
            % {"status": locked.get_status_display()},
            detail={"status": locked.status, "to": to},
        )
    return locked


def judge_choices(rnd: AllocationRound) -> list[tuple[Any, ...]]:
    """The verdict on every submitted choice of the round, in a constant number of
    queries: `(pk, eligible, reason, priority, tested_on, changed)`, where `changed` says
    whether it differs from what is stored on the choice."""
    today = timezone.localdate()
    apps = Application.objects.filter(round=rnd, status=Application.Status.SUBMITTED)
    person_ids = apps.values("person_id")
    people = {
        row[0]: row[1:]
        for row in bulk.fetch(
            apps.values_list("id", "person_id", "person__birth_date", "person__education")
        )
    }
    competencies = eligibility.competencies_of(person_ids)
    held = eligibility.held_internships_of(person_ids)
    choices = ApplicationChoice.objects.filter(application__in=apps).values_list(
        "pk",
        "application_id",
        "formation_id",
        "eligible",
        "ineligible_reason",
        "priority",
        "tested_on",
    )
    facts = eligibility.formation_facts(
        RoundFormation.objects.filter(round=rnd).values_list("formation_id", flat=True)
    )
    rows = bulk.fetch(choices)
    if not rows:
        return []
    pks, app_col, fid_col, *stored = zip(*rows, strict=True)
    # A person's choices often share their rules (formations of one vocation without
    # limits of their own), so each verdict is judged once per person and distinct rules,
    # numbered (0: a formation no longer open) to key the choices by one integer each;
    # the choices of someone who held an internship are judged one by one (the repeat
    # rule compares formations by identity). Judging every choice of 100,000 people in
    # Python took seconds.
    numbers: dict[tuple[Any, ...], int] = {}
    known = sorted(facts)
    numbered = np.array(
        [numbers.setdefault(facts[fid].rules_key, len(numbers) + 1) for fid in known],
        dtype=np.int64,
    )
    app_ids = np.array(app_col, dtype=np.int64)
    fids = np.array(fid_col, dtype=np.int64)
    rule = np.zeros(len(fids), dtype=np.int64)
    if known:
        known_ids = np.array(known, dtype=np.int64)
        at = np.minimum(np.searchsorted(known_ids, fids), len(known) - 1)
        rule = np.where(known_ids[at] == fids, numbered[at], 0)
    key = app_ids * (len(numbers) + 1) + rule
    held_apps = [app_id for app_id, person in people.items() if person[0] in held]
    if held_apps:
        alone = np.flatnonzero(np.isin(app_ids, held_apps))
        key[alone] = -1 - alone
    _keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    rules = eligibility.RulesCache()
    applicants: dict[int, eligibility.Applicant] = {}
    verdicts = []
    for i in first.tolist():
        app_id, fid = app_col[i], fid_col[i]
        applicant = applicants.get(app_id)
        if applicant is None:
            person_id, birth_date, education = people[app_id]
            applicant = applicants[app_id] = eligibility.Applicant(
                person_id, birth_date, education, competencies.get(person_id, {})
            )
        formation = facts.get(fid)
        if formation is None:
            verdict = eligibility.Verdict("formation_closed")
        else:
            verdict = eligibility.judge(
                applicant,
                formation,
                today=today,
                held=held.get(applicant.person_id, []),
                rules=rules,
            )
        verdicts.append((not verdict.reason, verdict.reason, verdict.priority, verdict.tested_on))
    now = [_objects(column)[inverse] for column in zip(*verdicts, strict=True)]
    changed = np.zeros(len(pks), dtype=bool)
    for new, old in zip(now, stored, strict=True):
        changed |= new != _objects(old)
    return list(zip(pks, *(column.tolist() for column in now), changed.tolist(), strict=True))


def _objects(values: Sequence[Any]) -> np.ndarray:
    """A one-dimensional object array of `values` (whatever they are)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def round_close(*, actor: Any, rnd: AllocationRound) -> AllocationRound:
    """Close applications and fix each submitted choice's eligibility, reason, priority
    and tie-break date (module `eligibility`). The verdict was stored when the person
    applied; closing judges every choice again (a result, an age or an earlier internship
    may have changed since) and writes only the choices whose verdict changed. A constant
    number of queries."""
    _require_office(actor, rnd.region_id)
    with transaction.atomic(), bulk.gc_paused():
        rnd = _transition(rnd, [S.OPEN], S.CLOSED)
        rows = judge_choices(rnd)
        changed = [row[:5] for row in rows if row[5]]
        bulk.update(
            ApplicationChoice, ["eligible", "ineligible_reason", "priority", "tested_on"], changed
        )
        # Drafts never submitted take no part.
        rnd.status = S.CLOSED
        now = timezone.now()
        if rnd.opens_at is None or now > rnd.opens_at:
            rnd.closes_at = now
        rnd.save(update_fields=["status", "closes_at"])
        audit.record(
            actor=actor,
            action=audit_actions.ROUND_CLOSE,
            target=rnd,
            changes={
                "eligible": sum(1 for row in rows if row[1]),
                "ineligible": sum(1 for row in rows if not row[1]),
                "changed_since_applying": len(changed),
            },
        )
    return rnd


def round_allocate(*, actor: Any, rnd: AllocationRound) -> AllocationRound:
    """Count the seats, run deferred acceptance from the stored inputs and store each
    applicant's result with its explanation. May be run again before publishing."""
    _require_office(actor, rnd.region_id)
    with transaction.atomic(), bulk.gc_paused():
        rnd = _transition(rnd, [S.CLOSED, S.ALLOCATED], S.ALLOCATED)
        rfs = list(RoundFormation.objects.filter(round=rnd).select_related("formation"))
        held = seats_held([rf.formation_id for rf in rfs], exclude_round=rnd)
        for rf in rfs:
            rf.seats = max(0, rf.formation.quota - held.get(rf.formation_id, 0))
        # One statement for any number of formations (bulk_update's CASE over 2,000
        # rows took a second).
        bulk.update(RoundFormation, ["seats"], [(rf.pk, rf.seats) for rf in rfs])
        built, result = allocation.run(rnd)
        AllocationResult.objects.filter(round=rnd).delete()
        bulk.insert(
            AllocationResult,
            ["round", "application", "formation", "choice_rank", "explanation"],
            [
                (rnd.pk, app_id, fid, rank, why)
                for app_id, fid, rank, why in allocation.explanations(built, result)
            ],
        )
        rnd.status = S.ALLOCATED
        rnd.input_digest = built.digest
        rnd.allocated_at = timezone.now()
        rnd.save(update_fields=["status", "input_digest", "allocated_at"])
        audit.record(
            actor=actor,
            action=audit_actions.ROUND_ALLOCATE,
            target=rnd,
            changes={
                "applicants": built.instance.n_applicants,
                "assigned": int((result.assignment >= 0).sum()),
                "proposals": result.proposals,
                "digest": built.digest,
            },
        )
    return rnd


def round_replay(*, rnd: AllocationRound) -> bool:
    """Whether solving again from the stored inputs and seed gives the stored result."""
    with bulk.gc_paused():
        built, result = allocation.run(rnd)
    stored = dict(
        AllocationResult.objects.filter(round=rnd).values_list("application_id", "formation_id")
    )
    again = result.as_id_mapping(built.instance)
    return built.digest == rnd.input_digest and stored == again


def _letter_prefix(rnd: AllocationRound) -> str:
    office = (rnd.region.office_short_name or "DISNAKER").split()[0]
    return f"560/PNY-{rnd.pk}"[:40] + f"/{office}"[:20]


def round_publish(*, actor: Any, rnd: AllocationRound) -> AllocationRound:
    """Publish the allocation: one referral (with its referral-letter number) per placed
    applicant. The formation rows are locked in pk order and the seats counted again, so
    a quota is never exceeded even if referrals were made since the allocation ran."""
    _require_office(actor, rnd.region_id)
    with transaction.atomic(), bulk.gc_paused():
        rnd = _transition(rnd, [S.ALLOCATED], S.PUBLISHED)
        placed = list(
            AllocationResult.objects.filter(round=rnd, formation__isnull=False).values_list(
                "application_id", "formation_id", "application__person_id"
            )
        )
        formations = {f.pk: f for f in lock_formations(sorted({p[1] for p in placed}))}
        held = seats_held(list(formations), exclude_round=rnd)
        wanted: dict[int, int] = {}
        for _app, fid, _person in placed:
            wanted[fid] = wanted.get(fid, 0) + 1
        short = [
            str(formations[fid])
            for fid, n in wanted.items()
            if held.get(fid, 0) + n > formations[fid].quota
        ]
        if short:
            raise Conflict(
                _(
                    "Kursi formasi berikut berkurang sejak hasil dihitung: %(names)s. "
                    "Hitung ulang hasil putaran sebelum mengumumkan."
                )
                % {"names": ", ".join(short)},
                code="seats_changed",
            )
        now = timezone.now()
        prefix = _letter_prefix(rnd)
        year = timezone.localdate().year
        bulk.insert(
            Referral,
            [
                "region",
                "formation",
                "company",
                "person",
                "round",
                "application",
                "status",
                "status_reason",
                "letter_number",
                "referred_at",
            ],
            [
                (
                    rnd.region_id,
                    fid,
                    formations[fid].company_id,
                    person_id,
                    rnd.pk,
                    app_id,
                    Referral.Status.REFERRED.value,
                    "",
                    f"{prefix}/{n:05d}/{year}",
                    now,
                )
                for n, (app_id, fid, person_id) in enumerate(placed, start=1)
            ],
        )
        rnd.status = S.PUBLISHED
        rnd.published_at = now
        rnd.save(update_fields=["status", "published_at"])
        audit.record(
            actor=actor,
            action=audit_actions.ROUND_PUBLISH,
            target=rnd,
            changes={"referrals": len(placed)},
        )
    return rnd


def round_cancel(*, actor: Any, rnd: AllocationRound) -> AllocationRound:
    _require_office(actor, rnd.region_id)
    with transaction.atomic():
        rnd = _transition(rnd, [S.DRAFT, S.OPEN, S.CLOSED, S.ALLOCATED], S.CANCELLED)
        before = rnd.status
        rnd.status = S.CANCELLED
        rnd.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action=audit_actions.ROUND_CANCEL,
            target=rnd,
            changes={"status": [before, S.CANCELLED]},
        )
    return rnd


# --- company rankings ---------------------------------------------------------------

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


# --- applications -------------------------------------------------------------------


def qualifying_enrolment(person: Person) -> Enrolment | None:
    """The person's latest graduation, if they also took a competency test."""
    from jejaring.assessment.models import Candidate

    if not Candidate.objects.filter(person=person, status=Candidate.Status.ASSESSED).exists():
        return None
    return (
        Enrolment.objects.filter(person=person, status=Enrolment.Status.GRADUATED)
        .order_by("-graduated_on", "-pk")
        .first()
    )


def applicant_problem(person: Person) -> str:
    """Why the person may not apply at all ("" when they may)."""
    from jejaring.assessment.models import Candidate

    if not Enrolment.objects.filter(person=person, status=Enrolment.Status.GRADUATED).exists():
        return _("Anda belum lulus dari pelatihan; yang dapat melamar adalah lulusan dan alumni.")
    if not Candidate.objects.filter(person=person, status=Candidate.Status.ASSESSED).exists():
        return _("Anda belum mengikuti uji kompetensi; hasil uji dipakai untuk menentukan urutan.")
    return ""


def verdicts_for(person: Person, formation_ids: Sequence[int]) -> dict[int, eligibility.Verdict]:
    """The verdict on each formation for one person (same rules as when the round closes)."""
    competencies = eligibility.competencies_of([person.pk]).get(person.pk, {})
    held = eligibility.held_internships_of([person.pk]).get(person.pk, [])
    applicant = eligibility.Applicant(person.pk, person.birth_date, person.education, competencies)
    rules = eligibility.RulesCache()
    today = timezone.localdate()
    return {
        fid: eligibility.judge(applicant, facts, today=today, held=held, rules=rules)
        for fid, facts in eligibility.formation_facts(formation_ids).items()
    }


def application_submit(
    *, actor: Any, rnd: AllocationRound, formation_ids: Sequence[int]
) -> Application:
    """Submit (or change, while the round is open) the actor's own ranked choices."""
    scope = scope_of(actor)
    if scope.person_id is None:
        raise NotFound(_("Putaran penyaluran tidak ditemukan."))
    person = Person.objects.get(pk=scope.person_id)
    if rnd.status != S.OPEN:
        raise InvalidTransition(_("Putaran ini tidak sedang menerima lamaran."))
    ids = [int(f) for f in formation_ids]
    if not ids:
        raise ValidationError(
            _("Pilih sedikitnya satu formasi."), code="no_choices", field="choices"
        )
    if len(ids) > rnd.max_choices:
        raise ValidationError(
            _("Paling banyak %(n)d pilihan pada putaran ini.") % {"n": rnd.max_choices},
            code="too_many_choices",
            field="choices",
        )
    if len(set(ids)) != len(ids):
        raise ValidationError(
            _("Formasi yang sama dipilih lebih dari sekali."),
            code="duplicate_choice",
            field="choices",
        )
    in_round = set(
        RoundFormation.objects.filter(round=rnd, formation_id__in=ids).values_list(
            "formation_id", flat=True
        )
    )
    if in_round != set(ids):
        raise ValidationError(
            _("Formasi yang dipilih bukan bagian dari putaran ini."),
            code="unknown_formation",
            field="choices",
        )
    problem = applicant_problem(person)
    if problem:
        raise ValidationError(problem, code="not_eligible_to_apply")
    verdicts = verdicts_for(person, ids)
    formations = {f.pk: f for f in Formation.objects.filter(pk__in=ids).select_related("company")}
    refused = [(formations[fid], verdicts[fid].reason) for fid in ids if verdicts[fid].reason]
    if refused:
        raise ValidationError(
            "; ".join(
                f"{f.title} ({f.company.name}): {eligibility.reason_message(code, f)}"
                for f, code in refused
            ),
            code="ineligible_choice",
            field="choices",
            detail={"formations": {str(f.pk): code for f, code in refused}},
        )
    enrolment = qualifying_enrolment(person)
    assert enrolment is not None
    with transaction.atomic():
        AllocationRound.objects.select_for_update().get(pk=rnd.pk)
        application, created = Application.objects.get_or_create(
            round=rnd,
            person=person,
            defaults={
                "region_id": rnd.region_id,
                "enrolment": enrolment,
                "status": Application.Status.SUBMITTED,
                "submitted_at": timezone.now(),
            },
        )
        before = list(application.choices.values_list("formation_id", flat=True))
        application.choices.all().delete()
        ApplicationChoice.objects.bulk_create(
            [
                ApplicationChoice(
                    application=application,
                    formation_id=fid,
                    rank=rank,
                    eligible=True,
                    priority=verdicts[fid].priority,
                    tested_on=verdicts[fid].tested_on,
                )
                for rank, fid in enumerate(ids, start=1)
            ]
        )
        if not created:
            application.status = Application.Status.SUBMITTED
            application.submitted_at = timezone.now()
            application.enrolment = enrolment
            application.save(update_fields=["status", "submitted_at", "enrolment"])
        audit.record(
            actor=actor,
            action=audit_actions.APPLICATION_SUBMIT,
            target=application,
            changes={"choices": [before, ids]},
        )
    return application


def application_withdraw(*, actor: Any, application: Application) -> Application:
    if scope_of(actor).person_id != application.person_id:
        raise NotFound(_("Lamaran tidak ditemukan."))
    with transaction.atomic():
        rnd = AllocationRound.objects.select_for_update().get(pk=application.round_id)
        if rnd.status != S.OPEN:
            raise InvalidTransition(_("Lamaran hanya dapat ditarik selama putaran dibuka."))
        before = application.status
        application.status = Application.Status.WITHDRAWN
        application.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action=audit_actions.APPLICATION_WITHDRAW,
            target=application,
            changes={"status": [before, application.status]},
        )
    return application


def fill_by_formation(rnd: AllocationRound) -> dict[int, dict[str, int]]:
    """Per formation of the round: seats offered, assigned by the result, and the active
    referrals it holds now (three queries)."""
    seats = dict(RoundFormation.objects.filter(round=rnd).values_list("formation_id", "seats"))
    assigned = dict(
        AllocationResult.objects.filter(round=rnd, formation__isnull=False)
        .values("formation_id")
        .annotate(n=Count("pk"))
        .values_list("formation_id", "n")
    )
    applicants = dict(
        ApplicationChoice.objects.filter(
            application__round=rnd, application__status=Application.Status.SUBMITTED
        )
        .values("formation_id")
        .annotate(n=Count("pk"))
        .values_list("formation_id", "n")
    )
    return {
        fid: {
            "seats": seats[fid] or 0,
            "assigned": assigned.get(fid, 0),
            "applicants": applicants.get(fid, 0),
        }
        for fid in seats
    }

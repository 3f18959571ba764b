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
from jejaring.core import audit, versions
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.employers.models import Formation
from jejaring.placement import allocation, audit_actions, bulk, eligibility, notifications
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    Application,
    ApplicationChoice,
    Referral,
    RoundFormation,
)
from jejaring.placement.seats import seats_held
from jejaring.regions.models import Region

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


def round_add_formation(
    *, actor: Any, rnd: AllocationRound, formation: Formation
) -> RoundFormation:
    """Let a formation opened after the round began take part in it ("Gabungkan ke
    putaran"): only while the round still takes applications, for an open formation of
    the round's region that is not in it yet. Applicants see it at once; its seats are
    counted when the allocation runs, like every other formation's."""
    _require_office(actor, rnd.region_id)
    with transaction.atomic():
        locked = AllocationRound.objects.select_for_update().get(pk=rnd.pk)
        if locked.status != S.OPEN:
            raise InvalidTransition(
                _(
                    "Putaran “%(name)s” sudah tidak menerima lamaran; formasi ini ditawarkan "
                    "pada putaran berikutnya."
                )
                % {"name": locked.name},
                code="round_not_open",
            )
        if formation.region_id != locked.region_id:
            raise NotFound(_("Formasi tidak ditemukan."))
        locked_formations = lock_formations([formation.pk])
        current = locked_formations[0] if locked_formations else None
        if current is None or current.status != Formation.Status.OPEN:
            raise InvalidTransition(
                _("Formasi ini tidak sedang dibuka."), code="formation_not_open"
            )
        entry, created = RoundFormation.objects.get_or_create(round=locked, formation=current)
        if not created:
            raise Conflict(
                _("Formasi ini sudah ikut putaran “%(name)s”.") % {"name": locked.name},
                code="already_in_round",
            )
        versions.bump(locked.region_id, versions.PLACEMENT)
        audit.record(
            actor=actor,
            action=audit_actions.ROUND_ADD_FORMATION,
            target=locked,
            changes={"formations": [None, current.pk]},
        )
    return entry


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
        versions.bump(rnd.region_id, versions.PLACEMENT)
        audit.record(
            actor=actor,
            action=audit_actions.ROUND_PUBLISH,
            target=rnd,
            changes={"referrals": len(placed)},
        )
        notifications.round_published(rnd)
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


# --- applications -------------------------------------------------------------------


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

"""A round's engine instance, built from its stored inputs in a constant number of queries,
and the explanation each applicant gets.

Stored inputs: the round's seed, each round formation's `seats` and `priority_source`, and
each submitted choice's `eligible`, `ineligible_reason`, `priority` and `tested_on` (fixed
when the round closed; a company ranking replaces `priority` with its positions). The
lottery number is a pure function of the seed and the application
(`eligibility.lottery_number`). So `build` on the same stored rows gives the same
instance, and the engine (deterministic) the same result.

A formation ranks its eligible applicants:

- by competency score (`priority`, highest first), then the earlier first competency test
  (`tested_on`), then the lower lottery number, then the application id;
- or, when the company uploaded its ranking, by the company's positions (lowest first).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from jejaring.placement import bulk
from jejaring.placement.eligibility import lottery_number
from jejaring.placement.engine import Instance, Result, solve
from jejaring.placement.models import (
    AllocationRound,
    Application,
    ApplicationChoice,
    RoundFormation,
)


@dataclass
class Built:
    instance: Instance
    application_ids: list[int]
    formation_ids: list[int]
    #: per formation index: "score" or "company"
    sources: list[str]
    #: per ranking position (CSR order of instance.rank_app): the priority there
    ranked_priority: list[Decimal | None]
    #: per preference edge (CSR order of instance.pref_form): rank and ineligible reason
    edge_rank: list[int]
    edge_reason: list[str]
    digest: str


def build(rnd: AllocationRound) -> Built:
    """Two queries: the round's formations and its submitted choices; the rest is numpy."""
    rfs = list(
        RoundFormation.objects.filter(round=rnd)
        .order_by("formation_id")
        .values_list("formation_id", "seats", "priority_source")
    )
    formation_ids = [r[0] for r in rfs]
    n_f = len(formation_ids)
    quotas = np.array([r[1] or 0 for r in rfs], dtype=np.int64)
    sources = [r[2] for r in rfs]
    company = np.array(
        [s == RoundFormation.PrioritySource.COMPANY_RANKING for s in sources], dtype=bool
    )

    choices = (
        ApplicationChoice.objects.filter(
            application__round=rnd,
            application__status=Application.Status.SUBMITTED,
        )
        .order_by("application_id", "rank")
        .values_list(
            "application_id",
            "formation_id",
            "rank",
            "eligible",
            "ineligible_reason",
            "priority",
            "tested_on",
        )
    )
    rows = bulk.fetch(choices)
    # Only formations of the round take part (submitting refuses others; kept as a guard).
    in_round = set(formation_ids)
    rows = [row for row in rows if row[1] in in_round]
    columns = list(zip(*rows, strict=True)) if rows else [()] * 7
    app_ids = np.array(columns[0], dtype=np.int64)
    fids = np.array(columns[1], dtype=np.int64)
    ranks = np.array(columns[2], dtype=np.int64)
    priority_obj = np.array(columns[5], dtype=object)
    has_priority = np.array([p is not None for p in columns[5]], dtype=bool)
    eligible = np.array([e is True for e in columns[3]], dtype=bool) & has_priority
    priority = np.where(has_priority, priority_obj, 0).astype(np.float64)
    far = date.max.toordinal()
    tested = np.array([t.toordinal() if t else far for t in columns[6]], dtype=np.int64)

    f_of_edge = np.searchsorted(np.asarray(formation_ids, dtype=np.int64), fids)
    application_ids_arr, a_of_edge = np.unique(app_ids, return_inverse=True)
    application_ids = application_ids_arr.tolist()
    pref_indptr = np.concatenate(
        ([0], np.cumsum(np.bincount(a_of_edge, minlength=len(application_ids))))
    ).astype(np.int64)
    lottery = np.array([lottery_number(rnd.seed, a) for a in application_ids], dtype=np.int64)

    chosen = np.flatnonzero(eligible)
    e_form = f_of_edge[chosen]
    e_app = a_of_edge[chosen]
    key = np.where(company[e_form], priority[chosen], -priority[chosen])
    order = np.lexsort((app_ids[chosen], lottery[e_app], tested[chosen], key, e_form))
    rank_app = e_app[order].astype(np.int64)
    counts = np.bincount(e_form, minlength=n_f) if n_f else np.zeros(0, dtype=np.int64)
    rank_indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    instance = Instance.from_arrays(
        (pref_indptr, f_of_edge.astype(np.int64)),
        quotas,
        (rank_indptr, rank_app),
        applicant_ids=application_ids,
        formation_ids=formation_ids,
    )

    digest = hashlib.sha256(f"{rnd.seed}|{formation_ids}|{sources}|".encode())
    for array in (quotas, app_ids, fids, ranks, eligible, priority, tested):
        digest.update(np.ascontiguousarray(array).tobytes())
    reasons = [
        "" if ok else (reason or "ineligible")
        for ok, reason in zip(eligible.tolist(), columns[4], strict=True)
    ]
    return Built(
        instance=instance,
        application_ids=application_ids,
        formation_ids=formation_ids,
        sources=sources,
        ranked_priority=priority_obj[chosen][order].tolist(),
        edge_rank=ranks.tolist(),
        edge_reason=reasons,
        digest=digest.hexdigest(),
    )


def _number(value: Decimal | None, source: str) -> str | None:
    if value is None:
        return None
    if source == RoundFormation.PrioritySource.COMPANY_RANKING:
        return str(int(value))
    return f"{value:.2f}"


def explanations(built: Built, result: Result) -> list[tuple[int, int | None, int | None, str]]:
    """Per application: (application id, formation id or None, choice rank or None, why not
    each better choice as JSON text). The explanation is a list, in the applicant's order,
    of ``{"formation": id, "rank": n, "reason": "ineligible", "detail": code}`` or
    ``{"formation": id, "rank": n, "reason": "full", "cutoff": priority, "basis": source}``;
    empty for a first choice.

    The text is what ``json.dumps`` writes for those lists, assembled from pieces encoded
    once per formation and per reason: encoding 100,000 explanations one by one took
    longer than solving the round."""
    inst = built.instance
    formation_ids = built.formation_ids
    # '{"formation": id, "rank": ' per formation, and the rest of a "full" entry.
    heads = [f'{{"formation": {fid}, "rank": ' for fid in formation_ids]
    full_tails = []
    for f in range(len(formation_ids)):
        c = int(result.cutoff_rank[f])
        value = built.ranked_priority[int(inst.rank_indptr[f]) + c] if c >= 0 else None
        cutoff = _number(value, built.sources[f])
        full_tails.append(
            json.dumps({"reason": "full", "cutoff": cutoff, "basis": built.sources[f]})[1:]
        )
    ineligible_tails: dict[str, str] = {}
    assignment = result.assignment.tolist()
    pref_indptr = inst.pref_indptr.tolist()
    pref_form = inst.pref_form.tolist()
    edge_rank = built.edge_rank
    edge_reason = built.edge_reason
    out: list[tuple[int, int | None, int | None, str]] = []
    position = result.choice_position(inst).tolist()
    for a, app_id in enumerate(built.application_ids):
        got = assignment[a]
        if position[a] == 0:  # their first choice: nothing to explain
            out.append((app_id, formation_ids[got], edge_rank[pref_indptr[a]], "[]"))
            continue
        why: list[str] = []
        got_rank = None
        for e in range(pref_indptr[a], pref_indptr[a + 1]):
            f = pref_form[e]
            if f == got:
                got_rank = edge_rank[e]
                break
            reason = edge_reason[e]
            if reason:
                tail = ineligible_tails.get(reason)
                if tail is None:
                    tail = ineligible_tails[reason] = json.dumps(
                        {"reason": "ineligible", "detail": reason}
                    )[1:]
            else:
                tail = full_tails[f]
            why.append(f"{heads[f]}{edge_rank[e]}, {tail}")
        out.append(
            (
                app_id,
                formation_ids[got] if got >= 0 else None,
                got_rank,
                f"[{', '.join(why)}]",
            )
        )
    return out


def run(rnd: AllocationRound) -> tuple[Built, Result]:
    built = build(rnd)
    return built, solve(built.instance)

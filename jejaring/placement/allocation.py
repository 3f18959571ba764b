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
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

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
    """Two queries: the round's formations and its submitted choices."""
    rfs = list(
        RoundFormation.objects.filter(round=rnd)
        .order_by("formation_id")
        .values_list("formation_id", "seats", "priority_source")
    )
    formation_ids = [r[0] for r in rfs]
    f_index = {fid: i for i, fid in enumerate(formation_ids)}
    quotas = np.array([r[1] or 0 for r in rfs], dtype=np.int64)
    sources = [r[2] for r in rfs]
    company = np.array([s == RoundFormation.PrioritySource.COMPANY_RANKING for s in sources])

    rows = list(
        ApplicationChoice.objects.filter(
            application__round=rnd, application__status=Application.Status.SUBMITTED
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
    application_ids: list[int] = []
    a_index: dict[int, int] = {}
    pref_indptr = [0]
    pref_form: list[int] = []
    edge_rank: list[int] = []
    edge_reason: list[str] = []
    # eligible edges, for the formations' rankings
    e_form: list[int] = []
    e_app: list[int] = []
    e_key: list[float] = []
    e_tested: list[int] = []
    e_lottery: list[int] = []
    e_priority: list[Decimal | None] = []
    seed = rnd.seed
    digest = hashlib.sha256(f"{seed}|".encode())
    for app_id, fid, rank, eligible, reason, priority, tested_on in rows:
        if fid not in f_index:
            continue
        if app_id not in a_index:
            if application_ids:
                pref_indptr.append(len(pref_form))
            a_index[app_id] = len(application_ids)
            application_ids.append(app_id)
        a = a_index[app_id]
        f = f_index[fid]
        pref_form.append(f)
        edge_rank.append(rank)
        edge_reason.append("" if eligible and priority is not None else (reason or "ineligible"))
        digest.update(f"{app_id},{fid},{rank},{eligible},{priority},{tested_on};".encode())
        if eligible and priority is not None:
            e_form.append(f)
            e_app.append(a)
            e_key.append(float(priority) if company[f] else -float(priority))
            e_tested.append((tested_on or date.max).toordinal())
            e_lottery.append(lottery_number(seed, app_id))
            e_priority.append(priority)
    if application_ids:
        pref_indptr.append(len(pref_form))
    digest.update(f"|{list(zip(formation_ids, quotas.tolist(), sources, strict=True))}".encode())

    n_f = len(formation_ids)
    form_arr = np.asarray(e_form, dtype=np.int64)
    app_arr = np.asarray(e_app, dtype=np.int64)
    order = np.lexsort(
        (
            np.asarray([application_ids[a] for a in e_app], dtype=np.int64),
            np.asarray(e_lottery, dtype=np.int64),
            np.asarray(e_tested, dtype=np.int64),
            np.asarray(e_key, dtype=np.float64),
            form_arr,
        )
    )
    rank_app = app_arr[order] if order.size else np.zeros(0, dtype=np.int64)
    counts = np.bincount(form_arr, minlength=n_f) if form_arr.size else np.zeros(n_f, np.int64)
    rank_indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    instance = Instance.from_arrays(
        (np.asarray(pref_indptr, dtype=np.int64), np.asarray(pref_form, dtype=np.int64)),
        quotas,
        (rank_indptr, rank_app),
        applicant_ids=application_ids,
        formation_ids=formation_ids,
    )
    return Built(
        instance=instance,
        application_ids=application_ids,
        formation_ids=formation_ids,
        sources=sources,
        ranked_priority=[e_priority[i] for i in order.tolist()],
        edge_rank=edge_rank,
        edge_reason=edge_reason,
        digest=digest.hexdigest(),
    )


def _number(value: Decimal | None, source: str) -> str | None:
    if value is None:
        return None
    if source == RoundFormation.PrioritySource.COMPANY_RANKING:
        return str(int(value))
    return f"{value:.2f}"


def explanations(built: Built, result: Result) -> list[tuple[int, int | None, int | None, list]]:
    """Per application: (application id, formation id or None, choice rank or None, why not
    each better choice)."""
    inst = built.instance
    cutoff_priority: list[str | None] = []
    for f in range(len(built.formation_ids)):
        c = int(result.cutoff_rank[f])
        value = built.ranked_priority[int(inst.rank_indptr[f]) + c] if c >= 0 else None
        cutoff_priority.append(_number(value, built.sources[f]))
    assignment = result.assignment.tolist()
    pref_indptr = inst.pref_indptr.tolist()
    pref_form = inst.pref_form.tolist()
    out: list[tuple[int, int | None, int | None, list[Any]]] = []
    for a, app_id in enumerate(built.application_ids):
        got = assignment[a]
        why: list[dict[str, Any]] = []
        got_rank = None
        for e in range(pref_indptr[a], pref_indptr[a + 1]):
            f = pref_form[e]
            if f == got:
                got_rank = built.edge_rank[e]
                break
            entry: dict[str, Any] = {
                "formation": built.formation_ids[f],
                "rank": built.edge_rank[e],
            }
            if built.edge_reason[e]:
                entry.update(reason="ineligible", detail=built.edge_reason[e])
            else:
                entry.update(reason="full", cutoff=cutoff_priority[f], basis=built.sources[f])
            why.append(entry)
        out.append((app_id, built.formation_ids[got] if got >= 0 else None, got_rank, why))
    return out


def run(rnd: AllocationRound) -> tuple[Built, Result]:
    built = build(rnd)
    return built, solve(built.instance)

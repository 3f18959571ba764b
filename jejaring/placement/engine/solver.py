"""Applicant-proposing deferred acceptance, vectorised with numpy.

The outcome of deferred acceptance does not depend on the order in which free applicants
propose (Gale and Shapley; Dubins and Freedman), so we run it in rounds: every free
applicant proposes to their next acceptable choice at once; a proposal that ranks no
better than a full formation's worst held applicant is rejected straight away; each
formation that still received proposals keeps its best ``quota`` among those it held and
the new ones, the rest are rejected and move on to their next choice.

Each formation's seats are a slice of one array, kept sorted by rank, so the worst held
rank (the cutoff) is the slice's last element and one sort per round over the seats of the
formations touched in that round does the merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .instance import Instance, IntArray


@dataclass(frozen=True, eq=False)
class Result:
    """The applicant-optimal stable matching.

    * ``assignment[a]``: formation index of applicant ``a``, or -1 when unassigned.
    * ``proposals``: number of proposals made (to formations that rank the applicant);
      independent of proposal order.
    * ``cutoff_rank[f]``: when formation ``f`` is full (all of its ``quota >= 1`` seats
      taken), the 0-based position in its ranking of the last (worst-ranked) applicant it
      admitted; -1 when it is not full or has no seats. An applicant who ranked ``f`` above
      their result and whom ``f`` ranks was refused because ``f`` was full with everyone
      better than them: their position is > ``cutoff_rank[f]``.
    * ``filled[f]``: seats of ``f`` taken.
    """

    assignment: IntArray
    proposals: int
    cutoff_rank: IntArray
    filled: IntArray

    def as_id_mapping(self, instance: Instance) -> dict[Any, Any]:
        """``{applicant id: formation id or None}`` for every applicant."""
        aids = instance.applicant_ids or list(range(instance.n_applicants))
        fids: list[Any] = list(instance.formation_ids or range(instance.n_formations))
        fids.append(None)  # index -1
        return dict(zip(aids, map(fids.__getitem__, self.assignment.tolist()), strict=True))

    def choice_position(self, instance: Instance) -> IntArray:
        """0-based position of each applicant's result in their own list, -1 if none."""
        pos = np.full(instance.n_applicants, -1, dtype=np.int64)
        owner = np.repeat(
            np.arange(instance.n_applicants, dtype=np.int64), np.diff(instance.pref_indptr)
        )
        hit = instance.pref_form == self.assignment[owner]
        pos[owner[hit]] = np.flatnonzero(hit) - instance.pref_indptr[owner[hit]]
        return pos


def _ranges(starts: IntArray, lengths: IntArray) -> IntArray:
    """Concatenation of ``arange(s, s + n)`` for each pair."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offs = np.cumsum(lengths) - lengths
    return np.repeat(starts - offs, lengths) + np.arange(total, dtype=np.int64)


def solve(instance: Instance) -> Result:
    """Run applicant-proposing deferred acceptance on ``instance``."""
    n_app, n_form = instance.n_applicants, instance.n_formations
    quota = instance.quota

    # Keep only acceptable choices (the formation ranks the applicant).
    er = instance.edge_rank
    ok = er >= 0
    if ok.all():
        acc_indptr, acc_form, acc_rank = instance.pref_indptr, instance.pref_form, er
    else:
        owner = np.repeat(np.arange(n_app, dtype=np.int64), np.diff(instance.pref_indptr))
        acc_indptr = np.zeros(n_app + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner[ok], minlength=n_app), out=acc_indptr[1:])
        acc_form, acc_rank = instance.pref_form[ok], er[ok]

    max_len = int(np.diff(instance.rank_indptr).max()) if n_form else 0
    sentinel = max_len  # rank of an empty seat: worse than anyone
    width = sentinel + 1  # composite sort key: formation * width + rank

    seat_indptr = np.zeros(n_form + 1, dtype=np.int64)
    np.cumsum(quota, out=seat_indptr[1:])
    seat_rank = np.full(int(seat_indptr[-1]), sentinel, dtype=np.int64)
    seat_app = np.full(int(seat_indptr[-1]), -1, dtype=np.int64)
    # A proposal of rank r to f is considered iff r < cutoff[f].
    cutoff = np.where(quota > 0, sentinel, -1).astype(np.int64)

    ptr = acc_indptr[:-1].copy()
    end = acc_indptr[1:]
    free = np.flatnonzero(ptr < end)
    touched_mask = np.zeros(n_form, dtype=bool)

    while free.size:
        e = ptr[free]
        f = acc_form[e]
        r = acc_rank[e]
        keep = r < cutoff[f]
        rejected = free[~keep]
        if keep.any():
            pa, pf, pr = free[keep], f[keep], r[keep]
            touched_mask[pf] = True
            touched = np.flatnonzero(touched_mask)
            touched_mask[touched] = False
            q = quota[touched]
            seats = _ranges(seat_indptr[touched], q)
            cand_f = np.concatenate((np.repeat(touched, q), pf))
            cand_r = np.concatenate((seat_rank[seats], pr))
            cand_a = np.concatenate((seat_app[seats], pa))
            order = np.argsort(cand_f * width + cand_r)
            new_count = np.bincount(pf, minlength=n_form)[touched]
            group = q + new_count
            group_start = np.cumsum(group) - group
            pos = np.arange(order.size, dtype=np.int64) - np.repeat(group_start, group)
            admitted = pos < np.repeat(q, group)
            won = order[admitted]
            seat_rank[seats] = cand_r[won]
            seat_app[seats] = cand_a[won]
            lost = cand_a[order[~admitted]]
            lost = lost[lost >= 0]
            cutoff[touched] = seat_rank[seat_indptr[touched + 1] - 1]
            rejected = np.concatenate((rejected, lost))
        ptr[rejected] += 1
        free = rejected[ptr[rejected] < end[rejected]]

    held = ptr < end
    assignment = np.full(n_app, -1, dtype=np.int64)
    assignment[held] = acc_form[ptr[held]]
    proposals = int((ptr - acc_indptr[:-1]).sum()) + int(held.sum())
    filled = np.bincount(assignment[held], minlength=n_form).astype(np.int64)
    full = (quota > 0) & (filled == quota)
    cutoff_rank = np.where(full, cutoff, -1).astype(np.int64)
    return Result(
        assignment=assignment, proposals=proposals, cutoff_rank=cutoff_rank, filled=filled
    )

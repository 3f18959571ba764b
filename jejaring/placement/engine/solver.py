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

    def why_not(self, instance: Instance, applicant: int) -> list[tuple[int, str, int]]:
        """For each formation ``applicant`` listed above their result (all of them when
        unassigned), in their order: ``(formation, reason, cutoff)`` where reason is

        * ``"not_ranked"``: the formation does not rank them (not eligible); cutoff -1;
        * ``"full"``: the formation is full with applicants it ranks better; cutoff is
          ``cutoff_rank[formation]``, the ranking position of the last one admitted
          (-1 when the formation has no seats at all).
        """
        lo, hi = int(instance.pref_indptr[applicant]), int(instance.pref_indptr[applicant + 1])
        got = int(self.assignment[applicant])
        out: list[tuple[int, str, int]] = []
        for e in range(lo, hi):
            f = int(instance.pref_form[e])
            if f == got:
                break
            if instance.edge_rank[e] < 0:
                out.append((f, "not_ranked", -1))
            else:
                out.append((f, "full", int(self.cutoff_rank[f])))
        return out

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


#: Above this share of all ranking positions, a round's candidates are ordered by marking
#: them in a boolean array and reading it back (a counting sort) rather than by np.sort.
_BITMAP_SHARE = 1 / 32


def solve(instance: Instance) -> Result:
    """Run applicant-proposing deferred acceptance on ``instance``.

    Every candidate (held or proposing) is identified by its position in ``rank_app``
    (``instance.edge_pos``): positions order candidates by (formation, rank), and the
    applicant and formation of a position are ``rank_app[g]`` and ``rank_form[g]``. So a
    round needs one sort of plain integers, or a pass over a boolean mark array when many
    applicants propose at once.
    """
    n_app, n_form = instance.n_applicants, instance.n_formations
    quota = instance.quota
    rank_indptr, rank_app, rank_form = instance.rank_indptr, instance.rank_app, instance.rank_form
    n_pos = int(rank_app.size)

    # Keep only acceptable choices (the formation ranks the applicant).
    pos_all = instance.edge_pos
    ok = pos_all >= 0
    if ok.all():
        acc_indptr, acc_form, acc_pos = instance.pref_indptr, instance.pref_form, pos_all
    else:
        owner = np.repeat(np.arange(n_app, dtype=np.int64), np.diff(instance.pref_indptr))
        acc_indptr = np.zeros(n_app + 1, dtype=np.int64)
        np.cumsum(np.bincount(owner[ok], minlength=n_app), out=acc_indptr[1:])
        acc_form, acc_pos = instance.pref_form[ok], pos_all[ok]

    # Seats of f: seat_pos[seat_indptr[f] : seat_indptr[f] + filled[f]], sorted ascending.
    seat_indptr = np.zeros(n_form + 1, dtype=np.int64)
    np.cumsum(quota, out=seat_indptr[1:])
    seat_pos = np.zeros(int(seat_indptr[-1]), dtype=np.int64)
    filled = np.zeros(n_form, dtype=np.int64)
    # A proposal at ranking position g to f is considered iff g < cutoff[f]: the end of f's
    # ranking while f has a free seat, its worst holder once full, -1 without seats.
    cutoff = np.where(quota > 0, rank_indptr[1:], -1)

    ptr = acc_indptr[:-1].copy()
    end = acc_indptr[1:]
    free = np.flatnonzero(ptr < end)
    touched_mask = np.zeros(n_form, dtype=bool)
    mark = np.zeros(n_pos, dtype=bool)
    bitmap_min = max(int(n_pos * _BITMAP_SHARE), 1)

    while free.size:
        e = ptr[free]
        g = acc_pos[e]
        keep = g < cutoff[acc_form[e]]
        rejected = free[~keep]
        g = g[keep]
        if g.size:
            pf = rank_form[g]
            touched_mask[pf] = True
            touched = np.flatnonzero(touched_mask)
            touched_mask[touched] = False
            held = filled[touched]
            seats = _ranges(seat_indptr[touched], held)
            n_cand = int(seats.size + g.size)
            if n_cand >= bitmap_min:
                mark[seat_pos[seats]] = True
                mark[g] = True
                cand = np.flatnonzero(mark)
                mark[cand] = False
            else:
                cand = np.sort(np.concatenate((seat_pos[seats], g)))
            group = held + np.bincount(pf, minlength=n_form)[touched]
            q = quota[touched]
            won = np.minimum(group, q)
            if int(won.sum()) == n_cand:  # nobody over quota: everyone stays
                new_seats = _ranges(seat_indptr[touched], won)
                seat_pos[new_seats] = cand
            else:
                group_start = np.cumsum(group) - group
                rel = np.arange(n_cand, dtype=np.int64) - np.repeat(group_start, group)
                admitted = rel < np.repeat(q, group)
                new_seats = _ranges(seat_indptr[touched], won)
                seat_pos[new_seats] = cand[admitted]
                rejected = np.concatenate((rejected, rank_app[cand[~admitted]]))
            filled[touched] = won
            last = seat_pos[seat_indptr[touched] + np.maximum(won - 1, 0)]
            cutoff[touched] = np.where(won == q, last, rank_indptr[touched + 1])
        ptr[rejected] += 1
        free = rejected[ptr[rejected] < end[rejected]]

    held_mask = ptr < end
    assignment = np.full(n_app, -1, dtype=np.int64)
    assignment[held_mask] = acc_form[ptr[held_mask]]
    proposals = int((ptr - acc_indptr[:-1]).sum()) + int(held_mask.sum())
    full = (quota > 0) & (filled == quota)
    cutoff_rank = np.where(full, cutoff - rank_indptr[:-1], -1).astype(np.int64)
    return Result(
        assignment=assignment, proposals=proposals, cutoff_rank=cutoff_rank, filled=filled
    )

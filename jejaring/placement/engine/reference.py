"""A plain heap-based deferred-acceptance loop in pure Python: the baseline for speed and
a second implementation for tests. Same semantics as :func:`solver.solve`."""

from __future__ import annotations

import heapq

from .instance import Instance


def reference_solve(instance: Instance) -> tuple[list[int], int]:
    """``(assignment, proposals)``; ``assignment[a]`` is a formation index or -1."""
    return reference_solve_lists(*reference_inputs(instance))


def reference_inputs(
    instance: Instance,
) -> tuple[list[list[tuple[int, int]]], list[int]]:
    """Per applicant, the list of ``(formation, rank)`` choices the formation accepts, and
    the quotas, as plain Python lists (preparation outside the timed loop)."""
    pf = instance.pref_form.tolist()
    er = instance.edge_rank.tolist()
    ip = instance.pref_indptr.tolist()
    prefs = [
        [(pf[e], er[e]) for e in range(ip[a], ip[a + 1]) if er[e] >= 0]
        for a in range(instance.n_applicants)
    ]
    return prefs, instance.quota.tolist()


def reference_solve_lists(
    prefs: list[list[tuple[int, int]]], quota: list[int]
) -> tuple[list[int], int]:
    """The loop itself: a stack of free applicants, a max-heap of held ranks per formation."""
    n = len(prefs)
    nxt = [0] * n
    held: list[list[tuple[int, int]]] = [[] for _ in quota]  # (-rank, applicant)
    free = list(range(n - 1, -1, -1))
    proposals = 0
    while free:
        a = free.pop()
        choices = prefs[a]
        i = nxt[a]
        if i >= len(choices):
            continue
        f, r = choices[i]
        nxt[a] = i + 1
        proposals += 1
        h = held[f]
        if len(h) < quota[f]:
            heapq.heappush(h, (-r, a))
        elif h and -h[0][0] > r:
            _, out = heapq.heapreplace(h, (-r, a))
            free.append(out)
        else:
            free.append(a)
    assignment = [-1] * n
    for f, h in enumerate(held):
        for _, a in h:
            assignment[a] = f
    return assignment, proposals

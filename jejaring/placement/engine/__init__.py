"""The matching engine: applicant-proposing deferred acceptance (Gale–Shapley) for
distributing graduates into formations (company quotas). Pure Python + numpy; nothing in
this package imports Django.

The result is the applicant-optimal stable matching: no applicant and formation would both
rather be matched to each other, every applicant gets the best formation they can get in
any stable matching, and no applicant can gain by misreporting their list.

Usage::

    from jejaring.placement.engine import Instance, InstanceError, solve

    inst = Instance.from_arrays(
        preferences=[[0, 1], [0], [1, 0]],   # per applicant: formation indices, best first
        quotas=[1, 1],                        # per formation: seats (int >= 0)
        rankings=[[2, 0, 1], [0, 2]],         # per formation: applicant indices, best first
    )
    res = solve(inst)
    res.assignment      # numpy int64 array, formation index per applicant, -1 unassigned
    res.proposals       # int
    res.cutoff_rank     # per formation: position (0-based) in its ranking of the last
                        # applicant admitted when full, else -1
    res.filled          # per formation: seats taken
    res.why_not(inst, a)  # [(formation, "full" | "not_ranked", cutoff), ...] for each
                          # formation applicant a listed above their result
    res.choice_position(inst)  # per applicant: 0-based index of the result in their list

    inst = Instance.from_json_dict(json.load(fh))   # the interchange format, string ids
    solve(inst).as_id_mapping(inst)                 # {"a0": "f3", "a1": None, ...}

A formation ranks only the applicants it finds acceptable: an applicant who lists a
formation that does not rank them cannot be placed there (not an error). Rankings are
strict; ties (equal competency scores) are broken by the caller before building the
instance (documented rule, then the round's seeded lottery). Malformed input (unknown
index or id, duplicate choice, negative or non-integer quota, a ranking listing an
applicant twice) raises :class:`InstanceError` naming the offending id.

Command line: ``python -m jejaring.placement.engine INSTANCE.json -o RESULT.json
[--stats]`` (the same as ``manage.py match_solve``).
"""

from .instance import Instance, InstanceError
from .reference import reference_solve
from .solver import Result, solve

__all__ = ["Instance", "InstanceError", "Result", "reference_solve", "solve"]

#!/usr/bin/env python3
"""Matching engine vs the `matching` library (PyPI 1.4.3, HospitalResident, resident-
optimal), same instance, same process: identical assignment, time end to end.

    python bench/match_vs_library.py [N_APP N_FORM K SEED] [--shared PATH] [--repeat 3]

Default instance: ``hr_instance.py 20000 2000 10 1`` from ``make()`` of
``bench/hr_instance.py``. "End to end" starts from the interchange dict
(in memory) and ends with ``{applicant id: formation id or None}``:
  engine   Instance.from_json_dict + solve + as_id_mapping
  library  HospitalResident.create_from_dictionaries + solve(optimal="resident") +
           reading the matching back into the same mapping
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from match_engine import load_generator  # noqa: E402

from jejaring.placement.engine import Instance, solve  # noqa: E402


def engine_end_to_end(data: dict) -> dict:
    inst = Instance.from_json_dict(data)
    return solve(inst).as_id_mapping(inst)


def library_end_to_end(data: dict) -> dict:
    """The library deep-copies its player graph recursively: at 20,000 applicants that
    needs a deep stack, so this runs in a thread with a large one (see run_deep)."""
    from matching.games import HospitalResident

    apps, forms = data["applicants"], data["formations"]
    ranked = {f: set(spec["ranking"]) for f, spec in forms.items()}
    # The library needs mutually acceptable lists and no zero-capacity hospital.
    resident_prefs = {
        a: [f for f in lst if a in ranked[f] and forms[f]["quota"] > 0] for a, lst in apps.items()
    }
    listed: dict[str, set[str]] = {f: set() for f in forms}
    for a, lst in resident_prefs.items():
        for f in lst:
            listed[f].add(a)
    hospital_prefs = {
        f: [a for a in spec["ranking"] if a in listed[f]] for f, spec in forms.items()
    }
    resident_prefs = {a: lst for a, lst in resident_prefs.items() if lst}
    hospital_prefs = {f: lst for f, lst in hospital_prefs.items() if lst}
    capacities = {f: forms[f]["quota"] for f in hospital_prefs}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
        matching = game.solve(optimal="resident")
    out: dict = dict.fromkeys(apps)
    for hospital, residents in matching.items():
        for r in residents:
            out[r.name] = hospital.name
    return out


def run_deep(fn, *args):
    """``fn(*args)`` in a thread with a 1 GiB stack and a high recursion limit."""
    out: list = []
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 30)
    worker = threading.Thread(target=lambda: out.append(fn(*args)))
    worker.start()
    worker.join()
    if not out:
        sys.exit("the matching library failed (see the traceback above)")
    return out[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("params", nargs="*", type=int, default=[20_000, 2_000, 10, 1])
    ap.add_argument("--shared")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tiny", action="store_true", help="300 30 5 1, one run (CI smoke test)")
    args = ap.parse_args()
    if args.tiny:
        args.params, args.repeat = [300, 30, 5, 1], 1
    n, m, k, seed = args.params
    data = load_generator(args.shared).make(n, m, k, seed)

    eng = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        ours = engine_end_to_end(data)
        eng.append(time.perf_counter() - t)
    t = time.perf_counter()
    theirs = run_deep(library_end_to_end, data)
    lib = time.perf_counter() - t

    best = min(eng)
    print(f"instance   hr_instance.py {n} {m} {k} {seed}")
    print(f"machine    {os.cpu_count()} cores, load avg {os.getloadavg()[0]:.2f}")
    print(
        f"engine     {best:8.3f} s end to end, best of {len(eng)} "
        f"(all: {', '.join(f'{s:.3f}' for s in eng)})"
    )
    print(f"library    {lib:8.3f} s end to end (matching 1.4.3, one run)")
    print(f"ratio      {lib / best:8.1f} x")
    print(f"identical  {ours == theirs}  ({sum(v is not None for v in ours.values()):,} placed)")


if __name__ == "__main__":
    main()

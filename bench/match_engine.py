#!/usr/bin/env python3
"""Matching engine vs a plain heap-based deferred-acceptance loop in pure Python, same
process, same instance.

    python bench/match_engine.py [N_APP N_FORM K SEED] [--repeat 3] [--shared PATH]
                                 [--instance FILE.json] [--no-baseline]

Default instance: ``hr_instance.py 1000000 100000 10 1`` generated in memory by
``make()`` from ``bench/hr_instance.py`` (a copy of ``../shared/bench/hr_instance.py``;
override with --shared).

Timed separately:
  generate  building the interchange dict (not part of the engine)
  load      Instance.from_json_dict: id → index mapping, validation, and each choice's
            position in the formation's ranking (input preparation)
  solve     engine.solve(instance): everything after the Instance exists
  write     result.as_id_mapping + json.dumps
  baseline  reference_solve_lists: the pure-Python heap loop only; converting the
            Instance into Python lists for it is excluded (reported as baseline_prep)
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jejaring.placement.engine import Instance, solve  # noqa: E402
from jejaring.placement.engine.reference import (  # noqa: E402
    reference_inputs,
    reference_solve_lists,
)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_generator(shared: str | None):
    path = Path(shared) if shared else ROOT / "bench" / "hr_instance.py"
    if path.is_dir():
        path = (
            path / "bench" / "hr_instance.py"
            if (path / "bench").is_dir()
            else path / "hr_instance.py"
        )
    spec = importlib.util.spec_from_file_location("hr_instance", path)
    if spec is None or spec.loader is None:
        sys.exit(f"cannot load the generator from {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("params", nargs="*", type=int, default=[1_000_000, 100_000, 10, 1])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shared")
    ap.add_argument("--instance")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--tiny", action="store_true", help="2000 200 5 1, one solve (CI smoke test)")
    args = ap.parse_args()
    if args.tiny:
        args.params, args.repeat = [2_000, 200, 5, 1], 1

    t = time.perf_counter()
    if args.instance:
        with open(args.instance) as fh:
            data = json.load(fh)
        label = args.instance
    else:
        n, m, k, seed = args.params
        data = load_generator(args.shared).make(n, m, k, seed)
        label = f"hr_instance.py {n} {m} {k} {seed}"
    gen_s = time.perf_counter() - t

    t = time.perf_counter()
    inst = Instance.from_json_dict(data)
    load_s = time.perf_counter() - t
    del data
    gc.collect()

    solves = []
    for _ in range(args.repeat):
        gc.collect()
        t = time.perf_counter()
        res = solve(inst)
        solves.append(time.perf_counter() - t)
    rss_after_solve = rss_mb()

    t = time.perf_counter()
    out = json.dumps(res.as_id_mapping(inst), separators=(",", ":"))
    write_s = time.perf_counter() - t
    del out

    best = min(solves)
    print(f"instance      {label}")
    print(f"machine       {os.cpu_count()} cores, load avg {os.getloadavg()[0]:.2f}")
    print(
        f"applicants    {inst.n_applicants:,}  formations {inst.n_formations:,}  "
        f"choices {inst.n_choices:,}  seats {int(inst.quota.sum()):,}"
    )
    print(f"generate      {gen_s:8.3f} s")
    print(f"load          {load_s:8.3f} s")
    print(
        f"solve         {best:8.3f} s best of {len(solves)} "
        f"(all: {', '.join(f'{s:.3f}' for s in solves)})"
    )
    print(f"write         {write_s:8.3f} s")
    print(f"proposals     {res.proposals:,}  ({res.proposals / best / 1e6:.1f} M/s)")
    print(f"assigned      {int((res.assignment >= 0).sum()):,}")
    print(f"peak RSS      {rss_after_solve:,.0f} MiB after solve")

    if not args.no_baseline:
        t = time.perf_counter()
        prefs, quota = reference_inputs(inst)
        prep_s = time.perf_counter() - t
        gc.collect()
        t = time.perf_counter()
        ref_assignment, ref_props = reference_solve_lists(prefs, quota)
        base_s = time.perf_counter() - t
        same = ref_assignment == res.assignment.tolist() and ref_props == res.proposals
        print(f"baseline_prep {prep_s:8.3f} s (Instance → Python lists, not timed in ratio)")
        print(f"baseline      {base_s:8.3f} s  pure-Python heap DA loop")
        print(f"ratio         {base_s / best:8.1f} x  (baseline / engine solve)")
        print(f"identical     {same}")
        print(f"peak RSS      {rss_mb():,.0f} MiB at end")


if __name__ == "__main__":
    main()

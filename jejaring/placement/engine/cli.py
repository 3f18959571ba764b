"""``match_solve INSTANCE.json -o RESULT.json [--stats]`` as a plain function.

Used by ``python -m jejaring.placement.engine`` and by ``manage.py match_solve``.
Exit codes: 0 success, 2 malformed input or usage (message on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from typing import Any, TextIO

from .instance import Instance, InstanceError
from .solver import solve


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for json: an id given twice in one object is an error."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InstanceError(f"id {key!r} appears twice in one object")
            seen.add(key)
    return obj


def build_parser(prog: str = "match_solve") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description="Applicant-proposing deferred acceptance on an instance in the "
        "interchange format; writes {applicant id: formation id or null}.",
    )
    p.add_argument("instance", help="INSTANCE.json")
    p.add_argument("-o", "--output", required=True, help="RESULT.json")
    p.add_argument(
        "--stats",
        action="store_true",
        help="print one JSON line to stderr: load_s, solve_s, write_s, proposals, peak_rss_mb",
    )
    return p


def run(
    instance_path: str, output_path: str, stats: bool = False, stderr: TextIO | None = None
) -> int:
    """Solve ``instance_path`` into ``output_path``; returns the exit code."""
    err = stderr if stderr is not None else sys.stderr
    t0 = time.perf_counter()
    try:
        with open(instance_path, encoding="utf-8") as fh:
            data = json.load(fh, object_pairs_hook=_unique_keys)
        instance = Instance.from_json_dict(data)
    except OSError as exc:
        print(f"match_solve: cannot read {instance_path}: {exc.strerror or exc}", file=err)
        return 2
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"match_solve: {instance_path} is not valid JSON: {exc}", file=err)
        return 2
    except InstanceError as exc:
        print(f"match_solve: invalid instance: {exc}", file=err)
        return 2
    t1 = time.perf_counter()
    result = solve(instance)
    t2 = time.perf_counter()
    try:
        with open(output_path, "w", encoding="utf-8") as fh:
            json.dump(result.as_id_mapping(instance), fh, separators=(",", ":"))
    except OSError as exc:
        print(f"match_solve: cannot write {output_path}: {exc.strerror or exc}", file=err)
        return 2
    t3 = time.perf_counter()
    if stats:
        line = {
            "load_s": round(t1 - t0, 4),
            "solve_s": round(t2 - t1, 4),
            "write_s": round(t3 - t2, 4),
            "proposals": result.proposals,
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }
        print(json.dumps(line), file=err)
    return 0


def main(argv: list[str] | None = None, prog: str = "match_solve") -> int:
    args = build_parser(prog).parse_args(argv)
    return run(args.instance, args.output, args.stats)

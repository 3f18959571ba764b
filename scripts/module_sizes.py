#!/usr/bin/env python3
"""Fail when a module of the project grows past the house limit.

    python3 scripts/module_sizes.py [--max 600] [--root DIR]

Counts the lines of every Python file under jejaring/ and config/, except migrations and
tests (generated, or long by nature), and prints those over the limit, longest first;
the exit status is 1 when there is one. The house rule (docs/architecture: "split a module
into a package once it passes ~500 lines") is the aim; CI holds the line at --max.
Standard library only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

SKIPPED_FOLDERS = frozenset({"migrations", "tests", "__pycache__"})


def oversized(root: Path, limit: int) -> list[tuple[int, Path]]:
    found = []
    for top in ("jejaring", "config"):
        for path in sorted((root / top).rglob("*.py")):
            if SKIPPED_FOLDERS & set(path.relative_to(root).parts):
                continue
            count = len(path.read_text(encoding="utf-8").splitlines())
            if count > limit:
                found.append((count, path.relative_to(root)))
    return sorted(found, reverse=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max", type=int, default=600, help="most lines a module may have")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    found = oversized(args.root, args.max)
    for count, path in found:
        print(f"{path}: {count} lines (limit {args.max})")
    print(f"{len(found)} module(s) over {args.max} lines.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

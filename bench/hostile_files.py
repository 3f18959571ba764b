#!/usr/bin/env python3
"""Benchmark: how fast a hostile spreadsheet is answered, and what it costs the child.

    .venv/bin/python bench/hostile_files.py [--runs 5]

For each file of the hostile corpus (`jejaring/core/tests/hostile_files.py`, each a few
KB), it runs the real reader (`jejaring.core.spreadsheets.read_sheet`: a child process
with a 512 MB address-space limit and a 20 s timeout) and prints the file's size, the
error code, the median wall-clock time from the call to the error, and the child's peak
resident memory: its own VmHWM when it answered, the kernel's ru_maxrss of that child
(an upper bound that also counts this process's memory when it forked) when it was
killed. The bar (issue 14): every file answered in ≤ 2 s, the child's peak ≤ 256 MB.
No database is used.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from jejaring.core.spreadsheets import (  # noqa: E402
    Column,
    SpreadsheetError,
    read_sheet,
    run_reader,
)
from jejaring.core.tests import hostile_files as corpus  # noqa: E402

COLUMNS = [Column("nik", "NIK"), Column("name", "Nama", required=False)]
TIME_BAR = 2.0
MEMORY_BAR_MB = 256


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tiny", action="store_true", help="one run per file (CI smoke test)")
    args = parser.parse_args()
    if args.tiny:
        args.runs = 1

    print(f"{'file':36} {'size':>8} {'answer':30} {'time':>8} {'peak':>8}")
    worst_time, worst_peak, failures = 0.0, 0, 0
    for label, (name, build, expected) in corpus.HOSTILE.items():
        data = build()
        times, peaks, code = [], [], ""
        for _ in range(args.runs):
            start = time.perf_counter()
            try:
                read_sheet(_Named(data, name), columns=COLUMNS)
            except SpreadsheetError as error:
                code = error.code
            times.append(time.perf_counter() - start)
            request = {
                "extension": name.rsplit(".", 1)[-1],
                "columns": [
                    {"key": "nik", "header": "NIK", "aliases": [], "required": True},
                ],
                "max_rows": 200_000,
            }
            peaks.append(run_reader(data, request)[1])
        median, peak_mb = statistics.median(times), max(peaks) / 1024
        worst_time, worst_peak = max(worst_time, median), max(worst_peak, int(peak_mb))
        ok = code == expected and median <= TIME_BAR and peak_mb <= MEMORY_BAR_MB
        failures += not ok
        print(
            f"{label:36} {len(data) / 1024:6.1f}KB {code:30} {median:7.2f}s {peak_mb:6.0f}MB"
            + ("" if ok else "  ← over the bar or wrong answer")
        )
    print(f"worst: {worst_time:.2f} s (bar {TIME_BAR} s), {worst_peak} MB (bar {MEMORY_BAR_MB} MB)")
    return 1 if failures else 0


class _Named:
    def __init__(self, data: bytes, name: str) -> None:
        self.data, self.name, self.size = data, name, len(data)

    def seek(self, offset: int) -> None:
        pass

    def read(self, size: int = -1) -> bytes:
        return self.data


if __name__ == "__main__":
    sys.exit(main())

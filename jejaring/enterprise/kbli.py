"""KBLI 2020 (Klasifikasi Baku Lapangan Usaha Indonesia) codes, checked against the shipped
sections and divisions in ``data/`` (source in its README). Pure Python.

A business's KBLI is five digits (``10792``: class of division ``10``, section ``C``);
written with its section letter (``C 10792``) or with spaces it is read the same."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "kbli2020_divisions.csv"
_CODE = re.compile(r"^(?:[A-Ua-u]\s*)?(\d{5})$")


@dataclass(frozen=True)
class Division:
    section: str
    code: str
    name: str


@cache
def divisions() -> dict[str, Division]:
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["division"]: Division(row["section"], row["division"], row["name"])
            for row in csv.DictReader(handle)
        }


def normalise(text: str) -> str | None:
    """The five digits of a KBLI 2020 code as typed (``C 10792``, ``10 792``), or None when
    it is not five digits of a known division, or its letter is not that division's."""
    compact = re.sub(r"[\s.]", "", text or "")
    match = _CODE.match(compact)
    if match is None:
        return None
    digits = match.group(1)
    division = divisions().get(digits[:2])
    if division is None:
        return None
    if compact[0].isalpha() and compact[0].upper() != division.section:
        return None
    return digits


def division_of(code: str) -> Division | None:
    return divisions().get(code[:2]) if code else None

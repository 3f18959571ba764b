"""KBJI 2014 occupations (Klasifikasi Baku Jabatan Indonesia), read from the shipped list in
``data/kbji/`` (source and licence in its README). Pure Python: forms, the API, the IPK
report and command-line tools share it.

Codes are 1 to 4 digits: major group ``"7"``, sub-major group ``"72"``, minor group
``"723"``, unit group ``"7233"``. Every code resolves to its major group, its first digit,
which is what the monthly IPK report groups vacancies by."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "kbji" / "kbji2014.csv"


@dataclass(frozen=True)
class Occupation:
    code: str
    title_id: str
    title_en: str

    @property
    def level(self) -> int:
        """1 major group, 2 sub-major group, 3 minor group, 4 unit group."""
        return len(self.code)

    @property
    def major_group(self) -> str:
        return self.code[0]

    def title(self, language: str | None = "id") -> str:
        return self.title_en if (language or "").startswith("en") else self.title_id


class KbjiDataError(ValueError):
    pass


@cache
def occupations() -> dict[str, Occupation]:
    """Every shipped code, in file order (each parent before its children)."""
    found: dict[str, Occupation] = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code = (row.get("code") or "").strip()
            if not (code.isdigit() and 1 <= len(code) <= 4):
                raise KbjiDataError(f"{DATA_FILE.name}:{line}: bad code {code!r}")
            if len(code) > 1 and code[:-1] not in found:
                raise KbjiDataError(f"{DATA_FILE.name}:{line}: {code} has no parent")
            found[code] = Occupation(code, row["title_id"].strip(), row["title_en"].strip())
    return found


def get(code: str) -> Occupation | None:
    return occupations().get(code)


def is_known(code: str) -> bool:
    return code in occupations()


def major_group_of(code: str) -> str:
    """The major group (one digit) of a known code; raises KeyError for an unknown one."""
    return occupations()[code].major_group


def title_of(code: str, language: str | None = "id") -> str:
    """The title of a code in the language ("" for an unknown code)."""
    occupation = occupations().get(code)
    return occupation.title(language) if occupation else ""


def major_groups() -> list[Occupation]:
    return [occ for occ in occupations().values() if occ.level == 1]


def picker_choices(language: str | None = "id") -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices for a form's select, grouped by major group: each minor and unit group as
    "7233 · Mekanik mesin pertanian dan industri" (units indented under their minor group)."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for major in major_groups():
        options = [
            (occ.code, f"{occ.code} · {occ.title(language)}")
            if occ.level == 3
            else (occ.code, f"\u2003{occ.code} · {occ.title(language)}")
            for occ in occupations().values()
            if occ.major_group == major.code and occ.level >= 3
        ]
        groups.append((f"{major.code} · {major.title(language)}", options))
    return groups

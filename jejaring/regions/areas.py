"""Kemendagri administrative area codes: provinces, regencies/cities, districts, villages.

The data is a verbatim copy of ``idn-area-data`` 4.0.1 shipped in ``data/idn-area/`` (ODbL,
see the README there). Codes are dotted strings: province ``"33"``, regency ``"33.75"``,
district ``"33.75.01"``, village ``"33.75.01.1001"``.

This module is pure Python on purpose (no Django imports) so that NIK checking, address pickers
and command-line tools can share it and it can be tested without settings.
"""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "DEFAULT_DATA_DIR",
    "AreaDataError",
    "AreaIndex",
    "districts_of",
    "load_areas",
    "nik_region_code",
    "provinces",
    "regencies_of",
    "villages_of",
]

DEFAULT_DATA_DIR: Path = Path(__file__).resolve().parent / "data" / "idn-area"

PROVINCES_FILE = "provinces.csv"
REGENCIES_FILE = "regencies.csv"
DISTRICTS_FILE = "districts.csv"
VILLAGES_FILE = "villages.csv"

_PROVINCE_CODE = re.compile(r"[0-9]{2}")
_REGENCY_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}")
_DISTRICT_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")
_VILLAGE_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}")
_SIX_DIGITS = re.compile(r"[0-9]{6}")

CodeName = tuple[str, str]


class AreaDataError(ValueError):
    """An area file is malformed (bad header, bad code, or a child that names no parent)."""


@dataclass(frozen=True, eq=False)
class AreaIndex:
    """Read-only index of the area codes found in one data directory.

    ``provinces`` maps province code -> name; ``regencies`` maps regency code ->
    (province code, name); ``districts`` maps district code -> (regency code, name). All three
    are immutable mappings.

    Villages (83k rows) are read from ``data_dir`` only on the first call to
    :meth:`villages` or :meth:`villages_of`, so NIK checking never pays for them. The index is
    safe to share between threads.
    """

    data_dir: Path
    provinces: Mapping[str, str]
    regencies: Mapping[str, CodeName]
    districts: Mapping[str, CodeName]
    _regencies_by_province: Mapping[str, tuple[CodeName, ...]] = field(repr=False)
    _districts_by_regency: Mapping[str, tuple[CodeName, ...]] = field(repr=False)
    # The frozen dataclass still owns this mutable holder: it is the lazy cache for villages,
    # filled once under the lock and never exposed.
    _village_cache: dict[str, object] = field(default_factory=dict, repr=False)
    _village_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def villages_loaded(self) -> bool:
        """Whether villages.csv has been read for this index yet."""
        return "villages" in self._village_cache

    def villages(self) -> Mapping[str, CodeName]:
        """Village code -> (district code, name); reads villages.csv on first use."""
        return self._load_villages()[0]

    def province_list(self) -> list[CodeName]:
        """All provinces as (code, name), sorted by code."""
        return sorted(self.provinces.items())

    def regencies_of(self, province_code: str) -> list[CodeName]:
        """Regencies/cities of a province as (code, name), sorted by code; [] if unknown."""
        return list(self._regencies_by_province.get(province_code, ()))

    def districts_of(self, regency_code: str) -> list[CodeName]:
        """Districts of a regency/city as (code, name), sorted by code; [] if unknown."""
        return list(self._districts_by_regency.get(regency_code, ()))

    def villages_of(self, district_code: str) -> list[CodeName]:
        """Villages of a district as (code, name), sorted by code; [] if unknown.

        Reads villages.csv on first use.
        """
        return list(self._load_villages()[1].get(district_code, ()))

    def _load_villages(
        self,
    ) -> tuple[Mapping[str, CodeName], Mapping[str, tuple[CodeName, ...]]]:
        cache = self._village_cache
        if "villages" not in cache:
            with self._village_lock:
                # Re-check under the lock: another thread may have loaded them meanwhile.
                if "villages" not in cache:
                    rows = _read_children(
                        self.data_dir / VILLAGES_FILE,
                        parent_column="district_code",
                        code_pattern=_VILLAGE_CODE,
                        parents=self.districts,
                    )
                    by_district = _group_by_parent(rows)
                    cache["by_district"] = by_district
                    cache["villages"] = rows
        return cache["villages"], cache["by_district"]  # type: ignore[return-value]


def load_areas(path: Path | None = None) -> AreaIndex:
    """Load provinces, regencies and districts from ``path`` (a directory with the CSV files).

    With no ``path`` the copy shipped in this package is used and the index is built once per
    process (cached). An explicit ``path`` always builds a fresh index. Villages are not read
    here; see :meth:`AreaIndex.villages`.

    Raises ``FileNotFoundError`` if a file is missing and :class:`AreaDataError` if one is
    malformed.
    """
    if path is None:
        return _load_default()
    return _build_index(Path(path))


@lru_cache(maxsize=1)
def _load_default() -> AreaIndex:
    return _build_index(DEFAULT_DATA_DIR)


def provinces() -> list[CodeName]:
    """All provinces as (code, name), sorted by code, from the shipped data."""
    return load_areas().province_list()


def regencies_of(province_code: str) -> list[CodeName]:
    """Regencies/cities of ``province_code`` (e.g. ``"33"``), sorted; [] if unknown."""
    return load_areas().regencies_of(province_code)


def districts_of(regency_code: str) -> list[CodeName]:
    """Districts of ``regency_code`` (e.g. ``"33.75"``), sorted; [] if unknown."""
    return load_areas().districts_of(regency_code)


def villages_of(district_code: str) -> list[CodeName]:
    """Villages of ``district_code`` (e.g. ``"33.75.01"``), sorted; [] if unknown.

    The first call reads villages.csv (about 2.8 MB) once per process.
    """
    return load_areas().villages_of(district_code)


def nik_region_code(six_digits: str) -> tuple[str, str, str]:
    """Turn the region part of a NIK into dotted (province, regency, district) codes.

    ``"337501"`` -> ``("33", "33.75", "33.75.01")``. Only the shape is checked (exactly six
    ASCII digits, else ``ValueError``); whether the codes exist is the caller's question.
    """
    if not isinstance(six_digits, str) or not _SIX_DIGITS.fullmatch(six_digits):
        raise ValueError("A NIK region part is exactly six ASCII digits.")
    province = six_digits[:2]
    regency = f"{province}.{six_digits[2:4]}"
    district = f"{regency}.{six_digits[4:6]}"
    return province, regency, district


def _build_index(data_dir: Path) -> AreaIndex:
    province_rows = _read_csv(data_dir / PROVINCES_FILE, ("code", "name"))
    province_map: dict[str, str] = {}
    for line, row in province_rows:
        code = row["code"]
        if not _PROVINCE_CODE.fullmatch(code) or code in province_map:
            raise AreaDataError(f"{PROVINCES_FILE}:{line}: bad or duplicate code {code!r}")
        province_map[code] = row["name"]

    regencies = _read_children(
        data_dir / REGENCIES_FILE,
        parent_column="province_code",
        code_pattern=_REGENCY_CODE,
        parents=province_map,
    )
    districts = _read_children(
        data_dir / DISTRICTS_FILE,
        parent_column="regency_code",
        code_pattern=_DISTRICT_CODE,
        parents=regencies,
    )
    return AreaIndex(
        data_dir=data_dir,
        provinces=MappingProxyType(province_map),
        regencies=regencies,
        districts=districts,
        _regencies_by_province=_group_by_parent(regencies),
        _districts_by_regency=_group_by_parent(districts),
    )


def _read_csv(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    # Names contain commas and doubled quotes ("Ra""as"), so use the csv module, not split().
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise AreaDataError(f"{path.name}: expected columns {columns}, got {reader.fieldnames}")
        return [(reader.line_num, row) for row in reader]


def _read_children(
    path: Path,
    *,
    parent_column: str,
    code_pattern: re.Pattern[str],
    parents: Mapping[str, object],
) -> Mapping[str, CodeName]:
    """Read a child level; every code must extend its parent's code and the parent must exist."""
    result: dict[str, CodeName] = {}
    for line, row in _read_csv(path, ("code", parent_column, "name")):
        code, parent = row["code"], row[parent_column]
        if (
            not code_pattern.fullmatch(code)
            or code in result
            or parent not in parents
            or code.rpartition(".")[0] != parent
        ):
            raise AreaDataError(f"{path.name}:{line}: bad code {code!r} for parent {parent!r}")
        result[code] = (parent, row["name"])
    return MappingProxyType(result)


def _group_by_parent(children: Mapping[str, CodeName]) -> Mapping[str, tuple[CodeName, ...]]:
    grouped: dict[str, list[CodeName]] = {}
    for code, (parent, name) in children.items():
        grouped.setdefault(parent, []).append((code, name))
    return MappingProxyType({parent: tuple(sorted(rows)) for parent, rows in grouped.items()})

"""Kemendagri area codes: the shipped copy, the pickers, lazy villages, and malformed files."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from jejaring.regions.areas import (
    DEFAULT_DATA_DIR,
    AreaDataError,
    AreaIndex,
    districts_of,
    load_areas,
    nik_region_code,
    provinces,
    regencies_of,
    villages_of,
)


def write_areas(directory: Path, *, districts: str) -> Path:
    (directory / "provinces.csv").write_text("code,name\n33,Jawa Tengah\n")
    (directory / "regencies.csv").write_text("code,province_code,name\n33.75,33,Kota Pekalongan\n")
    (directory / "districts.csv").write_text(districts)
    (directory / "villages.csv").write_text(
        "code,district_code,name\n33.75.01.1001,33.75.01,Medono\n"
    )
    return directory


def test_kota_pekalongan_is_regency_33_75_in_jawa_tengah() -> None:
    areas = load_areas()

    assert areas.provinces["33"] == "Jawa Tengah"
    assert areas.regencies["33.75"] == ("33", "Kota Pekalongan")
    assert ("33.75", "Kota Pekalongan") in regencies_of("33")


def test_kota_pekalongan_has_its_four_districts() -> None:
    assert districts_of("33.75") == [
        ("33.75.01", "Pekalongan Barat"),
        ("33.75.02", "Pekalongan Timur"),
        ("33.75.03", "Pekalongan Utara"),
        ("33.75.04", "Pekalongan Selatan"),
    ]


def test_villages_are_read_only_when_first_asked_for() -> None:
    areas = load_areas(DEFAULT_DATA_DIR)
    assert not areas.villages_loaded

    areas.province_list()
    areas.regencies_of("33")
    areas.districts_of("33.75")
    assert not areas.villages_loaded

    villages = areas.villages_of("33.75.01")
    assert areas.villages_loaded
    assert villages
    assert all(code.startswith("33.75.01.") for code, _ in villages)


def test_the_module_level_village_picker_uses_the_same_lazy_index() -> None:
    villages = villages_of("33.75.01")

    assert villages == load_areas().villages_of("33.75.01")
    assert load_areas().villages_loaded


def test_the_default_index_is_built_once_and_an_explicit_path_builds_a_fresh_one() -> None:
    assert load_areas() is load_areas()
    assert load_areas(DEFAULT_DATA_DIR) is not load_areas()


def test_the_shipped_copy_has_the_rows_the_readme_promises() -> None:
    areas = load_areas(DEFAULT_DATA_DIR)

    assert len(areas.provinces) == 38
    assert len(areas.regencies) == 514
    assert len(areas.districts) == 7285
    assert len(areas.villages()) == 83762


def test_the_shipped_copy_keeps_its_readme_and_licence() -> None:
    assert "idn-area-data" in (DEFAULT_DATA_DIR / "README.md").read_text()
    assert "Open Database License" in (DEFAULT_DATA_DIR / "LICENSE.md").read_text()


def test_pickers_return_code_name_pairs_sorted_by_code() -> None:
    for rows in (provinces(), regencies_of("33"), districts_of("33.75"), villages_of("33.75.01")):
        assert rows == sorted(rows)
        assert all(isinstance(code, str) and isinstance(name, str) for code, name in rows)
    assert provinces()[0] == ("11", "Aceh")
    assert len(provinces()) == 38


def test_every_code_is_dotted_and_extends_its_parent() -> None:
    areas = load_areas()

    assert all(re.fullmatch(r"\d{2}", code) for code in areas.provinces)
    for code, (province, _) in areas.regencies.items():
        assert re.fullmatch(r"\d{2}\.\d{2}", code) and code[:2] == province
    for code, (regency, _) in areas.districts.items():
        assert re.fullmatch(r"\d{2}\.\d{2}\.\d{2}", code) and code[:5] == regency


def test_unknown_parent_codes_give_empty_lists() -> None:
    assert regencies_of("99") == []
    assert districts_of("33.99") == []
    assert villages_of("33.75.99") == []
    assert districts_of("3375") == []


def test_names_with_commas_and_doubled_quotes_are_read_intact() -> None:
    areas = load_areas()

    assert areas.districts["35.29.22"] == ("35.29", 'Ra"as')
    assert areas.villages()["12.07.28.1007"] == ("12.07.28", "Lubuk Pakam I,II")


def test_the_index_cannot_be_changed() -> None:
    areas = load_areas()

    with pytest.raises(TypeError):
        areas.provinces["99"] = "Nowhere"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        areas.provinces = {}  # type: ignore[misc]
    assert isinstance(areas, AreaIndex)


def test_the_pickers_hand_out_copies() -> None:
    districts_of("33.75").clear()
    assert len(districts_of("33.75")) == 4


def test_a_small_data_directory_can_be_loaded(tmp_path: Path) -> None:
    path = write_areas(
        tmp_path, districts="code,regency_code,name\n33.75.01,33.75,Pekalongan Barat\n"
    )

    areas = load_areas(path)

    assert areas.districts_of("33.75") == [("33.75.01", "Pekalongan Barat")]
    assert areas.villages_of("33.75.01") == [("33.75.01.1001", "Medono")]


@pytest.mark.parametrize(
    "districts",
    [
        "code,regency,name\n33.75.01,33.75,Pekalongan Barat\n",  # wrong header
        "code,regency_code,name\n33.75.1,33.75,Pekalongan Barat\n",  # bad code
        "code,regency_code,name\n33.76.01,33.75,Pekalongan Barat\n",  # does not extend parent
        "code,regency_code,name\n33.99.01,33.99,Nowhere\n",  # parent missing
        "code,regency_code,name\n33.75.01,33.75,A\n33.75.01,33.75,B\n",  # duplicate
    ],
)
def test_a_malformed_area_file_is_reported(tmp_path: Path, districts: str) -> None:
    with pytest.raises(AreaDataError, match=r"districts\.csv"):
        load_areas(write_areas(tmp_path, districts=districts))


def test_a_missing_area_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_areas(tmp_path)


def test_nik_region_code_splits_six_digits_into_dotted_codes() -> None:
    assert nik_region_code("337501") == ("33", "33.75", "33.75.01")
    assert nik_region_code("110101") == ("11", "11.01", "11.01.01")


@pytest.mark.parametrize(
    "value", ["", "33750", "3375011", "33a501", "33.75.01", "\uff13\uff13\uff17501"]
)
def test_nik_region_code_refuses_anything_but_six_ascii_digits(value: str) -> None:
    with pytest.raises(ValueError, match="six ASCII digits"):
        nik_region_code(value)

"""NIK parsing: real shapes, every error code, masking, and properties over the area files."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.regions.areas import DEFAULT_DATA_DIR, load_areas
from jejaring.trainees import nik as nik_module
from jejaring.trainees.nik import (
    MESSAGES,
    NikError,
    ParsedNik,
    format_nik,
    is_valid_nik,
    main,
    mask_nik,
    normalise_nik,
    parse_nik,
)

TODAY = date(2025, 6, 15)
BULLET = "\u2022"
REPO_ROOT = Path(__file__).resolve().parents[3]

# Kota Pekalongan (33.75), Pekalongan Barat (33.75.01).
MAN = "3375011203950001"  # born 12 March 1995
WOMAN = "3375014101950001"  # born 1 January 1995: day 01 + 40

DISTRICT_CODES = sorted(load_areas().districts)


def build_nik(district_code: str, birth_date: date, sex: str, serial: int) -> str:
    day = birth_date.day + (40 if sex == "F" else 0)
    return (
        district_code.replace(".", "")
        + f"{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        + f"{serial:04d}"
    )


def error_code(value: str) -> str:
    with pytest.raises(NikError) as caught:
        parse_nik(value, today=TODAY)
    return caught.value.code


# --- real examples -------------------------------------------------------------------------


def test_a_man_s_nik_from_kota_pekalongan_is_parsed_into_its_fields() -> None:
    parsed = parse_nik(MAN, today=TODAY)

    assert parsed == ParsedNik(
        nik=MAN,
        province_code="33",
        regency_code="33.75",
        district_code="33.75.01",
        birth_date=date(1995, 3, 12),
        sex="M",
        serial="0001",
        needs_review=False,
        review_reason=None,
    )


def test_a_woman_s_birth_day_has_40_added() -> None:
    parsed = parse_nik(WOMAN, today=TODAY)

    assert parsed.sex == "F"
    assert parsed.birth_date == date(1995, 1, 1)
    assert parsed.district_code == "33.75.01"
    assert not parsed.needs_review


def test_a_woman_born_on_the_31st_has_day_71() -> None:
    assert parse_nik("3375017101900002", today=TODAY).birth_date == date(1990, 1, 31)


def test_spaces_dots_and_dashes_a_person_types_are_ignored() -> None:
    for typed in (
        " 3375 0141 0195 0001 ",
        "3375.0141.0195.0001",
        "3375-014101-950001",
        "33\u00a075\t01\u201341\u201301950001",
    ):
        assert parse_nik(typed, today=TODAY).nik == WOMAN


def test_normalise_nik_returns_the_sixteen_digits() -> None:
    assert normalise_nik("3375 0141-0195.0001") == WOMAN


def test_a_valid_nik_is_valid_and_a_bad_one_is_not() -> None:
    assert is_valid_nik(MAN, today=TODAY)
    assert not is_valid_nik("3375011203950000", today=TODAY)
    assert not is_valid_nik("", today=TODAY)


def test_a_non_string_is_a_programming_error_not_an_invalid_nik() -> None:
    with pytest.raises(TypeError):
        parse_nik(3375011203950001)  # type: ignore[arg-type]


# --- every error code ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "3375O11203950001",
        "3375011203950001x",
        "+3375011203950001",
        "\uff13375011203950001",
        "\u00b3375011203950001",
        "3375_0112_0395_0001",
    ],
)
def test_letters_and_other_characters_are_refused_as_not_digits(value: str) -> None:
    assert error_code(value) == "nik_not_digits"


@pytest.mark.parametrize("value", ["", "   ", "337501120395001", "33750112039500011", "3375"])
def test_a_nik_that_is_not_sixteen_digits_long_is_refused(value: str) -> None:
    assert error_code(value) == "nik_length"


def test_the_length_error_says_how_many_digits_were_found() -> None:
    with pytest.raises(NikError) as caught:
        parse_nik("3375 0112 0395 001", today=TODAY)
    assert caught.value.params == {"length": 15}
    assert str(caught.value) == "A NIK has exactly 16 digits; this one has 15."


@pytest.mark.parametrize("value", ["9975011203950001", "0075011203950001", "2075011203950001"])
def test_an_unknown_province_is_refused(value: str) -> None:
    assert error_code(value) == "nik_province_unknown"


@pytest.mark.parametrize(
    ("ddmmyy", "why"),
    [
        ("310295", "31 February"),
        ("310495", "31 April"),
        ("710295", "a woman's 31 February"),
        ("000195", "day 00"),
        ("320195", "day 32"),
        ("400195", "day 40"),
        ("720195", "day 72"),
        ("990195", "day 99"),
        ("010095", "month 00"),
        ("011395", "month 13"),
        ("290201", "29 February 2001"),
    ],
)
def test_an_impossible_birth_date_is_refused(ddmmyy: str, why: str) -> None:
    assert error_code(f"337501{ddmmyy}0001") == "nik_date_impossible", why


def test_a_birth_date_later_this_year_is_in_the_future() -> None:
    assert error_code("3375011512250001") == "nik_future_birth"


def test_a_serial_of_0000_is_refused() -> None:
    assert error_code("3375011203950000") == "nik_serial_zero"


def test_every_error_carries_its_code_and_english_message() -> None:
    for code, message in MESSAGES.items():
        error = NikError(
            code, {"length": 3, "province": "99", "regency": "33.99", "district": "33.75.99"}
        )
        assert error.code == code
        assert error.message is message
        assert isinstance(error, ValueError)
        assert str(error).isascii() and str(error).endswith(".")


def test_the_messages_are_plain_module_level_constants() -> None:
    for code, message in MESSAGES.items():
        assert getattr(nik_module, "MSG_" + code.upper()) is message


# --- flag, don't refuse --------------------------------------------------------------------


def test_an_unknown_district_inside_a_known_regency_is_flagged_not_refused() -> None:
    parsed = parse_nik("3375991203950001", today=TODAY)

    assert parsed.regency_code == "33.75"
    assert parsed.district_code == "33.75.99"
    assert parsed.needs_review
    assert parsed.review_reason == "nik_district_unknown"
    assert is_valid_nik("3375991203950001", today=TODAY)


def test_an_unknown_regency_inside_a_known_province_is_flagged_not_refused() -> None:
    parsed = parse_nik("3399011203950001", today=TODAY)

    assert parsed.needs_review
    assert parsed.review_reason == "nik_regency_unknown"
    assert parsed.regency_code == "33.99"


def test_a_flagged_nik_is_still_refused_for_an_impossible_date() -> None:
    assert error_code("3375993102950001") == "nik_date_impossible"


def test_an_area_index_can_be_passed_in() -> None:
    fresh = load_areas(DEFAULT_DATA_DIR)
    assert parse_nik(MAN, areas=fresh, today=TODAY).district_code == "33.75.01"


def test_parsing_a_nik_never_reads_the_villages_file() -> None:
    fresh = load_areas(DEFAULT_DATA_DIR)
    parse_nik(MAN, areas=fresh, today=TODAY)
    parse_nik("3375991203950001", areas=fresh, today=TODAY)
    assert not fresh.villages_loaded


# --- century and leap years ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ddmmyy", "expected"),
    [
        ("010125", date(2025, 1, 1)),  # this year, already past
        ("150625", date(2025, 6, 15)),  # born today
        ("010126", date(1926, 1, 1)),  # 2026 would be after this year
        ("010100", date(2000, 1, 1)),
        ("311299", date(1999, 12, 31)),
    ],
)
def test_the_century_is_the_latest_year_not_after_this_year(ddmmyy: str, expected: date) -> None:
    assert parse_nik(f"337501{ddmmyy}0001", today=TODAY).birth_date == expected


def test_the_century_is_not_moved_back_for_a_date_later_this_year() -> None:
    # 16 June 2025 is tomorrow: refused, not read as 1925.
    assert error_code("3375011606250001") == "nik_future_birth"


def test_29_february_is_accepted_in_a_leap_year() -> None:
    assert parse_nik("3375012902960001", today=TODAY).birth_date == date(1996, 2, 29)
    assert parse_nik("3375016902000001", today=TODAY).birth_date == date(2000, 2, 29)


def test_29_february_is_checked_against_the_year_the_century_rule_chose() -> None:
    # In 2100 "00" means 2100, a common year; 2000 (a leap year) is not tried instead.
    with pytest.raises(NikError) as caught:
        parse_nik("3375012902000001", today=date(2100, 6, 1))
    assert caught.value.code == "nik_date_impossible"


def test_today_defaults_to_the_real_date() -> None:
    today = date.today()
    tomorrow = today + timedelta(days=1)

    assert parse_nik(MAN) == parse_nik(MAN, today=today)
    assert is_valid_nik(build_nik("33.75.01", today, "M", 1))
    # On 31 December tomorrow's two-digit year means a century ago, which is valid.
    if tomorrow.year == today.year:
        assert not is_valid_nik(build_nik("33.75.01", tomorrow, "M", 1))


# --- masking -------------------------------------------------------------------------------


def test_a_nik_is_masked_to_its_first_and_last_four_digits() -> None:
    assert mask_nik(WOMAN) == "3375" + BULLET * 8 + "0001"
    assert mask_nik(WOMAN) == "3375••••••••0001"
    assert parse_nik(WOMAN, today=TODAY).masked == "3375••••••••0001"


def test_a_typed_nik_with_separators_is_masked_like_the_normalised_one() -> None:
    assert mask_nik("3375 0141 0195 0001") == "3375••••••••0001"


def test_a_short_value_is_masked_except_its_last_two_characters() -> None:
    assert mask_nik("337501410195") == BULLET * 10 + "95"
    assert mask_nik("12") == "12"
    assert mask_nik("") == ""


def test_the_parsed_nik_repr_does_not_show_the_full_nik() -> None:
    parsed = parse_nik(WOMAN, today=TODAY)
    assert WOMAN not in repr(parsed)


# --- command line --------------------------------------------------------------------------


def test_the_command_line_prints_the_fields_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([WOMAN, "--today", TODAY.isoformat()]) == 0

    fields = json.loads(capsys.readouterr().out)
    assert fields["birth_date"] == "1995-01-01"
    assert fields["sex"] == "F"
    assert fields["district_code"] == "33.75.01"
    assert fields["masked"] == "3375••••••••0001"
    assert fields["needs_review"] is False


def test_the_command_line_prints_the_error_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["3375011203950000", "--today", TODAY.isoformat()]) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("nik_serial_zero: ")


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "jejaring.trainees.nik", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_module_runs_with_python_m() -> None:
    ok = run_module(MAN, "--today", "2025-06-15")
    bad = run_module("12345")

    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["birth_date"] == "1995-03-12"
    assert bad.returncode == 2
    assert "nik_length" in bad.stderr


# --- properties ----------------------------------------------------------------------------

districts = st.sampled_from(DISTRICT_CODES)
# The century rule can represent exactly the last 100 years up to today.
birth_dates = st.dates(min_value=date(TODAY.year - 99, 1, 1), max_value=TODAY)
sexes = st.sampled_from(["F", "M"])
serials = st.integers(min_value=1, max_value=9999)


@given(districts, birth_dates, sexes, serials)
def test_any_valid_nik_built_from_its_parts_round_trips(
    district: str, birth_date: date, sex: str, serial: int
) -> None:
    nik = build_nik(district, birth_date, sex, serial)

    parsed = parse_nik(nik, today=TODAY)

    assert parsed.nik == nik
    assert parsed.district_code == district
    assert parsed.regency_code == district[:5]
    assert parsed.province_code == district[:2]
    assert parsed.birth_date == birth_date
    assert parsed.sex == sex
    assert parsed.serial == f"{serial:04d}"
    assert not parsed.needs_review
    assert parsed.review_reason is None


@given(
    st.text(alphabet="0123456789 .-", max_size=40).filter(
        lambda s: sum(ch.isdigit() for ch in s) != 16
    )
)
def test_any_digit_string_whose_length_is_not_16_is_refused(value: str) -> None:
    with pytest.raises(NikError) as caught:
        parse_nik(value, today=TODAY)
    assert caught.value.code == "nik_length"


@given(st.text(max_size=40))
def test_arbitrary_text_is_accepted_only_if_it_is_16_ascii_digits_and_separators(
    value: str,
) -> None:
    try:
        parsed = parse_nik(value, today=TODAY)
    except NikError:
        return
    ascii_digits = "".join(ch for ch in value if ch in "0123456789")
    assert parsed.nik == ascii_digits
    assert len(ascii_digits) == 16


@given(
    districts,
    st.one_of(st.just(0), st.integers(32, 40), st.integers(72, 99)),
    st.integers(1, 12),
    st.integers(0, 99),
    serials,
)
def test_days_00_32_to_40_and_above_71_are_always_refused(
    district: str, day: int, month: int, yy: int, serial: int
) -> None:
    nik = f"{district.replace('.', '')}{day:02d}{month:02d}{yy:02d}{serial:04d}"

    with pytest.raises(NikError) as caught:
        parse_nik(nik, today=TODAY)
    assert caught.value.code == "nik_date_impossible"


@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_the_mask_never_reveals_digits_5_to_12(nik: str) -> None:
    masked = mask_nik(nik)

    assert masked == nik[:4] + BULLET * 8 + nik[12:]
    assert set(masked[4:12]) == {BULLET}


@given(st.text(max_size=30))
def test_masking_never_fails_and_keeps_at_most_eight_characters(value: str) -> None:
    masked = mask_nik(value)

    assert sum(ch != BULLET for ch in masked) <= 8


@given(districts, birth_dates, sexes, serials)
def test_format_nik_composes_what_parse_nik_reads(
    district: str, birth_date: date, sex: str, serial: int
) -> None:
    nik = format_nik(district_code=district, birth_date=birth_date, sex=sex, serial=serial)

    assert nik == build_nik(district, birth_date, sex, serial)
    parsed = parse_nik(nik, today=TODAY)
    assert (parsed.birth_date, parsed.sex, int(parsed.serial)) == (birth_date, sex, serial)


@pytest.mark.parametrize("serial", [0, 10000])
def test_format_nik_refuses_a_serial_outside_1_to_9999(serial: int) -> None:
    with pytest.raises(ValueError):
        format_nik(district_code="33.75.01", birth_date=date(1995, 1, 1), sex="M", serial=serial)

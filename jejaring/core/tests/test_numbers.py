"""One number style per language: Indonesian groups thousands with "." and writes
decimals with ","; English the other way round; a percentage has a space before "%"."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from jejaring.core.numbers import format_number, format_percent, format_rupiah


def render(source: str, **context: object) -> str:
    return Template("{% load jejaring %}" + source).render(Context(context))


@pytest.mark.parametrize(("language", "expected"), [("id", "1.234.567"), ("en", "1,234,567")])
def test_thousands_are_grouped_the_way_each_language_writes_them(language, expected):
    with translation.override(language):
        assert format_number(1_234_567) == expected
        assert render("{{ n|number }}", n=1_234_567) == expected


@pytest.mark.parametrize(("language", "expected"), [("id", "1.234,5"), ("en", "1,234.5")])
def test_decimals_use_the_language_s_decimal_sign(language, expected):
    with translation.override(language):
        assert format_number(Decimal("1234.46"), 1) == expected
        assert render("{{ n|number:1 }}", n=1234.46) == expected


@pytest.mark.parametrize(("language", "expected"), [("id", "42,1 %"), ("en", "42.1 %")])
def test_a_percentage_has_one_decimal_and_a_space_before_the_sign(language, expected):
    with translation.override(language):
        assert format_percent(Decimal("42.13")) == expected
        assert format_percent(Decimal("0.4213"), ratio=True) == expected
        assert render("{{ r|percent }}", r=Decimal("0.4213")) == expected
        assert render('{{ p|percent:"pct" }}', p="42.13") == expected


def test_a_large_percentage_groups_its_thousands_too():
    with translation.override("id"):
        assert format_percent(1234.5) == "1.234,5 %"


def test_a_stored_rate_is_written_without_trailing_zeros():
    with translation.override("id"):
        assert format_percent(Decimal("1.000"), None) == "1 %"
        assert format_percent(Decimal("0.240"), None) == "0,24 %"
        assert render('{{ r|percent:"exact" }}', r=Decimal("10.00")) == "10 %"
    with translation.override("en"):
        assert format_percent(Decimal("0.540"), None) == "0.54 %"


def test_a_whole_percentage_has_no_decimals():
    with translation.override("id"):
        assert render('{{ p|percent:"whole" }}', p=Decimal("87.50")) == "88 %"


def test_zero_never_prints_a_minus_sign():
    with translation.override("id"):
        assert format_number(Decimal("-0.04"), 1) == "0,0"
        assert format_percent(Decimal("-0.0001"), ratio=True) == "0,0 %"


def test_rounding_is_half_up():
    assert format_number(Decimal("2.5")) == "3"
    with translation.override("en"):
        assert format_number(Decimal("0.125"), 2) == "0.13"


def test_empty_is_a_dash_and_text_is_left_alone():
    assert format_number(None) == "—"
    assert format_percent("") == "—"
    assert format_number("banyak") == "banyak"
    assert render("{{ n|number }}", n=None) == "—"


def test_rupiah_stays_indonesian_in_english():
    with translation.override("en"):
        assert format_rupiah(1_500_000) == "Rp 1.500.000"
        assert format_rupiah(-2_500) == "-Rp 2.500"

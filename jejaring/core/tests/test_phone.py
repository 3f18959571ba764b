"""Telephone numbers as typed in Indonesia, normalised to E.164."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.core import phone as phone_module
from jejaring.core.phone import MESSAGES, PhoneError, normalise_phone

E164 = re.compile(r"\+[1-9][0-9]{7,14}")


def error_code(value: str) -> str:
    with pytest.raises(PhoneError) as caught:
        normalise_phone(value)
    return caught.value.code


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("62 812-3456-7890", "+6281234567890"),
        ("812345678", "+62812345678"),
        ("0812.3456.7890", "+6281234567890"),
        ("  0812 3456 7890  ", "+6281234567890"),
        ("(0285) 421234", "+62285421234"),
        ("0285-421234", "+62285421234"),
        ("0285/421234", "+62285421234"),
        ("(021) 5290 1234", "+622152901234"),
        ("+62 (0)21 5290 1234", "+622152901234"),
        ("+62 0812 3456 7890", "+6281234567890"),
        ("+62 901 234567", "+62901234567"),
    ],
)
def test_an_indonesian_number_typed_the_usual_ways_becomes_e164(typed: str, expected: str) -> None:
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+1 415 555 2671", "+14155552671"),
        ("+65 6123 4567", "+6561234567"),
        ("+44 (20) 7946-0958", "+442079460958"),
        ("+60 12-345 6789", "+60123456789"),
    ],
)
def test_a_foreign_number_with_a_plus_is_kept_as_given_in_e164(typed: str, expected: str) -> None:
    assert normalise_phone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "phone_empty"),
        ("   ", "phone_empty"),
        ("- ()", "phone_empty"),
        ("0812-3456-789O", "phone_invalid_characters"),
        ("0812 3456 7890 ext 12", "phone_invalid_characters"),
        ("0812+34567890", "phone_invalid_characters"),
        ("++6281234567890", "phone_invalid_characters"),
        (
            "\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",
            "phone_invalid_characters",
        ),
        ("0062 812 3456 7890", "phone_international_prefix"),
        ("001 415 555 2671", "phone_international_prefix"),
        ("285421234", "phone_area_code_missing"),
        ("52901234", "phone_area_code_missing"),
        ("112", "phone_area_code_missing"),
        ("0112345678", "phone_prefix"),
        ("+62 112 345 678", "phone_prefix"),
        ("+0 812 3456 7890", "phone_prefix"),
        ("0812345", "phone_length"),
        ("0812 3456 7890 123", "phone_length"),
        ("+62", "phone_length"),
        ("62", "phone_length"),
        ("0", "phone_length"),
        ("+", "phone_length"),
        ("+1 555 010", "phone_length"),
        ("+1 234 567 890 123 456", "phone_length"),
    ],
)
def test_anything_that_is_not_a_plausible_number_is_refused_with_a_code(
    typed: str, code: str
) -> None:
    assert error_code(typed) == code


def test_a_phone_error_is_a_value_error_with_an_english_message() -> None:
    with pytest.raises(ValueError, match="too few or too many digits") as caught:
        normalise_phone("0812")
    assert isinstance(caught.value, PhoneError)
    assert caught.value.message is phone_module.MSG_PHONE_LENGTH


def test_the_messages_are_plain_module_level_constants() -> None:
    for code, message in MESSAGES.items():
        assert getattr(phone_module, "MSG_" + code.upper()) is message
        assert PhoneError(code).code == code


def test_a_non_string_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        normalise_phone(81234567890)  # type: ignore[arg-type]


mobile_numbers = st.from_regex(r"8[0-9]{7,11}", fullmatch=True)
separators = st.sampled_from(["", " ", "-", "."])


@given(mobile_numbers, st.sampled_from(["0", "+62", "62", "+62 ", "+62 (0)", ""]), separators)
def test_any_mobile_number_in_any_usual_shape_becomes_plus_62(
    nsn: str, prefix: str, separator: str
) -> None:
    typed = prefix + separator.join([nsn[:3], nsn[3:7], nsn[7:]])

    assert normalise_phone(typed) == "+62" + nsn


@given(st.text(alphabet="0123456789+-() .", max_size=24))
def test_whatever_is_accepted_is_e164_and_normalising_again_changes_nothing(typed: str) -> None:
    try:
        normalised = normalise_phone(typed)
    except PhoneError:
        return
    assert E164.fullmatch(normalised)
    assert normalise_phone(normalised) == normalised


@given(st.text(max_size=24))
def test_arbitrary_text_either_normalises_or_raises_a_phone_error(typed: str) -> None:
    try:
        normalised = normalise_phone(typed)
    except PhoneError as error:
        assert error.code in MESSAGES
    else:
        assert E164.fullmatch(normalised)

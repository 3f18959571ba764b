"""Request bodies read by hand: a NUL character anywhere is a clear 422, never a 500."""

import pytest
from django.test import RequestFactory
from ninja import Schema

from jejaring.core.errors import ValidationError
from jejaring.core.schemas import json_body


class NoteIn(Schema):
    note: str = ""


def _post(body: bytes):
    return RequestFactory().post("/api/x", data=body, content_type="application/json")


@pytest.mark.parametrize("escaped", [b"\\u0000", b"\\U0000"])
def test_a_nul_character_in_a_json_string_is_refused_with_a_clear_error(escaped):
    with pytest.raises(ValidationError) as refused:
        json_body(_post(b'{"note": "a' + escaped + b'b"}'), NoteIn)
    assert refused.value.status == 422
    assert "tidak diizinkan" in str(refused.value.message)


def test_an_ordinary_body_is_read():
    assert json_body(_post(b'{"note": "Kartu menyusul"}'), NoteIn).note == "Kartu menyusul"

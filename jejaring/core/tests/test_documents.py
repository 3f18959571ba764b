"""The document kit's short verification codes and printed parts."""

import pytest

from jejaring.core import documents
from jejaring.core.documents import Signatory, Verification, format_code, normalise_code
from jejaring.core.models import DocumentCode
from jejaring.regions.tests.factories import RegionFactory


def test_a_code_is_printed_in_groups_of_four():
    assert format_code("K7QXM2PA9CRT") == "K7QX-M2PA-9CRT"


@pytest.mark.parametrize(
    "typed",
    ["K7QX-M2PA-9CRT", "k7qx m2pa 9crt", " K7QXM2PA9CRT ", "k7qx–m2pa–9crt"],
)
def test_a_code_is_found_however_it_was_typed(typed):
    assert normalise_code(typed) == "K7QXM2PA9CRT"


def test_letters_the_alphabet_leaves_out_are_read_as_the_digits_they_look_like():
    assert normalise_code("K7QX-M2PA-9CRO") == "K7QXM2PA9CR0"
    assert normalise_code("I7QX-M2PA-9CRL") == "17QXM2PA9CR1"


@pytest.mark.parametrize(
    "typed", ["", "K7QX-M2PA", "K7QX-M2PA-9CRT-X", "BLK-1/2026/0007", "K7Q*M2PA9CRT"]
)
def test_anything_else_is_not_a_code(typed):
    assert normalise_code(typed) is None


@pytest.mark.django_db
def test_a_document_keeps_its_code_on_every_print_and_codes_differ_between_documents():
    first, second = RegionFactory(code="33.75"), RegionFactory(code="33.19")
    code = documents.code_for(first)
    assert documents.code_for(first) == code
    assert documents.code_for(second) != code
    assert DocumentCode.objects.count() == 2
    assert documents.document_for_code(code) == first
    assert documents.document_for_code("0000000000AA") is None


def test_new_codes_are_random_not_sequential():
    codes = {documents.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(normalise_code(code) == code for code in codes)


def test_a_nip_is_printed_in_its_four_groups():
    signatory = Signatory(position="Kepala Dinas", name="Sri", nip="197003121995032004")
    assert signatory.nip_display == "19700312 199503 2 004"


def test_the_qr_code_is_inline_svg_of_the_verification_url():
    qr = Verification(code="K7QXM2PA9CRT", url="https://x.example/verifikasi/K7QX-M2PA-9CRT/").qr
    assert qr.startswith("<svg")
    assert "<script" not in qr

"""A region's letterhead and signatory, as its documents print them."""

import pytest
from django.core.files.base import ContentFile

from jejaring.regions.letterhead import DEFAULT_LOGO, letterhead_of, signatory_of
from jejaring.regions.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

#: The smallest valid PNG: one transparent pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000005000157ebc6b10000000049454e44ae426082"
)


def test_an_office_without_uploads_prints_the_generic_emblem_and_a_line_to_sign_on(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    region = RegionFactory(code="33.75", name="Kota Pekalongan", office_city="")
    letterhead = letterhead_of(region)
    assert letterhead.government == "Pemerintah Kota Pekalongan"
    assert letterhead.logo == DEFAULT_LOGO
    assert letterhead.place == "Pekalongan"
    signatory = signatory_of(region)
    assert signatory.position == f"Kepala {region.office_name}"
    assert signatory.name == ""
    assert signatory.signature == ""


def test_the_uploaded_logo_and_scanned_signature_are_embedded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    region = RegionFactory(code="33.19", office_city="Kudus", signatory_nip="196805141994031007")
    region.letterhead_logo.save("lambang.png", ContentFile(PIXEL))
    region.signature_image.save("ttd.png", ContentFile(PIXEL))
    assert letterhead_of(region).logo.startswith("data:image/png;base64,")
    assert letterhead_of(region).place == "Kudus"
    signatory = signatory_of(region)
    assert signatory.signature.startswith("data:image/png;base64,")
    assert signatory.nip_display == "19680514 199403 1 007"

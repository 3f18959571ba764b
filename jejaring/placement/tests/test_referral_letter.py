"""The referral letter reads as the office's letter: letterhead, number, where, when and to
whom the candidate reports, what to bring, the signatory and a verification code."""

import subprocess

import pytest
from django.urls import reverse

from jejaring.core.documents import code_for, format_code
from jejaring.employers.models import CompanyContact
from jejaring.placement.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def _text(pdf: bytes, tmp_path, pdftotext) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    # A fixed tool on a file this test wrote: no untrusted input reaches the command.
    output = subprocess.run(  # noqa: S603
        [pdftotext, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(output.split())


def test_the_letter_has_the_letterhead_the_instructions_and_the_signatory(
    client, cast, tmp_path, pdftotext
):
    region = cast.region_a
    region.office_city = "Pekalongan"
    region.signatory_name = "Dra. Sri Wahyuni, M.M."
    region.signatory_position = "Kepala Dinas Tenaga Kerja"
    region.signatory_nip = "197003121995032004"
    region.save()
    referral = ReferralFactory(
        formation__company=cast.company_a,
        formation__location="Jalan Ahmad Yani No. 176",
        letter_number="560/1/X/2026",
    )
    CompanyContact.objects.create(
        company=cast.company_a, full_name="Saiful Utama", phone="+6289539061884", is_primary=True
    )
    client.force_login(cast.hr_a)
    response = client.get(reverse("placement:referral_letter", args=[referral.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content, tmp_path, pdftotext)
    assert f"PEMERINTAH {region.name.upper()}" in text
    assert region.office_name.upper() in text
    assert "SURAT PENGANTAR PENYALURAN" in text
    assert "Nomor: 560/1/X/2026" in text
    assert referral.person.full_name in text
    assert referral.person.nik not in text
    assert "Jalan Ahmad Yani No. 176" in text
    assert "paling lambat" in text
    assert "Saiful Utama" in text
    assert "KTP asli" in text
    assert "Pekalongan, " in text
    assert "Dra. Sri Wahyuni, M.M." in text
    assert "NIP. 19700312 199503 2 004" in text
    assert format_code(code_for(referral)) in text

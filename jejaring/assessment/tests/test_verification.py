"""The public verification page: any printed document is found by its printed number or
its short code, typed or scanned, and shows only what the public may know."""

from datetime import date
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.assessment.models import CompetencyCertificate, TrainingCertificate
from jejaring.assessment.tests.factories import (
    CandidateFactory,
    LspFactory,
    SchemeFactory,
    TrainingCertificateFactory,
)
from jejaring.core.documents import code_for, format_code
from jejaring.core.tests.test_limits import clear_limits
from jejaring.placement.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    clear_limits()
    yield
    clear_limits()


def _certificate(cast, **fields):
    certificate = TrainingCertificateFactory(region=cast.region_a, **fields)
    certificate.enrolment.person.full_name = "Siti Nurhaliza"
    certificate.enrolment.person.save(update_fields=["full_name"])
    return certificate


def test_the_short_code_typed_in_lower_case_with_spaces_opens_the_certificate(client, cast):
    certificate = _certificate(cast)
    code = format_code(code_for(certificate))
    typed = client.get(reverse("verify:lookup"), {"code": f" {code.lower().replace('-', ' ')} "})
    assert typed.status_code == 302
    assert typed["Location"] == f"/verifikasi/{code}/"
    html = client.get(typed["Location"]).content.decode()
    assert "SAH" in html
    assert certificate.number in html
    assert "Sit* Nur******" in html
    assert "Siti Nurhaliza" not in html
    assert certificate.enrolment.person.nik not in html


def test_a_revoked_certificate_shows_the_day_it_was_revoked(client, cast):
    certificate = _certificate(
        cast,
        status=TrainingCertificate.Status.REVOKED,
        revoked_at=timezone.make_aware(timezone.datetime(2026, 11, 5, 10, 0)),
        revoked_reason="Salah cetak",
    )
    html = client.get(f"/verifikasi/{format_code(code_for(certificate))}/").content.decode()
    assert "DICABUT" in html
    assert "5 November 2026" in html


def test_a_competency_certificate_number_printed_in_groups_finds_its_record(client, cast):
    """The reported bug: a BNSP number has spaces, and the check by number found nothing."""
    candidate = CandidateFactory(session__region=cast.region_a)
    CompetencyCertificate.objects.create(
        region=cast.region_a,
        person=candidate.person,
        candidate=candidate,
        scheme=SchemeFactory(name="Okupasi Operator Jahit"),
        lsp=LspFactory(name="LSP Garmen Indonesia"),
        registration_number="JHT 0451 0000123 2026",
        issued_on=date(2026, 11, 20),
        valid_until=date(2099, 11, 20),
    )
    typed = client.get(reverse("verify:lookup"), {"code": "jht 0451  0000123 2026"}, follow=True)
    html = typed.content.decode()
    assert typed.status_code == 200
    assert "JHT 0451 0000123 2026" in html
    assert "Okupasi Operator Jahit" in html
    assert "LSP Garmen Indonesia" in html
    assert "Berlaku" in html
    assert candidate.person.full_name not in html


def test_a_referral_letter_is_found_by_its_printed_number_and_by_its_code(client, cast):
    referral = ReferralFactory(
        formation__company=cast.company_a, letter_number="560/014/Disperinaker/XII/2026"
    )
    by_number = client.get(f"/verifikasi/{quote(referral.letter_number)}/")
    by_code = client.get(f"/verifikasi/{format_code(code_for(referral))}/")
    for response in (by_number, by_code):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Surat pengantar penyaluran" in html
        assert cast.company_a.name in html
        assert referral.person.full_name not in html


@pytest.mark.parametrize(
    "code",
    [
        "K7QX-M2PA-9CRT",  # a well-formed code that was never issued
        "BLK-9/2026/0001",  # a number that was never printed
        "0" * 32,  # a QR token of no certificate
        "tidak ada",
    ],
)
def test_not_found_looks_the_same_whatever_the_reason(client, cast, code):
    _certificate(cast)
    response = client.get(f"/verifikasi/{quote(code)}/")
    assert response.status_code == 404
    assert response.templates[0].name == "verify/not_found.html"
    assert "Dokumen tidak ditemukan" in response.content.decode()


def test_even_short_codes_are_limited_per_address(client, cast):
    from jejaring.assessment.selectors import ALL_LOOKUPS

    certificate = _certificate(cast)
    code = format_code(code_for(certificate))
    for _ in range(ALL_LOOKUPS.count):
        client.get("/verifikasi/K7QX-M2PA-9CRT/")
    assert client.get(f"/verifikasi/{code}/").status_code == 429
    assert client.get(f"/verifikasi/{code}/", REMOTE_ADDR="10.9.8.7").status_code == 200

"""The issue's whole training path in a real browser on a 360-px phone: a registered
person is selected, attends and graduates, an assessor records their results, the
operator issues the certificate, the trainee downloads its PDF and the QR link verifies
it publicly without a login.

Registration, selection, attendance and graduation have no pages yet (the training
area is being built in parallel), so those steps are done here through the models the
training services will write; every step from the competency test on goes through the
pages.
"""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.accounts.tests.factories import PASSWORD
from jejaring.assessment.models import Candidate, TrainingCertificate
from jejaring.assessment.services import UnitData, scheme_create
from jejaring.assessment.tests.factories import LspFactory, TestSiteFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import (
    BatchFactory,
    EnrolmentFactory,
    ProgramFactory,
    VocationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _phone(browser):
    return browser.new_context(viewport=PHONE, locale="id-ID", accept_downloads=True)


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beranda/")


def _fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_trainee_s_path_from_graduation_to_a_publicly_verified_certificate(
    browser, live_server, cast
):
    vocation = VocationFactory(code="menjahit", name="Menjahit")
    scheme = scheme_create(
        actor=cast.staff_a,
        code="SKM-JHT-2",
        name="Penjahit Pakaian",
        kind="occupation",
        kkni_level=2,
        vocation=vocation,
        units=[
            UnitData("C.141000.001.01", "Menjahit dengan mesin"),
            UnitData("C.141000.002.01", "Memotong bahan"),
        ],
    )
    lsp = LspFactory(name="LSP Garmen Indonesia")
    TestSiteFactory(lsp=lsp, name="TUK LPKS Terampil")
    program = ProgramFactory(
        institution=cast.lpks, vocation=vocation, scheme=scheme, name="Menjahit Pakaian"
    )
    batch = BatchFactory(program=program, name="Menjahit Angkatan I")
    # Registered, selected, attended and graduated (no pages for these yet).
    enrolment = EnrolmentFactory(batch=batch, person=cast.person_1, source="self")
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=Enrolment.Status.GRADUATED, graduated_on=batch.end_date, attendance_pct=95
    )
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.FINISHED)

    # The operator schedules the competency test for the batch's graduates.
    context = _phone(browser)
    page = context.new_page()
    _sign_in(page, live_server, "operator.lpks")
    page.goto(f"{live_server.url}/uji-kompetensi/baru/")
    page.get_by_label("Skema").select_option(label="Penjahit Pakaian")
    page.get_by_label("LSP").select_option(label="LSP Garmen Indonesia")
    page.get_by_label("TUK").select_option(label="TUK LPKS Terampil")
    page.get_by_label("Tanggal uji").fill("2026-04-20")
    page.get_by_label("Paket yang sudah selesai").select_option(index=1)
    page.get_by_label(cast.assessor.full_name, exact=False).check()
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Sesi uji kompetensi dijadwalkan").wait_for()
    assert _fits_the_screen(page)
    context.close()
    candidate = Candidate.objects.get(person=cast.person_1)

    # The trainee fills in the self-assessment.
    context = _phone(browser)
    page = context.new_page()
    _sign_in(page, live_server, "peserta1")
    page.goto(f"{live_server.url}/uji-kompetensi/saya/")
    page.get_by_role("link", name="Isi permohonan dan asesmen mandiri").click()
    for radio in page.get_by_label("Saya kompeten", exact=True).all():
        radio.check()
    page.get_by_role("button", name="Kirim").click()
    page.get_by_text("Permohonan dan asesmen mandiri terkirim").wait_for()
    context.close()

    # The assigned assessor records K for every unit on their phone.
    context = _phone(browser)
    page = context.new_page()
    _sign_in(page, live_server, "asesor")
    page.goto(f"{live_server.url}/uji-kompetensi/")
    page.get_by_role("link", name="20 April 2026").click()
    page.get_by_role("link", name=cast.person_1.full_name).click()
    for select in page.locator("select[name^=result_]").all():
        select.select_option("K")
    assert _fits_the_screen(page)
    page.get_by_role("button", name="Simpan hasil").click()
    page.get_by_text("Hasil uji tersimpan").wait_for()
    context.close()
    candidate.refresh_from_db()
    assert candidate.result == Candidate.Result.COMPETENT

    # The operator issues the batch's certificates.
    context = _phone(browser)
    page = context.new_page()
    _sign_in(page, live_server, "operator.lpks")
    page.goto(f"{live_server.url}/uji-kompetensi/sertifikat/")
    page.get_by_text("Terbitkan untuk lulusan satu paket").click()
    page.get_by_label("Paket yang sudah selesai").select_option(index=1)
    page.get_by_role("button", name="Terbitkan sertifikat").click()
    page.get_by_text("1 sertifikat diterbitkan").wait_for()
    context.close()
    certificate = TrainingCertificate.objects.get(enrolment=enrolment)

    # The trainee downloads the PDF.
    context = _phone(browser)
    page = context.new_page()
    _sign_in(page, live_server, "peserta1")
    page.goto(f"{live_server.url}/uji-kompetensi/saya/")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Unduh PDF").click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    assert certificate.number.replace("/", "-") in download.suggested_filename
    context.close()

    # The QR link (the URL the PDF encodes) verifies the certificate without a login.
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/verifikasi/{certificate.verification_token}/")
    verdict = page.get_by_role("status").inner_text()
    assert "SAH" in verdict
    body = page.locator("main").inner_text()
    assert certificate.number in body
    assert cast.person_1.full_name not in body
    assert cast.person_1.nik not in body
    assert _fits_the_screen(page)
    context.close()
    assert date.today() >= certificate.issued_on

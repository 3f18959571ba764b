"""The issue's whole training path in a real browser on a 360-px phone: a person
registers through the public form without an account, sets their password from the
emailed link, an operator selects them and takes attendance on the operator pages, the
batch finishes and they graduate, an assessor records their results, the operator
issues the certificate, the trainee downloads its PDF and the QR link verifies it
publicly without a login.

Status changes of the batch (selection, start, finish) go through the training services,
as the batch page would call them; everything a person types goes through the pages.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail

from jejaring.accounts.tests.factories import PASSWORD
from jejaring.assessment.models import Candidate, TrainingCertificate
from jejaring.assessment.services import UnitData, scheme_create
from jejaring.assessment.tests.factories import LspFactory, TestSiteFactory
from jejaring.trainees.models import Person
from jejaring.trainees.nik import format_nik
from jejaring.training.models import Batch, BatchSession, Enrolment
from jejaring.training.services import batch_change_status, batch_generate_sessions
from jejaring.training.tests.factories import BatchFactory, ProgramFactory, VocationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
NIK = format_nik(district_code="33.75.01", birth_date=date(2001, 5, 17), sex="F", serial=7)
EMAIL = "siti.rahayu@example.id"
NEW_PASSWORD = "Batik-Pekalongan-2026"


def _phone(browser):
    return browser.new_context(viewport=PHONE, locale="id-ID", accept_downloads=True)


def _sign_in(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beranda/")


def _fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_trainee_s_path_from_registration_to_a_publicly_verified_certificate(
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
    # Two training days keep the attendance step short.
    batch = BatchFactory(
        program=program,
        name="Menjahit Angkatan I",
        status=Batch.Status.OPEN,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 3),
        min_age=17,
        max_age=35,
    )

    # A person finds the batch on their phone and registers without an account.
    context = _phone(browser)
    page = context.new_page()
    page.goto(f"{live_server.url}/daftar/")
    page.get_by_role("link", name="Menjahit Pakaian").click()
    page.get_by_text("Usia 17–35 tahun").wait_for()
    page.get_by_role("button", name="Daftar sekarang").click()
    page.get_by_label("NIK", exact=True).fill(NIK)
    page.get_by_label("Nama lengkap", exact=True).fill("Siti Rahayu")
    page.get_by_label("Jenis kelamin", exact=True).select_option("F")
    page.get_by_label("Tempat lahir", exact=True).fill("Pekalongan")
    page.get_by_label("Tanggal lahir", exact=True).fill("2001-05-17")
    page.get_by_label("Pendidikan terakhir", exact=True).select_option("smk")
    page.get_by_label("Alamat domisili", exact=True).fill("Jl. Hayam Wuruk 5")
    page.get_by_label("Kecamatan", exact=True).select_option("33.75.01")
    page.get_by_label("Nomor HP", exact=True).fill("0812 3456 7890")
    page.get_by_label("Email (opsional)", exact=True).fill(EMAIL)
    page.get_by_label("Saya menyetujui data pribadi saya diolah", exact=False).check()
    assert _fits_the_screen(page)
    page.get_by_role("button", name="Kirim pendaftaran").click()
    page.get_by_role("heading", name="Pendaftaran terkirim").wait_for()
    assert _fits_the_screen(page)
    person = Person.objects.get(nik=NIK)
    enrolment = Enrolment.objects.get(batch=batch, person=person)
    assert enrolment.status == Enrolment.Status.APPLIED

    # The emailed link lets them choose a password and follow their registration.
    invitation = next(m for m in mail.outbox if m.subject == "Akun Jejaring Anda")
    link = re.search(r"https?://\S+", invitation.body).group(0)
    page.goto(link)
    page.locator("input[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("input[name=new_password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.wait_for_url("**/atur-ulang/selesai/")
    _sign_in(page, live_server, EMAIL, NEW_PASSWORD)
    page.goto(f"{live_server.url}/pelatihan-saya/")
    page.get_by_text("Mendaftar", exact=True).wait_for()
    context.close()

    # The operator selects them on the selection page.
    batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.SELECTION)
    context = _phone(browser)
    page = context.new_page()
    _sign_in(page, live_server, "operator.lpks")
    page.goto(f"{live_server.url}/pelatihan/paket/{batch.pk}/seleksi/")
    candidate_row = page.get_by_test_id("candidate").filter(has_text="Siti Rahayu")
    assert candidate_row.locator(".criterion-bad").count() == 0
    # Her identity is what she typed until the operator checks her KTP at selection.
    candidate_row.get_by_text("Identitas belum diverifikasi").wait_for()
    candidate_row.get_by_role("button", name="Periksa KTP & verifikasi identitas").click()
    page.get_by_label("KTP asli pendaftar telah saya periksa", exact=False).check()
    assert _fits_the_screen(page)
    page.get_by_role("button", name="Verifikasi identitas").click()
    page.get_by_text("Identitas terverifikasi.").wait_for()
    candidate_row = page.get_by_test_id("candidate").filter(has_text="Siti Rahayu")
    candidate_row.get_by_role("button", name="Terima").click()
    page.get_by_text("1 pendaftar: Diterima").wait_for()
    assert _fits_the_screen(page)

    # The batch starts; the operator takes each day's attendance on the phone.
    batch_change_status(
        actor=cast.staff_a,
        batch=batch,
        status=Batch.Status.RUNNING,
        override_reason="BPJS Ketenagakerjaan diurus lembaga",
    )
    batch_generate_sessions(actor=cast.operator, batch=batch)
    for session in BatchSession.objects.filter(batch=batch).order_by("date"):
        page.goto(f"{live_server.url}/pelatihan/sesi/{session.pk}/kehadiran/")
        page.get_by_role("group", name="Siti Rahayu").get_by_text("Hadir", exact=True).click()
        page.get_by_role("button", name="Simpan kehadiran").click()
        page.get_by_text("Kehadiran tersimpan").wait_for()
    context.close()

    # Finishing applies the attendance rule: she graduates.
    batch_change_status(actor=cast.operator, batch=batch, status=Batch.Status.FINISHED)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.GRADUATED

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
    candidate = Candidate.objects.get(person=person)

    # The trainee fills in the self-assessment.
    context = _phone(browser)
    page = context.new_page()
    _sign_in(page, live_server, EMAIL, NEW_PASSWORD)
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
    page.get_by_role("link", name=person.full_name).click()
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
    _sign_in(page, live_server, EMAIL, NEW_PASSWORD)
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
    assert person.full_name not in body
    assert person.nik not in body
    assert _fits_the_screen(page)
    context.close()
    assert date.today() >= certificate.issued_on

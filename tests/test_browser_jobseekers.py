"""Issue 20 in a real browser: a person registers online for the AK/1 card on a 360-px
phone, the office checks their documents and issues the card with a 3×4 photo, the code
printed under the card's QR verifies it publicly (validity and a masked name only), a
company's HR report a vacancy, the office publishes it, finds the job seeker among its
candidates and refers them, HR record the hire on placement's pages, and the card is
closed as hired while the month's IPK report counts one placement.

Set up with factories: the cast, and the region's AK/1 settings. Every step after that
goes through the pages."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, timedelta

import pytest
from django.core import mail
from PIL import Image

from jejaring.jobseekers.models import CardStatus, JobSeekerCard, JobSeekerSettings
from jejaring.placement.models import Referral
from jejaring.regions.calendar import today_in
from jejaring.trainees.nik import format_nik
from jejaring.vacancies.models import Vacancy
from tests.test_browser_roles import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Ratna Kusumawati"
BORN = date(2002, 3, 14)
NIK = format_nik(district_code="33.75.01", birth_date=BORN, sex="F", serial=41)
EMAIL = "ratna.kusuma@example.id"
PASSWORD = "Jahit-Pekalongan-2026"
#: The printed code, as pdftotext reads it: its letter-spacing may come out as spaces
#: ("B P BX-0BX7-Y J J V"), which the public check ignores like a reader's own spaces.
CODE = re.compile(r"Kode verifikasi\s*:\s*([0-9A-Z][0-9A-Z -]+[0-9A-Z])")


def _phone(browser):
    return browser.new_context(viewport=PHONE, locale="id-ID", accept_downloads=True)


def _desktop(browser):
    return browser.new_context(viewport=DESKTOP, locale="id-ID")


def _sign_in_as(page, live_server, username, password):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beranda/")


def _fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def _main(page):
    return page.locator("main").inner_text()


def _photo_3x4(path):
    """A 3×4 pas foto as the office scans it: 300 × 400 px JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (180, 20, 20)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _verify(browser, live_server, code):
    """Type the printed code into the public check, as someone holding the card would."""
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/verifikasi/")
    page.get_by_label("Nomor dokumen atau kode verifikasi").fill(code)
    page.get_by_role("button", name="Periksa").click()
    page.wait_for_url(f"**/verifikasi/{''.join(code.split())}/")
    verdict, body = page.get_by_role("status").inner_text(), _main(page)
    assert _fits_the_screen(page)
    context.close()
    return verdict, body


def _summary_row(page, label):
    """The cells of one row of the IPK summary table, as shown."""
    row = page.locator("table.ipk", has_text="Ringkasan").locator("tbody tr", has_text=label)
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def test_a_job_seeker_from_online_registration_to_a_counted_placement(
    browser, live_server, cast, tmp_path, pdftotext
):
    JobSeekerSettings.objects.create(
        region=cast.region_a,
        require_kk=True,
        officer_name="Sri Wahyuni, S.E.",
        officer_nip="198001012005012001",
    )
    today = today_in(cast.region_a)

    # 1. A person registers online on their phone, without an account.
    phone = _phone(browser)
    page = phone.new_page()
    page.goto(f"{live_server.url}/pencari-kerja/daftar/")
    page.get_by_role("link", name="Kota Pekalongan").click()
    page.wait_for_url(f"**/pencari-kerja/daftar/{cast.region_a.slug}/")
    page.get_by_label("NIK", exact=True).fill(NIK)
    page.get_by_label("Nama lengkap sesuai KTP").fill(NAME)
    page.get_by_label("Jenis kelamin").select_option("F")
    page.get_by_label("Tanggal lahir").fill(BORN.isoformat())
    page.get_by_label("Tempat lahir").fill("Pekalongan")
    page.get_by_label("Alamat sesuai KTP").fill("Jl. Hayam Wuruk 12")
    page.get_by_label("Kabupaten/kota domisili KTP").select_option(
        label="Kota Pekalongan (Jawa Tengah)"
    )
    # The districts of the chosen regency are loaded into the next list.
    page.get_by_label("Kecamatan", exact=True).select_option(label="Pekalongan Barat")
    page.get_by_label("Nomor HP").fill("0812 2233 4455")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Saya menyetujui pengolahan data pribadi saya", exact=False).check()
    page.get_by_label("Pendidikan terakhir").select_option("smk")
    page.get_by_label("Jurusan").fill("Tata Busana")
    page.get_by_label("Tahun lulus").fill("2020")
    page.get_by_label("Keterampilan").fill("Menjahit dengan mesin industri")
    page.get_by_label("Jabatan yang diinginkan").fill("Penjahit")
    page.get_by_label("Kode jabatan KBJI").fill("7531")
    page.get_by_label("Lokasi kerja yang diinginkan").fill("Kota Pekalongan")
    assert _fits_the_screen(page)
    page.get_by_role("button", name="Kirim pendaftaran").click()
    page.wait_for_url(f"**/pencari-kerja/daftar/{cast.region_a.slug}/terkirim/")
    done = _main(page)
    assert "KK" in done  # this office asks for the family card too
    assert _fits_the_screen(page)
    card = JobSeekerCard.objects.get(person__nik=NIK)
    assert card.status == CardStatus.SUBMITTED

    # The emailed link lets them choose a password for their account.
    invitation = next(m for m in mail.outbox if EMAIL in m.to)
    page.goto(re.search(r"https?://\S+", invitation.body).group(0))
    page.locator("input[name=new_password1]").fill(PASSWORD)
    page.locator("input[name=new_password2]").fill(PASSWORD)
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.wait_for_url("**/atur-ulang/selesai/")
    phone.close()

    # 2. At the counter the office checks the documents and issues the card.
    staff_context = _desktop(browser)
    staff = staff_context.new_page()
    sign_in(staff, live_server, "staf.a")
    staff.goto(f"{live_server.url}/pencari-kerja/?status=submitted")
    staff.get_by_role("link", name=NAME).click()
    assert "Menunggu pemeriksaan dokumen" in _main(staff)
    assert NIK not in _main(staff)  # masked by default
    staff.get_by_label("KTP asli sudah dilihat dan cocok").check()
    staff.get_by_label("Ijazah terakhir sudah diperiksa").check()
    staff.get_by_label("Kartu Keluarga (KK) sudah diperiksa").check()
    staff.get_by_label("Pas foto 3×4").set_input_files(_photo_3x4(tmp_path / "pas-foto.jpg"))
    staff.get_by_label(f"Akun daring {EMAIL} milik orang ini", exact=False).check()
    staff.get_by_role("button", name="Terbitkan kartu").click()
    staff.get_by_text("Kartu diterbitkan.").wait_for()
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    assert card.number and card.number in _main(staff)
    assert "Aktif" in staff.locator("h1 .badge").inner_text()
    assert card.photo

    # 3. The holder downloads the card on their phone; its code verifies publicly.
    phone = _phone(browser)
    page = phone.new_page()
    _sign_in_as(page, live_server, EMAIL, PASSWORD)
    page.goto(f"{live_server.url}/pencari-kerja/saya/")
    assert card.number in _main(page)
    # The four reporting boxes are on screen whole, without scrolling sideways.
    boxes = page.locator(".table-wrap", has_text="Laporan ke-4")
    assert boxes.evaluate("(box) => box.scrollWidth - box.clientWidth") <= 0
    assert _fits_the_screen(page)
    href = page.get_by_role("link", name="Unduh kartu (PDF)").get_attribute("href")
    response = phone.request.get(f"{live_server.url}{href}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "kartu.pdf"
    pdf.write_bytes(response.body())
    # A fixed tool on a file this test wrote: no untrusted input reaches the command.
    text = subprocess.run(  # noqa: S603
        [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert card.number in text and NIK in text and NAME in text
    printed = CODE.search(text).group(1)
    code = "".join(printed.split())
    # The QR and the line beside it lead to the public check of that code.
    assert f"/verifikasi/{code}/" in text
    phone.close()

    verdict, body = _verify(browser, live_server, printed)
    assert "SAH" in verdict and "status: berlaku" in verdict
    assert "Kartu pencari kerja (AK/1)" in body
    assert "Rat** Kus*******" in body
    for secret in (NAME, NIK, card.number, "Penjahit"):
        assert secret not in body

    # 4. The company's HR report a vacancy and submit it to the office.
    hr_context = _desktop(browser)
    hr = hr_context.new_page()
    sign_in(hr, live_server, "hrd.a")
    hr.goto(f"{live_server.url}/lowongan-kerja/")
    hr.get_by_role("button", name="Lapor lowongan · PT Garmen Sejahtera").click()
    hr.get_by_label("Nama jabatan").fill("Penjahit Garmen")
    hr.get_by_label("Jabatan menurut KBJI 2014").select_option("7531")
    hr.get_by_label("Jumlah lowongan").fill("1")
    hr.get_by_label("Pendidikan minimal").select_option("sma")
    hr.get_by_label("Keterampilan yang diminta").fill("Mesin jahit industri")
    hr.get_by_label("Kecamatan penempatan").select_option(label="Pekalongan Barat")
    hr.get_by_label("Gaji terendah per bulan").fill("Rp 2.500.000")
    hr.get_by_label("Gaji tertinggi per bulan").fill("3.000.000")
    hr.get_by_label("Batas lamaran").fill((today + timedelta(days=30)).isoformat())
    hr.get_by_label("Narahubung", exact=True).fill("Bambang HRD")
    hr.get_by_label("Telepon narahubung").fill("0285 421 234")
    hr.get_by_role("button", name="Simpan").click()
    hr.get_by_text("Lowongan tersimpan sebagai konsep").wait_for()
    hr.get_by_role("button", name="Ajukan ke dinas").click()
    hr.get_by_text("Lowongan diajukan; dinas akan memeriksanya.").wait_for()
    vacancy = Vacancy.objects.get(title="Penjahit Garmen")
    assert vacancy.status == Vacancy.Status.SUBMITTED

    # 5. The office checks and publishes it.
    staff.goto(f"{live_server.url}/lowongan-kerja/?status=submitted")
    staff.get_by_role("link", name="Penjahit Garmen").click()
    staff.get_by_label("Tayangkan").check()
    staff.get_by_role("button", name="Simpan keputusan").click()
    staff.get_by_text("Keputusan tersimpan.").wait_for()
    assert "Tayang" in staff.locator("h1 .badge").inner_text()

    # 6. The office finds the job seeker among the candidates and refers them.
    staff.get_by_role("button", name="Cari kandidat").click()
    row = staff.locator("tbody tr", has_text=NAME)
    assert f"AK/1 {card.number}" in row.inner_text()
    assert NIK not in row.inner_text()
    row.get_by_label(f"Pilih {NAME}").check()
    staff.get_by_role("button", name="Salurkan yang dipilih").click()
    summary = staff.get_by_test_id("confirmation-summary").inner_text()
    assert "1 orang disalurkan ke Penjahit Garmen (PT Garmen Sejahtera)" in summary
    staff.get_by_role("button", name="Salurkan", exact=True).click()
    staff.get_by_text("1 orang disalurkan").wait_for()
    referral = Referral.objects.get(person__nik=NIK)
    assert referral.status == Referral.Status.REFERRED

    # 7. HR record the outcome on placement's pages: accepted, started, hired.
    hr.goto(f"{live_server.url}/penyaluran/rujukan/")
    hr.get_by_role("link", name=NAME).click()
    for status in ("accepted", "started", "hired"):
        hr.get_by_label("Hasil", exact=True).select_option(status)
        hr.get_by_role("button", name="Simpan hasil").click()
        hr.get_by_text("Hasil penyaluran tersimpan.").wait_for()
    assert "Diangkat sebagai pekerja" in hr.locator("[data-referral-status]").inner_text()
    # The hire fills the vacancy's one opening.
    hr.goto(f"{live_server.url}/lowongan-kerja/{vacancy.pk}/")
    assert "Terisi" in hr.locator("h1 .badge").inner_text()
    assert "1 / 1" in _main(hr)
    hr_context.close()

    # 8. The card is closed as hired: for the office, the holder and the public check.
    staff.goto(f"{live_server.url}/pencari-kerja/?q={card.number}")
    staff.get_by_role("link", name=NAME).click()
    assert "Ditutup: sudah bekerja" in staff.locator("h1 .badge").inner_text()
    assert "PT Garmen Sejahtera" in _main(staff)
    card.refresh_from_db()
    assert card.status == CardStatus.HIRED and card.closed_on == today

    phone = _phone(browser)
    page = phone.new_page()
    _sign_in_as(page, live_server, EMAIL, PASSWORD)
    page.goto(f"{live_server.url}/pencari-kerja/saya/")
    assert "Ditutup: sudah bekerja" in _main(page)
    assert _fits_the_screen(page)
    phone.close()

    verdict, body = _verify(browser, live_server, code)
    assert "SAH" not in verdict and "DITUTUP" in verdict

    # 9. The month's IPK report counts the registration, the placement and the vacancy
    # (a vacancy's filled openings are counted when it ends: here, filled by the hire).
    staff.goto(f"{live_server.url}/capaian/ipk/?bulan={today:%Y-%m}")
    heading = staff.get_by_role("heading", level=1).inner_text()
    assert "Informasi Pasar Kerja Kota Pekalongan" in heading
    # Carried over, registered, placed, removed, remaining.
    assert _summary_row(staff, "Pencari kerja (orang)") == ["0", "1", "1", "0", "0"]
    assert _summary_row(staff, "Lowongan (posisi)") == ["0", "1", "1", "0", "0"]
    # The placement by age band and sex: one woman (L, P, total).
    by_age = staff.locator("table.ipk", has_text="Tabel III").locator("tfoot td")
    assert [cell.strip() for cell in by_age.all_inner_texts()] == ["0", "1", "1"]
    staff_context.close()

"""Issue 4 (employers) in a real browser: company HR publish a job formation on a phone
and the public sees it without an account; HR submit an internship program and office
staff see its decision deadline and approve it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.employers.models import Formation
from jejaring.internships.models import InternshipProgram
from tests.test_browser_roles import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_overflow(page):
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_hr_publish_a_formation_that_the_public_then_sees(browser, live_server, cast):
    closes = (timezone.localdate() + timedelta(days=14)).isoformat()
    phone = browser.new_context(viewport=PHONE, locale="id-ID")
    hr = phone.new_page()
    sign_in(hr, live_server, "hrd.a")
    hr.goto(f"{live_server.url}/perusahaan/saya/")
    assert "PT Garmen Sejahtera" in hr.locator("h1").inner_text()
    hr.get_by_role("link", name="Buat formasi").click()
    hr.get_by_label("Jenis").select_option("job")
    hr.get_by_label("Nama formasi").fill("Operator Jahit Garmen")
    hr.get_by_label("Semua kejuruan").check()
    hr.get_by_label("Kuota", exact=True).fill("4")
    hr.get_by_label("Gaji/uang saku per bulan (Rp)").fill("2300000")
    hr.get_by_label("Batas pendaftaran").fill(closes)
    hr.get_by_role("button", name="Simpan").click()
    hr.get_by_role("button", name="Buka formasi").click()
    assert "Dibuka" in hr.locator("h1").inner_text()
    _no_overflow(hr)
    assert Formation.objects.get(title="Operator Jahit Garmen").status == "open"
    phone.close()

    public = browser.new_context(viewport=PHONE, locale="id-ID").new_page()
    public.goto(f"{live_server.url}/perusahaan/lowongan/")
    public.get_by_role("link", name="Operator Jahit Garmen").click()
    body = public.locator("main").inner_text()
    assert "PT Garmen Sejahtera" in body and "Rp" in body
    _no_overflow(public)


def test_office_staff_see_the_deadline_and_approve_a_program(browser, live_server, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jejaring.internships import services
    from jejaring.internships.tests.factories import permenaker_rules

    # Transactional tests start from a flushed database: put the migration's rules back.
    permenaker_rules()

    program = services.internship_program_create(
        actor=cast.hr_a,
        company=cast.company_a,
        data=services.InternshipProgramData(
            title="Pemagangan Operator Jahit",
            description="Praktik menjahit di lini produksi.",
            facilities="Mesin jahit, APD.",
            supervisors="Budi (supervisor)",
            plan="Bulan 1 teori, bulan 2–6 praktik.",
            duration_months=6,
            theory_pct=20,
        ),
        draft_agreement=SimpleUploadedFile("rancangan.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    services.internship_program_submit(actor=cast.hr_a, program=program)

    office = browser.new_context(viewport=DESKTOP, locale="id-ID")
    staff = office.new_page()
    sign_in(staff, live_server, "staf.a")
    staff.goto(f"{live_server.url}/perusahaan/program-magang/")
    staff.get_by_role("link", name="Pemagangan Operator Jahit").click()
    assert "Dinas memutuskan paling lambat" in staff.locator("main").inner_text()
    staff.get_by_label("Setujui").check()
    staff.get_by_role("button", name="Simpan keputusan").click()
    assert "Disetujui" in staff.locator("h1").inner_text()
    program.refresh_from_db()
    assert program.status == InternshipProgram.Status.APPROVED
    office.close()

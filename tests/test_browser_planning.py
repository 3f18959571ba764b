"""The planning road in a real browser on a 360-px phone: company HR state a need in
their own words, office staff confirm the suggested vocation, the gap page shows the
need as unmet demand, a plan line cites it, and approving the plan lets staff create
the planned batches (through training's batch_create)."""

import pytest

from jejaring.accounts.tests.factories import PASSWORD
from jejaring.planning import services
from jejaring.planning.models import IndustryNeed, TrainingPlan
from jejaring.planning.services import synonyms_load_curated
from jejaring.planning.tests.factories import EnvelopeFactory, another_staff
from jejaring.training.models import Batch
from jejaring.training.tests.factories import ProgramFactory, VocationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beranda/")


def _sign_out(page):
    page.context.clear_cookies()


def _fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_need_in_industry_s_words_becomes_an_approved_plan_line(browser, live_server, cast):
    mechanic = VocationFactory(code="mekanik-mesin-jahit", name="Mekanik Mesin Jahit Garmen")
    VocationFactory(code="menjahit-garmen", name="Menjahit Garmen")
    synonyms_load_curated()
    program = ProgramFactory(
        institution=cast.lpks,
        region=cast.region_a,
        vocation=mechanic,
        name="Mekanik Mesin Jahit Industri",
        duration_days=20,
    )
    EnvelopeFactory(region=cast.region_a, year=2027, amount=200_000_000)
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    # Company HR tell the office, in their own words, whom they need.
    _sign_in(page, live_server, "hrd.a")
    page.goto(f"{live_server.url}/perencanaan/kebutuhan/baru/")
    page.get_by_label("Perusahaan").select_option(label=cast.company_a.name)
    page.get_by_label("Keahlian yang dibutuhkan").fill("Butuh mekanik mesin jahit high speed")
    page.get_by_label("Jumlah orang").fill("6")
    page.get_by_label("Untuk").select_option("job")
    page.get_by_label("Dibutuhkan pada").fill("2027-03-01")
    page.get_by_role("button", name="Kirim kebutuhan").click()
    page.get_by_text("Kebutuhan tercatat").wait_for()
    assert _fits_the_screen(page)
    need = IndustryNeed.objects.get()
    _sign_out(page)

    # Office staff see the suggestion on top and confirm it.
    _sign_in(page, live_server, "staf.a")
    page.goto(f"{live_server.url}/perencanaan/kebutuhan/{need.pk}/")
    first = page.locator("#suggestions li").first.inner_text()
    assert "Mekanik Mesin Jahit Garmen" in first
    page.get_by_role("button", name="Simpan pemetaan").click()
    page.get_by_text("Pemetaan kebutuhan tersimpan").wait_for()
    assert "Mekanik Mesin Jahit Garmen" in page.locator("#need-mapping").inner_text()
    assert _fits_the_screen(page)

    # The gap page shows the need as demand no plan answers yet.
    page.goto(f"{live_server.url}/perencanaan/kesenjangan/?tahun=2027")
    row = page.locator("#gap-table tbody tr", has_text="Mekanik Mesin Jahit Garmen")
    assert row.locator("td").nth(0).inner_text() == "6"
    assert _fits_the_screen(page)

    # A plan line cites the need.
    page.goto(f"{live_server.url}/perencanaan/rencana/")
    page.get_by_label("Tahun").fill("2027")
    page.get_by_label("Judul").fill("Rencana Pelatihan 2027")
    page.get_by_role("button", name="Buat rencana").click()
    page.get_by_label("Jalur").select_option("lpks")
    page.get_by_label("Uraian").fill("Mekanik mesin jahit garmen")
    page.get_by_label("Lembaga").select_option(label=str(cast.lpks))
    page.get_by_label("Program", exact=True).select_option(label=program.name)
    page.get_by_label("Jumlah paket").fill("1")
    page.get_by_label("Orang per paket").fill("16")
    page.get_by_label("Hari per paket").fill("20")
    page.get_by_label("Biaya per paket (Rp)").fill("68000000")
    page.get_by_label("Sumber dana").select_option("dbhcht")
    page.get_by_label("Butuh mekanik mesin jahit high speed").check()
    page.get_by_role("button", name="Tambah baris").click()
    page.get_by_text("Baris rencana ditambahkan").wait_for()
    assert "Butuh mekanik mesin jahit high speed" in page.locator(".evidence").inner_text()
    assert _fits_the_screen(page)

    # Submitted within its envelope, then approved by another member of staff: whoever
    # submits a plan does not approve it.
    page.get_by_role("button", name="Ajukan rencana").click()
    page.get_by_text("Rencana diajukan").wait_for()
    assert page.get_by_role("button", name="Setujui").count() == 0
    plan_url = page.url
    head = another_staff(cast.region_a)
    _sign_out(page)
    _sign_in(page, live_server, head.username)
    page.goto(plan_url)
    page.get_by_label("Catatan keputusan").fill("Sesuai kebutuhan industri")
    page.get_by_role("button", name="Setujui rencana").click()
    page.get_by_test_id("confirmation-summary").wait_for()
    assert "peserta dalam" in page.get_by_test_id("confirmation-summary").inner_text()
    assert _fits_the_screen(page)
    page.get_by_role("button", name="Setujui rencana").click()
    page.get_by_text("Rencana disetujui").wait_for()
    plan = TrainingPlan.objects.get()
    assert plan.status == "approved"

    assert page.get_by_role("button", name="Buat paket pelatihan").is_visible()
    assert _fits_the_screen(page)
    assert errors == [], f"console errors (CSP?): {errors}"
    context.close()


def test_an_approved_plan_line_creates_its_batch_from_the_plan_page(browser, live_server, cast):
    # Batches come into being only through training's batch_create.
    program = ProgramFactory(institution=cast.lpks, region=cast.region_a, duration_days=20)
    EnvelopeFactory(region=cast.region_a, year=2027, amount=200_000_000)
    plan = services.plan_create(
        actor=cast.staff_a, region=cast.region_a, year=2027, title="Rencana 2027"
    )
    services.plan_line_add(
        actor=cast.staff_a,
        plan=plan,
        data=services.LineData(
            channel="lpks",
            title="Mekanik mesin jahit garmen",
            packages=1,
            people_per_package=16,
            cost_per_package=68_000_000,
            funding_source="dbhcht",
            institution=cast.lpks,
            program=program,
        ),
    )
    services.plan_submit(actor=cast.staff_a, plan=plan)
    services.plan_approve(actor=another_staff(cast.region_a), plan=plan)
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    _sign_in(page, live_server, "staf.a")
    page.goto(f"{live_server.url}/perencanaan/rencana/{plan.pk}/")
    page.get_by_label("Tanggal mulai paket pertama").fill("2027-02-01")
    page.get_by_role("button", name="Buat paket pelatihan").click()
    page.get_by_text("1 paket pelatihan dibuat").wait_for()
    batch = Batch.objects.get()
    assert (batch.program, batch.capacity, batch.plan_link.plan_line.plan) == (program, 16, plan)
    assert _fits_the_screen(page)
    context.close()

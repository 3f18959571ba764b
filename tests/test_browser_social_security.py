"""Issue 7 in a real browser: office staff see a batch that is about to start with an
uncovered participant, are refused the start with the participant named, then start it
with an audited reason; a trainee reads their KPJ card on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.social_security.models import Coverage, CoverageOverride
from jejaring.social_security.tests.factories import CoverageFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory
from tests.test_browser_roles import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_are_warned_refused_and_then_start_a_batch_with_a_reason(browser, live_server, cast):
    today = timezone.localdate()
    batch = BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        code="LPKS-BPJS-1",
        start_date=today + timedelta(days=3),
        end_date=today + timedelta(days=40),
        status=Batch.Status.SELECTION,
    )
    EnrolmentFactory(batch=batch, person=cast.person_1, status=Enrolment.Status.ACCEPTED)

    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    sign_in(page, live_server, "staf.a")
    page.goto(f"{live_server.url}/bpjs/")
    main = page.locator("main")
    assert "1 orang belum terlindungi" in main.inner_text()
    page.get_by_role("link", name="LPKS-BPJS-1").first.click()
    page.get_by_role("button", name="Susun ulang daftar peserta").click()
    assert cast.person_1.full_name in page.locator("main").inner_text()
    # The batch starts in three days: starting now needs a reason of its own.
    page.get_by_role("button", name="Mulai pelatihan").click()
    assert "memulai pelatihan lebih awal" in page.locator("main").inner_text()
    page.get_by_label("Alasan memulai sebelum tanggal mulai").fill("Jadwal instruktur maju.")
    page.get_by_role("button", name="Mulai pelatihan").click()
    text = page.locator("main").inner_text()
    assert "Paket belum dapat dimulai" in text and cast.person_1.full_name in text
    page.get_by_label("Alasan memulai tanpa perlindungan lengkap").fill(
        "Didaftarkan hari ini; kartu menyusul."
    )
    page.get_by_role("button", name="Mulai pelatihan").click()
    page.get_by_text("Paket dimulai.").wait_for()
    batch.refresh_from_db()
    assert batch.status == Batch.Status.RUNNING
    assert CoverageOverride.objects.filter(batch=batch).exists()
    context.close()


def test_a_trainee_reads_their_card_number_on_a_phone(browser, live_server, cast):
    CoverageFactory(
        enrolment__batch__region=cast.region_a,
        enrolment__person=cast.person_1,
        status=Coverage.Status.ACTIVE,
        kpj_number="23456789012",
    )
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    sign_in(page, live_server, "peserta1")
    page.goto(f"{live_server.url}/bpjs/saya/")
    assert "23456789012" in page.locator("main").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    context.close()

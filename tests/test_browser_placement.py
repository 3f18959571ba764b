"""Issue 4 in a real browser: company HR publish a formation, graduates apply with ranked
choices, office staff run, review and publish the round, an applicant reads why they did
not get their first choice, company HR record the hire, and office staff see the seat
count and the outcome.

The second formation (another company's) is made with a factory: the path under test is
the first one's."""

from decimal import Decimal

import pytest

from jejaring.accounts.tests.factories import UserFactory
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import AllocationRound, Referral
from jejaring.placement.tests.factories import graduate
from jejaring.training.tests.factories import VocationFactory
from tests.test_browser_roles import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _graduate(cast, vocation, username, score):
    person = graduate(region=cast.region_a, vocation=vocation, score=score)
    person.user = UserFactory(username=username)
    person.save()
    return person


def test_a_round_from_formation_to_hire(browser, live_server, cast):
    vocation = VocationFactory(code="menjahit-garmen", name="Menjahit Garmen")
    other = FormationFactory(
        company=cast.company_b, title="Operator Jahit Hotel", quota=1, accepts_all_vocations=False
    )
    other.vocations.add(vocation)
    strong = _graduate(cast, vocation, "lulusan.kuat", "90")
    weak = _graduate(cast, vocation, "lulusan.lain", "70")

    desktop = browser.new_context(viewport=DESKTOP, locale="id-ID")
    hr = desktop.new_page()
    sign_in(hr, live_server, "hrd.a")
    hr.goto(f"{live_server.url}/perusahaan/{cast.company_a.pk}/formasi/baru/")
    hr.get_by_label("Jenis").select_option("job")
    hr.get_by_label("Nama formasi", exact=True).fill("Operator Jahit")
    hr.get_by_label("Menjahit Garmen").check()
    hr.get_by_label("Kuota").fill("1")
    hr.get_by_role("button", name="Simpan").click()
    hr.get_by_role("button", name="Buka formasi").click()
    formation = Formation.objects.get(title="Operator Jahit")
    assert formation.status == Formation.Status.OPEN

    staff_context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    staff = staff_context.new_page()
    sign_in(staff, live_server, "staf.a")
    staff.goto(f"{live_server.url}/penyaluran/putaran/baru/")
    staff.get_by_label("Nama putaran").fill("Penyaluran Tahap II 2026")
    staff.get_by_label("Pilihan maksimal per pelamar").fill("2")
    staff.get_by_label("PT Garmen Sejahtera · Operator Jahit").check()
    staff.get_by_label("Hotel Batik Indah · Operator Jahit Hotel").check()
    staff.get_by_role("button", name="Buka putaran").click()
    rnd = AllocationRound.objects.get()

    for username in ("lulusan.kuat", "lulusan.lain"):
        phone = browser.new_context(viewport=PHONE, locale="id-ID")
        page = phone.new_page()
        sign_in(page, live_server, username)
        page.goto(f"{live_server.url}/penyaluran/lamaran/")
        page.get_by_role("link", name="Penyaluran Tahap II 2026").click()
        page.get_by_label("Pilihan ke-1").select_option(str(formation.pk))
        page.get_by_label("Pilihan ke-2").select_option(str(other.pk))
        page.get_by_role("button", name="Kirim lamaran").click()
        assert "Lamaran Anda tersimpan" in page.locator("main").inner_text()
        phone.close()

    detail = f"{live_server.url}/penyaluran/putaran/{rnd.pk}/"
    staff.goto(detail)
    # Each step is confirmed on a page that says how many applicants it concerns.
    staff.get_by_role("button", name="Tutup putaran").click()
    assert "kelayakan 2 pelamar dinilai ulang" in staff.locator("main").inner_text()
    staff.get_by_role("button", name="Tutup putaran").click()
    staff.get_by_role("button", name="Jalankan alokasi").click()
    staff.get_by_role("button", name="Jalankan alokasi").click()
    staff.get_by_role("button", name="Periksa hasil").click()
    review = staff.locator("main").inner_text()
    assert strong.full_name in review and weak.full_name in review
    staff.goto(detail)
    staff.get_by_role("button", name="Umumkan hasil").click()
    assert "Hasil diumumkan kepada 2 pelamar" in staff.locator("main").inner_text()
    staff.get_by_role("button", name="Umumkan hasil").click()
    assert "Diumumkan" in staff.locator("[data-round-status]").inner_text()

    phone = browser.new_context(viewport=PHONE, locale="id-ID")
    applicant = phone.new_page()
    sign_in(applicant, live_server, "lulusan.lain")
    applicant.goto(f"{live_server.url}/penyaluran/lamaran/")
    applicant.get_by_role("link", name="Penyaluran Tahap II 2026").click()
    explanation = applicant.locator("[data-explanation]").inner_text()
    assert "Operator Jahit Hotel" in explanation
    # Stored as 90.00, written in the reader's style at display time.
    assert "nilai uji kompetensi terakhir yang diterima 90." in explanation
    assert "90.00" not in explanation
    overflow = applicant.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    phone.close()

    referral = Referral.objects.get(person=strong)
    hr.goto(f"{live_server.url}/penyaluran/rujukan/")
    hr.get_by_role("link", name=strong.full_name).click()
    for status in ("accepted", "started", "hired"):
        hr.get_by_label("Hasil", exact=True).select_option(status)
        hr.get_by_role("button", name="Simpan hasil").click()
        hr.get_by_text("Hasil penyaluran tersimpan.").wait_for()
    assert "Diangkat sebagai pekerja" in hr.locator("[data-referral-status]").inner_text()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.HIRED

    staff.goto(detail)
    row = staff.locator("[data-seat-table] tr", has_text="PT Garmen Sejahtera")
    assert row.locator("[data-held]").inner_text() == "1 / 1"
    assert "Diangkat sebagai pekerja: 1" in row.locator("[data-outcomes]").inner_text()
    assert Decimal(str(strong.assessments.get().score)) == Decimal("90")
    desktop.close()
    staff_context.close()

"""Issue 5 in a real browser: an alumnus answers a follow-up link on a phone, without an
account, and the office's dashboard numbers change accordingly; the dashboard's chart
draws without CSP errors."""

from datetime import date

import pytest

from jejaring.outcomes import services
from jejaring.outcomes.tests.factories import FollowUpFactory, graduate
from tests.test_browser_roles import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEARS = "year_from=2024&year_to=2024"


def test_an_alumnus_answers_on_a_phone_and_the_dashboard_counts_it(browser, live_server, cast):
    enrolment = graduate(region=cast.region_a, graduated_on=date(2024, 6, 28))
    follow_up = FollowUpFactory(region=cast.region_a, enrolment=enrolment)
    url, _message = services.follow_up_link_issue(
        actor=cast.staff_a, follow_up=follow_up, base_url=live_server.url
    )

    office = browser.new_context(viewport=DESKTOP, locale="id-ID")
    staff = office.new_page()
    errors: list[str] = []
    staff.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(staff, live_server, "staf.a")
    staff.goto(f"{live_server.url}/capaian/?{YEARS}")
    assert "terserap: 0 dari 1 lulusan" in staff.locator("main").inner_text()
    staff.wait_for_function("document.querySelector('#absorption-chart').width > 0")
    assert errors == [], f"console errors (CSP?): {errors}"

    phone = browser.new_context(viewport=PHONE, locale="id-ID")
    alumnus = phone.new_page()
    alumnus.goto(url)
    first_name = enrolment.person.full_name.split()[0]
    assert first_name in alumnus.locator("h1").inner_text()
    alumnus.get_by_label("Keadaan saat ini").select_option("employed")
    alumnus.get_by_label("Nama tempat kerja atau magang").fill("Hotel Batik Indah")
    alumnus.get_by_label("Mulai bekerja, magang atau usaha sejak").fill("2024-09-02")
    alumnus.get_by_role("button", name="Kirim jawaban").click()
    alumnus.get_by_role("heading", name="Terima kasih").wait_for()
    overflow = alumnus.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    phone.close()

    staff.reload()
    assert "terserap: 1 dari 1 lulusan" in staff.locator("main").inner_text()
    staff.get_by_role("link", name="1", exact=True).first.click()
    assert enrolment.person.full_name in staff.locator("main").inner_text()
    office.close()

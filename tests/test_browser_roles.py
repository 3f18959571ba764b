"""A person's first minutes, in a real browser (Debian's chromium, headless): the login
page on a phone, each role signing in and landing on its own home page, and the
language switch."""

import pytest

from jejaring.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beranda/")


@pytest.mark.parametrize(
    ("username", "heading"),
    [
        ("staf.a", "Kota Pekalongan"),
        ("operator.lpks", "LPKS Terampil Mandiri"),
        ("asesor", "Sesi uji kompetensi saya"),
        ("hrd.a", "PT Garmen Sejahtera"),
        ("peserta1", "Halo"),
        ("pemantau", "Lulusan pelatihan per wilayah"),
    ],
)
def test_each_role_signs_in_on_a_phone_and_lands_on_its_home_page(
    page, live_server, cast, username, heading
):
    sign_in(page, live_server, username)
    assert heading in page.locator("h1").first.inner_text()
    # Nothing may be wider than a 360-px screen (tables scroll inside their wrapper).
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_a_wrong_password_shows_an_error_and_stays_on_the_login_page(page, live_server, cast):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill("staf.a")
    page.get_by_label("Kata sandi").fill("bukan-kata-sandinya")
    page.get_by_role("button", name="Masuk", exact=True).click()
    assert "salah" in page.locator("main").inner_text()
    assert page.url.endswith("/akun/masuk/")


def test_staff_reveal_a_nik_with_htmx_on_a_desktop(desktop_page, live_server, cast):
    page = desktop_page
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, live_server, "staf.a")
    page.goto(f"{live_server.url}/orang/{cast.person_1.pk}/")
    assert cast.person_1.nik not in page.content()
    page.get_by_role("button", name="Tampilkan NIK lengkap").click()
    page.get_by_text(cast.person_1.nik).wait_for()
    assert errors == [], f"console errors (CSP?): {errors}"


def test_the_language_switch_turns_the_page_english(desktop_page, live_server, cast):
    page = desktop_page
    sign_in(page, live_server, "staf.a")
    page.locator("form.lang-form").get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Home" in page.locator("nav").first.inner_text()

"""The menu in a real browser (Debian's chromium, headless): on a desktop it is one bar of
task sections, one line high, for office staff and for a superuser; on a 360-px phone it
is folded, opens on a tap, and never makes the page wider than the screen."""

import pytest

from jejaring.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def open_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="id-ID")
    return context, context.new_page()


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{live_server.url}/beranda/")


def overflow(page) -> float:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", [1366, 1280])
@pytest.mark.parametrize("username", ["staf.a", "root"])
def test_the_desktop_menu_is_one_line_of_sections(browser, live_server, cast, username, width):
    if username == "root":
        UserFactory(username="root", is_staff=True, is_superuser=True)
    context, page = open_page(browser, {"width": width, "height": 768})
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    sign_in(page, live_server, username)
    bar = page.locator("nav.site-nav > ul")
    assert bar.is_visible()
    first_item = page.locator("nav.site-nav > ul > li").first.bounding_box()
    last_item = page.locator("nav.site-nav > ul > li").last.bounding_box()
    box = bar.bounding_box()
    assert box["height"] < first_item["height"] * 1.5, "the menu wraps onto a second line"
    assert last_item["y"] == first_item["y"]
    assert overflow(page) <= 0

    # A section drops down; choosing an entry opens its page, marked in the bar.
    page.locator("nav.site-nav summary", has_text="Capaian").click()
    definitions = page.get_by_role("link", name="Definisi indikator")
    definitions.wait_for()
    assert overflow(page) <= 0
    definitions.click()
    page.wait_for_url(f"{live_server.url}/capaian/definisi/")
    current = page.locator("nav.site-nav a[aria-current=page]")
    assert current.text_content().strip() == "Definisi indikator"
    # The other sections stay closed until chosen, and Escape closes an open one.
    page.locator("nav.site-nav summary", has_text="Pelatihan").click()
    assert page.get_by_role("link", name="Paket pelatihan").is_visible()
    page.keyboard.press("Escape")
    assert not page.get_by_role("link", name="Paket pelatihan").is_visible()
    assert errors == [], f"console errors (CSP?): {errors}"
    context.close()


@pytest.mark.parametrize("username", ["staf.a", "hrd.a", "peserta1"])
def test_on_a_phone_the_menu_is_folded_and_opens_on_a_tap(browser, live_server, cast, username):
    context, page = open_page(browser, PHONE)
    sign_in(page, live_server, username)
    first_link = page.locator("nav.site-nav a").first
    assert not first_link.is_visible()
    assert overflow(page) <= 0
    page.locator("[data-site-menu] > summary").click()
    assert first_link.is_visible()
    assert overflow(page) <= 0
    sections = page.locator("nav.site-nav summary")
    if sections.count():
        # A section unfolds on a tap and its entries open their pages.
        section = sections.first
        section.click()
        entry = section.locator("xpath=..").locator("a").first
        assert entry.is_visible()
        assert overflow(page) <= 0
        entry.click()
        page.wait_for_load_state("load")
        assert page.locator("h1").first.is_visible()
        assert overflow(page) <= 0
    context.close()

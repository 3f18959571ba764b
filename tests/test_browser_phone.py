"""Issue 18 in a real browser (Debian's chromium, headless), on every page of every demo
role and on the public pages (tests/browser_crawl.py collects them, detail pages
included):

- phone-first lists: on a 360-px phone no page is wider than the screen (a table too wide
  for it scrolls inside its own frame, which says so);
- accessibility: axe-core (vendored, tests/vendor/) finds no serious or critical violation,
  at 360 px and at 1366 px, on one page of each kind per role.

Both checks share one walk, so each page is opened once. The keyboard-only walks are in
tests/test_browser_a11y.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jejaring.demo.loader import load_demo
from tests.browser_crawl import FAMILY, Crawl, axe_violations, crawl_every_role, kind_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}


class Checks:
    """The overflow check on every page; axe-core on one page of each kind per role
    (logins of the same role see the same templates), at 360 and at 1366 px."""

    def __init__(self) -> None:
        self.axed: set[tuple[str, str]] = set()

    def __call__(self, page, path: str, crawl: Crawl) -> None:
        wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wider > 0:
            crawl.note("wider than a 360-px screen", f"{path}: by {wider} px")
        kind = (FAMILY[crawl.role], kind_of(path))
        if kind in self.axed:
            return
        self.axed.add(kind)
        for rule, target in axe_violations(page):
            crawl.note("axe at 360 px", f"{path}: {rule} at {target}")
        page.set_viewport_size(DESKTOP)
        for rule, target in axe_violations(page):
            crawl.note("axe at 1366 px", f"{path}: {rule} at {target}")
        page.set_viewport_size(PHONE)


def _report(crawls: list[Crawl]) -> str:
    lines = []
    for crawl in crawls:
        for check, findings in crawl.problems.items():
            lines.append(f"{crawl.role} — {check}:")
            lines.extend(f"  {finding}" for finding in findings)
    return "\n".join(lines)


def test_every_page_of_every_role_fits_a_phone_and_passes_axe(browser, live_server):
    load_demo()
    crawls = crawl_every_role(browser, live_server.url, Checks(), PHONE)
    pages = {crawl.role: len(crawl.pages) for crawl in crawls}
    # The walk reached each role's pages, detail pages included (a guard against a
    # crawl that silently stops at the login page).
    assert all(count >= 2 for count in pages.values()), pages
    assert sum(pages.values()) > 150, pages
    assert not any(crawl.problems for crawl in crawls), "\n" + _report(crawls)


def test_a_wide_table_scrolls_in_its_frame_with_a_visible_cue(browser, live_server):
    load_demo()
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/perusahaan/lowongan/")
    frame = page.locator(".table-wrap").first
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
    # The hint sits above the table, and the frame can be scrolled from the keyboard.
    assert page.locator(".scroll-hint").first.is_visible()
    assert "Geser tabel ke samping" in page.locator(".scroll-hint").first.inner_text()
    assert frame.get_attribute("tabindex") == "0"
    assert frame.get_attribute("role") == "region"
    # The columns that matter come first: the closing date and the seats left.
    headings = frame.locator("thead th").all_inner_texts()
    assert headings[1:3] == ["Batas pendaftaran", "Sisa kursi"]
    box = frame.locator("thead th").nth(1).bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    # On a desktop the same table fits, and the cue goes away.
    page.set_viewport_size(DESKTOP)
    expect(page.locator(".scroll-hint")).to_have_count(0)
    expect(frame).not_to_have_attribute("tabindex", "0")
    context.close()

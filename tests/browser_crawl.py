"""Every page a demo role reaches, for the browser tests that look at all of them (the
360-px overflow check and axe-core): the menu and home-page links of each demo login, the
public pages for a visitor, and one level below those, the first link of each kind found
on them (a list's detail page, a round's apply page), so detail pages are included.

The demo is loaded into the test database once per test (the live server's database is
flushed after each test); each role signs in once and walks its pages in one context."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jejaring.demo.loader import DEMO_PASSWORD, demo_logins

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

#: Pages a visitor reaches without an account; links found on them are followed too.
PUBLIC_PAGES = ["/", "/akun/masuk/"]

#: Paths that are not our HTML pages (files, the Django admin, the API, the
#: language switch) or that end the session.
SKIPPED = re.compile(
    r"^/(static|media|admin|api|i18n)/|/keluar/|\.(pdf|xlsx|csv|zip|png|svg)$"
    r"|/(surat|unduh|ekspor|pdf|xlsx|csv|cetak)(/|$)"
)

# The demo logins, in the order the demo prints them, and a visitor without one.
ROLES = [login.username for login in demo_logins()] + ["(pengunjung)"]

# Logins of the same role see the same pages, with other rows in them; the superuser sees
# the office staff's pages.
FAMILY = {login.username: login.role for login in demo_logins()}
FAMILY["admin"] = FAMILY["staf.pekalongan"]
FAMILY[ROLES[-1]] = ROLES[-1]


@dataclass
class Crawl:
    """The pages one role reached and what the checks found on them."""

    role: str
    pages: list[str] = field(default_factory=list)
    #: Check name -> what it found, one line per finding.
    problems: dict[str, list[str]] = field(default_factory=dict)

    def note(self, check: str, finding: str) -> None:
        self.problems.setdefault(check, []).append(finding)


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(f"{base}/beranda/")


def kind_of(path: str) -> str:
    """A path with its numbers and codes taken out: one page of each kind is enough."""
    return re.sub(r"/[^/]*\d[^/]*(?=/)", "/N", path)


def _links(page: Any, base: str, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        selector, "links => links.map(a => a.getAttribute('href') || '')"
    )
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != base:
            continue
        path = parts.path
        if not path.startswith("/") or SKIPPED.search(path):
            continue
        found.append(path)
    return found


def pages_of(page: Any, base: str, role: str, broken: list[str]) -> Iterator[str]:
    """Opens each page of the role in `page` and yields its path once it has loaded."""
    if role == ROLES[-1]:
        page.goto(f"{base}/")
        start = [*PUBLIC_PAGES, *_links(page, base, "main a[href]")]
    else:
        sign_in(page, base, role)
        start = ["/beranda/", *_links(page, base, "nav.site-nav a[href], main a[href]")]
    seen_kinds: set[str] = set()
    first_level: list[str] = []
    for path in dict.fromkeys(start):
        if _open(page, base, path, broken):
            first_level.append(path)
            seen_kinds.add(kind_of(path))
            yield path
    for parent in first_level:
        if not _open(page, base, parent, broken):
            continue
        for path in dict.fromkeys(_links(page, base, "main a[href]")):
            if kind_of(path) in seen_kinds:
                continue
            seen_kinds.add(kind_of(path))
            if _open(page, base, path, broken):
                yield path


def _open(page: Any, base: str, path: str, broken: list[str]) -> bool:
    """Opens an HTML page; False for a file download, anything that is not HTML, and an
    error page (noted in `broken`)."""
    try:
        response = page.goto(f"{base}{path}")
    except Exception as error:  # a download aborts the navigation
        if "Download is starting" in str(error) or "ERR_ABORTED" in str(error):
            return False
        raise
    if response is None or "text/html" not in response.headers.get("content-type", ""):
        return False
    if response.status >= 400:
        broken.append(f"{path}: answered {response.status}")
        return False
    return True


def crawl_every_role(
    browser: Any,
    base: str,
    check: Callable[[Any, str, Crawl], None],
    viewport: dict[str, int],
) -> list[Crawl]:
    """Runs `check(page, path, crawl)` on every page of every role; `check` notes what it
    finds with `crawl.note`."""
    crawls = []
    for role in ROLES:
        context = browser.new_context(viewport=viewport, locale="id-ID", bypass_csp=True)
        page = context.new_page()
        crawl = Crawl(role)
        broken: list[str] = []
        for path in pages_of(page, base, role, broken):
            crawl.pages.append(path)
            check(page, path, crawl)
        for finding in broken:
            crawl.note("error pages", finding)
        context.close()
        crawls.append(crawl)
    return crawls


def axe_violations(page: Any) -> list[tuple[str, str]]:
    """The serious and critical axe-core violations on the page, as (rule id, target)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.slice(0, 3).map(n => [v.id, n.target.join(' ')]));
        }"""
    )
    return [(rule, target) for rule, target in found]

"""The main menu, grouped by task: every entry sits in a known section, each role sees
its own sections, and every link a user is shown (in the menu and on their home page)
opens a page rather than a 404 or a 500."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jejaring.accounts.tests.factories import UserFactory
from jejaring.core.context_processors import NavEntry, Section, navigation_entries

pytestmark = pytest.mark.django_db

ROLES = ["staf.a", "operator.lpks", "asesor", "hrd.a", "peserta1", "pemantau", "root"]


class MenuReader(HTMLParser):
    """The main menu of a page: its plain links, its sections and their links."""

    def __init__(self) -> None:
        super().__init__()
        self.in_nav = False
        self.depth = 0
        self.section: str | None = None
        self.in_summary = False
        self.in_link: str | None = None
        self.sections: dict[str, list[str]] = {}
        self.links: list[str] = []
        self.hrefs: list[str] = []
        self.current: list[str] = []
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "nav" and "site-nav" in (values.get("class") or ""):
            self.in_nav = True
        if not self.in_nav:
            return
        if tag == "details":
            self.section = ""
        elif tag == "summary":
            self.in_summary = True
            self._text = ""
        elif tag == "a":
            self.in_link = values.get("href") or ""
            self.hrefs.append(self.in_link)
            self._text = ""
            if values.get("aria-current") == "page":
                self.current.append(self.in_link)

    def handle_endtag(self, tag: str) -> None:
        if not self.in_nav:
            return
        if tag == "nav":
            self.in_nav = False
        elif tag == "summary":
            self.in_summary = False
            self.section = self._text.strip()
            self.sections[self.section] = []
        elif tag == "details":
            self.section = None
        elif tag == "a" and self.in_link is not None:
            label = self._text.strip()
            if self.section:
                self.sections[self.section].append(label)
            else:
                self.links.append(label)
            self.in_link = None

    def handle_data(self, data: str) -> None:
        if self.in_nav and (self.in_summary or self.in_link is not None):
            self._text += data


def menu_of(html: str) -> MenuReader:
    reader = MenuReader()
    reader.feed(html)
    return reader


def user_named(username: str):
    if username == "root":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    return get_user_model().objects.get(username=username)


def test_every_menu_entry_names_a_known_section_and_a_page():
    entries = navigation_entries()
    assert entries
    for entry in entries:
        assert isinstance(entry, NavEntry)
        assert isinstance(entry.section, Section), f"{entry.url_name} has no section"
        assert reverse(entry.url_name)


def test_the_sections_come_in_the_task_order():
    shown = [entry.section for entry in navigation_entries()]
    order = list(Section)
    assert shown == sorted(shown, key=order.index)


def test_office_staff_see_the_task_sections_not_a_flat_list(client, cast):
    client.force_login(cast.staff_a)
    menu = menu_of(client.get("/beranda/").content.decode())
    assert menu.links == ["Beranda"]
    assert list(menu.sections) == [
        "Pelatihan",
        "Uji kompetensi",
        "Perusahaan & penyaluran",
        "BPJS",
        "Capaian",
        "Perencanaan",
        "Administrasi",
    ]
    assert "Paket pelatihan" in menu.sections["Pelatihan"]
    assert "Putaran penyaluran" in menu.sections["Perusahaan & penyaluran"]
    # The pages no menu used to reach.
    assert "Definisi indikator" in menu.sections["Capaian"]
    assert "Pengaturan penelusuran" in menu.sections["Capaian"]
    assert "Admin sistem" not in menu.sections["Administrasi"]


def test_a_superuser_sees_the_office_menu_and_the_admin_but_no_personal_pages(client, cast):
    client.force_login(user_named("root"))
    menu = menu_of(client.get("/beranda/").content.decode())
    assert menu.links == ["Beranda"]
    assert "Admin sistem" in menu.sections["Administrasi"]
    everything = [label for labels in menu.sections.values() for label in labels]
    for personal in ["Data saya", "Perusahaan saya", "Pelatihan saya", "Lamaran penyaluran"]:
        assert personal not in everything
    assert len(menu.sections) == 7


def test_a_trainee_sees_plain_links_to_their_own_pages(client, cast):
    client.force_login(cast.trainee_1)
    menu = menu_of(client.get("/beranda/").content.decode())
    assert menu.sections == {}
    assert menu.links[:2] == ["Beranda", "Data saya"]
    assert "Pelatihan saya" in menu.links
    assert "Paket pelatihan" not in menu.links


def test_company_hr_see_their_company_pages_grouped(client, cast):
    client.force_login(cast.hr_a)
    menu = menu_of(client.get("/beranda/").content.decode())
    assert "Perusahaan saya" in menu.sections["Perusahaan & penyaluran"]
    assert "Pelatihan" not in menu.sections
    everything = menu.links + [label for labels in menu.sections.values() for label in labels]
    assert "Putaran penyaluran" not in everything


def test_the_current_page_is_marked_under_its_own_entry_only(client, cast):
    client.force_login(cast.staff_a)
    formations = reverse("formations:formation_list")
    menu = menu_of(client.get(formations).content.decode())
    assert menu.current == [formations]
    assert "data-nav-section data-active" in client.get(formations).content.decode()


def test_an_anonymous_visitor_gets_no_menu(client, cast):
    assert menu_of(client.get("/").content.decode()).hrefs == []


@pytest.mark.parametrize("username", ROLES)
def test_every_link_in_the_menu_and_on_the_home_page_opens(client, cast, username):
    client.force_login(user_named(username))
    html = client.get("/beranda/").content.decode()
    menu_links = menu_of(html).hrefs
    assert menu_links
    page_links = re.findall(r'href="(/[^"#?]*)', html)
    broken = []
    for link in sorted(set(menu_links + page_links)):
        if link.startswith("/static/") or link.startswith("/media/"):
            continue
        response = client.get(link, follow=True)
        if response.status_code != 200:
            broken.append((link, response.status_code))
    assert broken == []


def test_a_superuser_is_not_sent_from_a_menu_page_to_a_404(client, cast):
    """One level below the menu: the buttons and links on each page a superuser reaches
    from it (a company is registered in an office's own region, which a superuser has
    not, so the list offers no "register" button)."""
    client.force_login(user_named("root"))
    menu_links = menu_of(client.get("/beranda/").content.decode()).hrefs
    assert (
        reverse("employers:company_create")
        not in client.get(reverse("employers:company_list")).content.decode()
    )
    seen: set[str] = set(menu_links)
    broken = []
    for page in menu_links:
        if page.startswith("/admin/"):
            continue
        html = client.get(page).content.decode()
        for link in re.findall(r'href="(/[^"#?]*)', html):
            if link in seen or link.startswith(("/static/", "/admin/", "/i18n/")):
                continue
            seen.add(link)
            response = client.get(link, follow=True)
            if response.status_code != 200:
                broken.append((page, link, response.status_code))
    assert broken == []

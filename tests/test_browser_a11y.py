"""Issue 18, accessibility, in a real browser (Debian's chromium, headless): a person who
uses only the keyboard (Tab, Shift+Tab, Enter, Space, arrow keys) registers for a training
through the public form, and a graduate ranks two formations by tapping their buttons and
sends the application; every control they land on shows where the focus is.

axe-core runs on every page of every demo role in tests/test_browser_phone.py, in the same
walk as the 360-px overflow check, so the pages are opened once."""

from __future__ import annotations

from datetime import date

import pytest

from jejaring.accounts.tests.factories import PASSWORD, UserFactory
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import services
from jejaring.placement.models import Application
from jejaring.placement.tests.factories import graduate
from jejaring.trainees.models import Person
from jejaring.trainees.nik import format_nik
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, ProgramFactory, VocationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
NIK = format_nik(district_code="33.75.01", birth_date=date(2001, 5, 17), sex="F", serial=9)

# What has the focus, and whether a sighted keyboard user can see it: an outline or a
# focus shadow drawn by the style sheets on the focused element.
FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    const label = (el.labels && el.labels.length ? el.labels[0].innerText : '')
        || el.getAttribute('aria-label') || el.innerText || el.value || '';
    return {
        tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '',
        label: label.trim().replace(/\\s+/g, ' '),
        // A date field's focus is on one of its parts, which the browser highlights.
        visible: /^(date|time|datetime-local)$/.test(el.type)
            || (el.matches(':focus') && (outline || shadow)),
    };
}"""


class Keyboard:
    """Moves the focus with Tab until it lands on the wanted control, checking on every
    stop that the focus can be seen."""

    def __init__(self, page):
        self.page = page
        self.unseen: list[str] = []

    def focused(self):
        return self.page.evaluate(FOCUSED)

    def tab_to(self, matches, limit: int = 80):
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            here = self.focused()
            if here is None:
                continue
            if not here["visible"]:
                self.unseen.append(f"{here['tag']} {here['name']} {here['label'][:40]}")
            if matches(here):
                return here
        raise AssertionError(f"Tab never reached the control on {self.page.url}")

    def field(self, label: str):
        return self.tab_to(lambda here: here["label"].startswith(label))

    def button(self, text: str):
        return self.tab_to(lambda here: here["tag"] == "button" and here["label"] == text)

    def link(self, text: str):
        return self.tab_to(lambda here: here["tag"] == "a" and here["label"] == text)

    def choose(self, label: str, value: str):
        """A select, moved with the arrow keys until it holds the value."""
        self.field(label)
        for _ in range(60):
            if self.page.evaluate("document.activeElement.value") == value:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"{label}: the arrow keys never reached {value}")


def test_a_person_registers_with_the_keyboard_only(browser, live_server, cast):
    vocation = VocationFactory(code="menjahit", name="Menjahit")
    program = ProgramFactory(institution=cast.lpks, vocation=vocation, name="Menjahit Pakaian")
    batch = BatchFactory(
        program=program,
        name="Menjahit Angkatan I",
        status=Batch.Status.OPEN,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 3),
        min_age=17,
        max_age=35,
    )
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    keys = Keyboard(page)
    page.goto(f"{live_server.url}/daftar/")
    keys.link("Menjahit Pakaian")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    keys.link("Daftar sekarang")  # a link drawn as a button
    with page.expect_navigation():
        page.keyboard.press("Enter")

    keys.field("NIK")
    page.keyboard.type(NIK)
    keys.field("Nama lengkap")
    page.keyboard.type("Siti Rahayu")
    keys.choose("Jenis kelamin", "F")
    keys.field("Tempat lahir")
    page.keyboard.type("Pekalongan")
    keys.field("Tanggal lahir")
    # The segments' order follows the browser's own language, not the page's.
    page.keyboard.type("05172001")
    if page.evaluate("document.activeElement.value") != "2001-05-17":
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        page.keyboard.type("17052001")
    assert page.evaluate("document.activeElement.value") == "2001-05-17"
    keys.choose("Pendidikan terakhir", "smk")
    keys.field("Alamat domisili")
    page.keyboard.type("Jl. Hayam Wuruk 5")
    keys.choose("Kecamatan", "33.75.01")
    keys.field("Nomor HP")
    page.keyboard.type("0812 3456 7890")
    keys.field("Saya menyetujui data pribadi saya diolah")
    page.keyboard.press("Space")
    keys.button("Kirim pendaftaran")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Pendaftaran terkirim").wait_for()

    person = Person.objects.get(nik=NIK)
    assert Enrolment.objects.get(batch=batch, person=person).status == Enrolment.Status.APPLIED
    assert keys.unseen == [], f"focus not visible on: {keys.unseen}"
    context.close()


def test_a_graduate_ranks_and_applies_with_the_keyboard_only(browser, live_server, cast):
    vocation = VocationFactory(code="jahit", name="Menjahit")
    first = FormationFactory(
        company=cast.company_a, title="Operator Jahit", quota=2, accepts_all_vocations=False
    )
    second = FormationFactory(
        company=cast.company_b, title="Penjahit Hotel", quota=1, accepts_all_vocations=False
    )
    for formation in (first, second):
        formation.vocations.add(vocation)
    person = graduate(region=cast.region_a, vocation=vocation, score="85")
    person.user = UserFactory(username="lulusan.papan")
    person.save()
    rnd = services.round_create(
        actor=cast.staff_a,
        region=cast.region_a,
        name="Penyaluran Tahap III",
        formation_ids=[first.pk, second.pk],
    )

    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    keys = Keyboard(page)
    page.goto(f"{live_server.url}/akun/masuk/")
    keys.field("Nama pengguna")
    page.keyboard.type("lulusan.papan")
    keys.field("Kata sandi")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/beranda/")
    page.goto(f"{live_server.url}/penyaluran/lamaran/putaran/{rnd.pk}/")

    # The hotel first, by a tap on its card's first button; the focus comes back to it.
    card = page.locator(f"#formasi-{second.pk}")
    keys.tab_to(
        lambda here: (
            here["label"] == "Pilihan ke-1"
            and page.evaluate("document.activeElement.closest('li').id") == f"formasi-{second.pk}"
        )
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert card.locator("[data-rank]").inner_text() == "Pilihan ke-1"
    # The page comes back at the tapped card: the next Tab lands on its buttons.
    keys.tab_to(lambda here: True, limit=1)
    assert page.evaluate("document.activeElement.closest('li')?.id") == f"formasi-{second.pk}"
    # Then the workshop as the second choice, with Space this time.
    keys.tab_to(
        lambda here: (
            here["label"] == "Pilihan ke-2"
            and page.evaluate("document.activeElement.closest('li').id") == f"formasi-{first.pk}"
        )
    )
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert page.get_by_label("Pilihan ke-1").input_value() == str(second.pk)
    assert page.get_by_label("Pilihan ke-2").input_value() == str(first.pk)

    keys.button("Kirim lamaran")
    page.keyboard.press("Enter")
    page.get_by_text("Lamaran Anda tersimpan.").wait_for()
    application = Application.objects.get(person=person, round=rnd)
    ranked = list(application.choices.order_by("rank").values_list("formation_id", flat=True))
    assert ranked == [second.pk, first.pk]
    assert keys.unseen == [], f"focus not visible on: {keys.unseen}"
    context.close()

"""Issue 18, dashboards that do not mislead, on an office laptop's 1366 × 768 screen: the
outcome dashboard's waiting-time columns and the planning gap table's gap columns are
on screen without scrolling sideways, and a graduation year younger than the
indicator's window is greyed and marked."""

from datetime import date

import pytest

from jejaring.outcomes.tests.factories import graduate
from jejaring.planning.tests.factories import NeedFactory
from jejaring.training.tests.factories import VocationFactory
from tests.test_browser_roles import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}

#: How far right of the window's right edge the last header cell of `table` ends, and
#: whether its scroll box would have to scroll (both must be 0 or less).
OVERFLOW = """(table) => {
  const cells = [...table.querySelectorAll('thead th')];
  const right = Math.max(...cells.map((cell) => cell.getBoundingClientRect().right));
  const box = table.closest('.table-wrap') || table.parentElement;
  return {
    beyondWindow: right - document.documentElement.clientWidth,
    hiddenInBox: box.scrollWidth - box.clientWidth,
    pageScroll: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


def _fits(page, selector):
    tables = page.locator(selector)
    tables.first.wait_for()
    for index in range(tables.count()):
        measured = tables.nth(index).evaluate(OVERFLOW)
        assert measured["beyondWindow"] <= 0, (index, measured)
        assert measured["hiddenInBox"] <= 0, (index, measured)
        assert measured["pageScroll"] <= 0, (index, measured)


def test_the_waiting_time_columns_fit_a_1366_screen_and_young_years_are_marked(
    browser, live_server, cast
):
    long_ago = graduate(region=cast.region_a, graduated_on=date(2019, 6, 28))
    graduate(region=cast.region_a, graduated_on=date.today())
    long_ago.batch.program.vocation.name = "Teknik Pendingin dan Tata Udara Kendaraan Ringan"
    long_ago.batch.program.vocation.save()
    year = date.today().year
    context = browser.new_context(viewport=LAPTOP, locale="id-ID")
    page = context.new_page()
    sign_in(page, live_server, "staf.a")
    page.goto(f"{live_server.url}/capaian/?year_from=2019&year_to={year}&dimension=vocation")
    _fits(page, "table.indicators")
    headers = page.locator("table.indicators").first.locator("thead th")
    assert "> 12 bln" in headers.all_inner_texts()[-2]

    young = page.locator("table.indicators").first.locator("tbody tr.young")
    assert young.count() >= 1
    mark = young.last.locator(".young-mark")
    assert mark.inner_text() == "belum 12 bulan"
    assert "belum 12 bulan sejak lulus" in (mark.get_attribute("title") or "")
    assert young.last.locator("th").inner_text().startswith(str(year))
    old = page.locator("table.indicators").first.locator("tbody tr", has_text="2019")
    assert "young" not in (old.get_attribute("class") or "")
    context.close()


def test_the_gap_columns_fit_a_1366_screen(browser, live_server, cast):
    for number in range(3):
        vocation = VocationFactory(name=f"Teknisi Perawatan Mesin Produksi Garmen Tingkat {number}")
        NeedFactory(
            region=cast.region_a,
            vocation=vocation,
            mapping="confirmed",
            quantity=1250,
            needed_by="2027-03-01",
        )
    context = browser.new_context(viewport=LAPTOP, locale="id-ID")
    page = context.new_page()
    sign_in(page, live_server, "staf.a")
    page.goto(f"{live_server.url}/perencanaan/kesenjangan/?tahun=2027")
    _fits(page, "#gap-table")
    row = page.locator("#gap-table tbody tr").first
    assert row.locator("td").nth(0).inner_text() == "1.250"
    assert row.locator("td").nth(8).inner_text() == "1.250"  # not planned: all unmet
    context.close()

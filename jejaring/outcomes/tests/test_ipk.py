"""The monthly IPK report: each figure's definition on a small hand-built month (May
2025 in Kota Pekalongan), tenancy, the viewers' roll-up, the public page's protection and
the XLSX and PDF."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from jejaring.jobseekers.models import CardStatus
from jejaring.jobseekers.tests.factories import CardFactory, IssuedCardFactory
from jejaring.outcomes.labour_market.figures import monthly_figures
from jejaring.outcomes.labour_market.tables import Tables, withheld_keys
from jejaring.outcomes.labour_market.terms import (
    ALL,
    FLOWS,
    NO_GROUP,
    SEEKERS,
    VACANCIES,
    Key,
    Month,
)
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.vacancies.models import Vacancy
from jejaring.vacancies.tests.factories import VacancyFactory

MAY = Month(2025, 5)
WIB = ZoneInfo("Asia/Jakarta")


def _at(y: int, m: int, d: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(y, m, d, hour, minute, tzinfo=WIB)


def _card(region, issued: date, *, until: date | None = None, status=CardStatus.ACTIVE,
          closed: date | None = None, sex="M", born=date(1998, 3, 1), **kwargs):  # fmt: skip
    return IssuedCardFactory(
        region=region,
        person=PersonFactory(region=region, sex=sex, birth_date=born),
        issued_on=issued,
        valid_until=until or date(issued.year + 2, issued.month, issued.day),
        status=status,
        closed_on=closed,
        **kwargs,
    )


@pytest.fixture
def month_data(cast):
    a, b = cast.region_a, cast.region_b
    # Carried over and remaining.
    _card(a, date(2024, 6, 10), education="smk")
    # Carried over, placed on 15 May: a woman of 25 with a degree, wanting a KBJI 2 job.
    _card(a, date(2024, 9, 1), status=CardStatus.HIRED, closed=date(2025, 5, 15), sex="F",
          born=date(2000, 1, 1), education="s1", occupation_code="2512")  # fmt: skip
    # Issued and placed in May: a man of 18 whose card has no KBJI code.
    _card(a, date(2025, 5, 3), status=CardStatus.HIRED, closed=date(2025, 5, 20),
          born=date(2006, 6, 1), education="sma", occupation_code="")  # fmt: skip
    # Issued in May, still looking.
    _card(a, date(2025, 5, 10), sex="F", education="smk")
    # Carried over, lapsed on 19 May (removed).
    _card(a, date(2023, 5, 20), until=date(2025, 5, 19), status=CardStatus.EXPIRED)
    # Carried over, closed for another reason on the last day (removed).
    _card(a, date(2025, 1, 5), status=CardStatus.CLOSED, closed=date(2025, 5, 31), sex="F",
          education="sd")  # fmt: skip
    # Valid until the last day, the expiry job not yet run: still on the register.
    _card(a, date(2023, 6, 1), until=date(2025, 5, 31))
    # Not in May: placed in April, issued in June, lapsed in March then closed as hired.
    _card(a, date(2024, 1, 1), status=CardStatus.HIRED, closed=date(2025, 4, 30))
    _card(a, date(2025, 6, 1))
    _card(a, date(2023, 4, 1), until=date(2025, 3, 31), status=CardStatus.HIRED,
          closed=date(2025, 5, 10))  # fmt: skip
    # Another region's card, and a registration not yet issued.
    _card(b, date(2025, 5, 2))
    CardFactory(region=a)

    def vacancy(region, company=None, **kwargs):
        from jejaring.employers.tests.factories import CompanyFactory

        return VacancyFactory(company=company or CompanyFactory(region=region), **kwargs)

    company = cast.company_a
    # Open since April: 5 positions for SMA graduates.
    vacancy(a, company, status=Vacancy.Status.PUBLISHED, published_at=_at(2025, 4, 10),
            openings=5, min_education="sma")  # fmt: skip
    # Published and filled in May.
    vacancy(a, company, status=Vacancy.Status.FILLED, published_at=_at(2025, 5, 5),
            ended_at=_at(2025, 5, 25), openings=2, filled=2, kbji_code="7533")  # fmt: skip
    # Closing on 31 May, expired by the job just after midnight: one of 4 filled.
    vacancy(a, company, status=Vacancy.Status.EXPIRED, published_at=_at(2025, 3, 1),
            closes_on=date(2025, 5, 31), ended_at=_at(2025, 6, 1, 0, 5), openings=4,
            filled=1)  # fmt: skip
    # Closed unfilled on 10 May.
    vacancy(a, company, status=Vacancy.Status.CLOSED, published_at=_at(2025, 4, 1),
            ended_at=_at(2025, 5, 10), openings=3)  # fmt: skip
    # Another region's, and a draft never published.
    vacancy(b, status=Vacancy.Status.PUBLISHED, published_at=_at(2025, 5, 3), openings=7)
    vacancy(a, company, status=Vacancy.Status.DRAFT, openings=9)


def _flows(figures, kind, **dims):
    return {flow: figures.get(Key(kind, flow, **dims)) for flow in FLOWS}


def test_job_seekers_are_counted_as_defined(cast, month_data):
    figures = monthly_figures(region_ids=[cast.region_a.pk], month=MAY)
    assert _flows(figures, SEEKERS) == {
        "carried": 5,
        "registered": 2,
        "placed": 2,
        "removed": 2,
        "remaining": 3,
    }


def test_remaining_is_carried_plus_registered_less_placed_and_removed_in_every_cell(
    cast, month_data
):
    for month in (Month(2025, 4), MAY, Month(2025, 6)):
        figures = monthly_figures(region_ids=[cast.region_a.pk], month=month)
        for kind in (SEEKERS, VACANCIES):
            for key in [k for k in figures.values if k.kind == kind and k.flow == "carried"]:
                dims = {"education": key.education, "sex": key.sex, "group": key.group}
                if key.band != ALL:
                    continue
                f = _flows(figures, kind, **dims)
                assert f["remaining"] == (
                    f["carried"] + f["registered"] - f["placed"] - f["removed"]
                ), (month, key)


def test_this_month_remaining_is_next_month_carried_over(cast, month_data):
    may = monthly_figures(region_ids=[cast.region_a.pk], month=MAY)
    june = monthly_figures(region_ids=[cast.region_a.pk], month=Month(2025, 6))
    for kind in (SEEKERS, VACANCIES):
        assert may.get(Key(kind, "remaining")) == june.get(Key(kind, "carried"))


def test_placements_are_broken_down_by_sex_education_age_and_occupation_group(cast, month_data):
    figures = monthly_figures(region_ids=[cast.region_a.pk], month=MAY)
    placed = {key: count for key, count in figures.values.items() if key.flow == "placed"}
    assert placed[Key(SEEKERS, "placed", sex="M")] == 1
    assert placed[Key(SEEKERS, "placed", sex="F")] == 1
    assert placed[Key(SEEKERS, "placed", education="s1", sex="F")] == 1
    assert placed[Key(SEEKERS, "placed", education="sma", sex="M")] == 1
    assert placed[Key(SEEKERS, "placed", sex="M", band="15-19")] == 1
    assert placed[Key(SEEKERS, "placed", sex="F", band="25-29")] == 1
    assert placed[Key(SEEKERS, "placed", group="2")] == 1
    assert placed[Key(SEEKERS, "placed", group=NO_GROUP)] == 1
    assert sum(c for k, c in placed.items() if k.kind == SEEKERS and k.band not in (ALL,)) == 4


def test_vacancies_are_counted_in_positions_and_one_closing_on_the_last_day_remains(
    cast, month_data
):
    figures = monthly_figures(region_ids=[cast.region_a.pk], month=MAY)
    assert _flows(figures, VACANCIES) == {
        "carried": 12,
        "registered": 2,
        "placed": 2,
        "removed": 3,
        "remaining": 9,
    }
    assert figures.get(Key(VACANCIES, "remaining", education="sma")) == 5
    assert figures.get(Key(VACANCIES, "placed", group="7")) == 2
    june = monthly_figures(region_ids=[cast.region_a.pk], month=Month(2025, 6))
    assert _flows(june, VACANCIES) == {
        "carried": 9,
        "registered": 0,
        "placed": 1,
        "removed": 3,
        "remaining": 5,
    }


def test_a_roll_up_is_the_sum_of_its_regions(cast, month_data):
    both = monthly_figures(region_ids=[cast.region_a.pk, cast.region_b.pk], month=MAY)
    assert both.get(Key(SEEKERS, "registered")) == 3
    assert both.get(Key(VACANCIES, "registered")) == 9


def test_protection_withholds_every_small_job_seeker_count_but_not_positions(cast, month_data):
    figures = monthly_figures(region_ids=[cast.region_a.pk], month=MAY)
    withheld = withheld_keys(figures)
    for key, count in figures.values.items():
        if key.kind == SEEKERS and 0 < count < 5:
            assert key in withheld, key
    assert not any(key.kind == VACANCIES for key in withheld)
    tables = Tables(figures, withheld)
    summary = tables.summary()
    assert summary.rows[1].cells == [12, 2, 2, 3, 9]


# --- pages ---------------------------------------------------------------------------


def test_staff_read_their_region_month_exactly(client, cast, month_data):
    client.force_login(cast.staff_a)
    response = client.get("/capaian/ipk/", {"bulan": "2025-05"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Informasi Pasar Kerja Kota Pekalongan, Mei 2025" in text
    assert "Tabel I. Keadaan pencari kerja, lowongan dan penempatan" in text
    assert response.context["report"].protected is False
    assert response.context["tables"][0].rows[0].cells == [5, 2, 2, 2, 3]


def test_staff_of_another_region_get_a_404_for_it_and_see_nothing_of_it(client, cast, month_data):
    client.force_login(cast.staff_b)
    assert (
        client.get("/capaian/ipk/", {"bulan": "2025-05", "wilayah": cast.region_a.pk}).status_code
        == 404
    )
    response = client.get("/capaian/ipk/", {"bulan": "2025-05"})
    assert response.context["report"].area.region_ids == {cast.region_b.pk}
    assert response.context["tables"][0].rows[1].cells == [0, 7, 0, 0, 7]


@pytest.mark.parametrize("actor", ["operator", "hr_a", "trainee_1"])
def test_other_roles_have_no_ipk_report(client, cast, actor):
    client.force_login(getattr(cast, actor))
    assert client.get("/capaian/ipk/").status_code == 404


def test_a_viewer_reads_the_province_rolled_up_and_protected(client, cast, month_data):
    client.force_login(cast.viewer)
    response = client.get("/capaian/ipk/", {"bulan": "2025-05"})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.area.value == "prov-33"
    assert report.area.region_ids == {cast.region_a.pk, cast.region_b.pk}
    assert report.protected
    summary = response.context["tables"][0]
    assert summary.rows[1].cells == [12, 9, 2, 3, 16]  # positions are shown as they are
    assert all(cell is None or cell == 0 or cell >= 5 for cell in summary.rows[0].cells)
    assert "disembunyikan untuk melindungi identitas" in response.content.decode()
    one = client.get("/capaian/ipk/", {"bulan": "2025-05", "wilayah": cast.region_a.pk})
    assert one.context["report"].protected


def test_the_public_page_withholds_small_counts_and_shows_only_completed_months(
    client, cast, month_data
):
    response = client.get("/capaian/statistik/kota-pekalongan/ipk/", {"bulan": "2025-05"})
    assert response.status_code == 200
    for table in response.context["tables"]:
        for line in [*table.rows, *([table.total] if table.total else [])]:
            for cell in line.cells:
                assert not (isinstance(cell, int) and 0 < cell < 5) or table.slug == "summary"
    seekers = response.context["tables"][0].rows[0].cells
    assert all(cell is None or cell == 0 or cell >= 5 for cell in seekers)
    assert '<abbr class="withheld"' in response.content.decode()
    from django.utils import timezone

    this_month = str(Month.of(timezone.localdate()))
    assert (
        client.get("/capaian/statistik/kota-pekalongan/ipk/", {"bulan": this_month}).status_code
        == 404
    )
    assert client.get("/capaian/statistik/tidak-ada/ipk/").status_code == 404


def test_the_definitions_page_defines_every_figure(client):
    text = client.get("/capaian/ipk/definisi/").content.decode()
    for figure in ("Sisa akhir bulan lalu", "Terdaftar bulan ini", "Ditempatkan bulan ini",
                   "Dipenuhi bulan ini", "Dihapus bulan ini", "Sisa akhir bulan ini",
                   "30–44"):  # fmt: skip
        assert figure in text


def test_the_xlsx_has_the_ministry_tables_with_the_page_figures(client, cast, month_data):
    client.force_login(cast.staff_a)
    response = client.get("/capaian/ipk/", {"bulan": "2025-05", "format": "xlsx"})
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Ringkasan", "Tabel I", "Tabel II", "Tabel III"]
    summary = list(book["Ringkasan"].iter_rows(values_only=True))
    assert summary[1] == ("Pencari kerja (orang)", 5, 2, 2, 2, 3)
    assert summary[2] == ("Lowongan (posisi)", 12, 2, 2, 3, 9)
    education = list(book["Tabel I"].iter_rows(values_only=True))
    assert education[0][1] == "Pencari kerja · Sisa akhir bulan lalu · L"
    total = next(row for row in education if row[0] == "Jumlah")
    assert total[1:4] == (3, 2, 5)  # carried over: men, women, both


def test_the_viewer_xlsx_writes_withheld_counts_as_the_symbol(client, cast, month_data):
    client.force_login(cast.viewer)
    response = client.get(
        "/capaian/ipk/", {"bulan": "2025-05", "wilayah": cast.region_a.pk, "format": "xlsx"}
    )
    summary = list(
        load_workbook(BytesIO(response.content))["Ringkasan"].iter_rows(values_only=True)
    )
    assert "*" in summary[1]


def test_the_pdf_prints_the_tables_under_the_letterhead(
    client, cast, month_data, tmp_path, pdftotext
):
    client.force_login(cast.staff_a)
    response = client.get("/capaian/ipk/", {"bulan": "2025-05", "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "ipk.pdf"
    path.write_bytes(response.content)
    # A fixed tool on a file this test wrote: no untrusted input reaches the command.
    text = subprocess.run(  # noqa: S603
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "INFORMASI PASAR KERJA Kota Pekalongan BULAN Mei 2025" in text
    assert "Tabel III. Penempatan menurut kelompok umur dan jenis kelamin" in text
    assert "PEMERINTAH KOTA PEKALONGAN" in text
    assert "Pencari kerja (orang)" in text


def test_the_api_serves_the_report_to_staff_and_hides_another_region(client, cast, month_data):
    client.force_login(cast.staff_a)
    body = client.get("/api/outcomes/ipk", {"month": "2025-05"}).json()
    assert body["protected"] is False
    assert body["tables"][0]["rows"][0]["cells"] == [5, 2, 2, 2, 3]
    client.force_login(cast.staff_b)
    response = client.get("/api/outcomes/ipk", {"month": "2025-05", "area": cast.region_a.pk})
    assert response.status_code == 404

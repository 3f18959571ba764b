"""Published and viewer figures: no count from 1 to 4 can be read or worked out, from one
table or from several tables of the same graduates; office staff of the region still see
their own exact counts."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jejaring.core.suppression import Relation, is_small
from jejaring.core.tests.disclosure import recoverable
from jejaring.outcomes import disclosure
from jejaring.outcomes.indicators import Definition, Dimension, FunnelStep, Row, Table
from jejaring.outcomes.models import PublishedStatistics
from jejaring.outcomes.tests.factories import (
    FollowUpAnswerFactory,
    FollowUpFactory,
    IndicatorDefinitionFactory,
    graduate,
)
from jejaring.training.tests.factories import ProgramFactory

COUNTS = ("graduates", "answered", "absorbed", "self_employed")


def published_cells(payload):
    """The payload's counts as an attacker reads them: cells, the relations that hold
    between them (each breakdown adds up to the shared total), and which are withheld."""
    values, withheld, relations = {}, set(), []
    for measure in COUNTS:
        values[("total", measure)] = payload["total"][measure]
        for breakdown in ("by_vocation", "by_institution_kind"):
            parts = []
            for index, row in enumerate(payload[breakdown]):
                values[(breakdown, index, measure)] = row[measure]
                parts.append((breakdown, index, measure))
            relations.append(Relation(("total", measure), tuple(parts)))
    withheld = {key for key, value in values.items() if value is None}
    return values, relations, withheld


def attacker_recovers(payload, true_payload_values):
    values, relations, withheld = published_cells(payload)
    return recoverable(
        {key: true_payload_values[key] for key in values}, relations, withheld, cap=12
    )


# --- the published page -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_published_total_minus_the_shown_vocations_no_longer_reveals_a_small_one(client, cast):
    """The demo's case: seven graduates of one vocation, three of another. Before, the
    three were withheld and the total of ten shown beside the seven."""
    IndicatorDefinitionFactory(region=cast.region_a, is_default=True)
    sewing = ProgramFactory(institution__region=cast.region_a, region=cast.region_a)
    welding = ProgramFactory(institution=sewing.institution, region=cast.region_a)
    for _ in range(7):
        graduate(region=cast.region_a, program=sewing)
    for _ in range(3):
        graduate(region=cast.region_a, program=welding)
    client.force_login(cast.staff_a)
    assert client.post("/capaian/terbitkan/", {"tahun": "2024"}).status_code == 302
    payload = PublishedStatistics.objects.get().payload

    shown = [row["graduates"] for row in payload["by_vocation"]]
    total = payload["total"]["graduates"]
    assert None in shown
    assert not (shown.count(None) == 1 and total is not None), "total − shown rows = withheld"
    true = {("total", m): payload["total"][m] for m in COUNTS}
    true.update({("total", "graduates"): 10, ("total", "answered"): 0})
    true.update({("total", "absorbed"): 0, ("total", "self_employed"): 0})
    by_label = {row["label"]: row for row in payload["by_vocation"]}
    for index, row in enumerate(payload["by_vocation"]):
        size = 7 if row["label"] == str(sewing.vocation) else 3
        true.update({("by_vocation", index, m): 0 for m in COUNTS})
        true[("by_vocation", index, "graduates")] = size
    for index, _row in enumerate(payload["by_institution_kind"]):
        true.update({("by_institution_kind", index, m): 0 for m in COUNTS})
        true[("by_institution_kind", index, "graduates")] = 10
    assert len(by_label) == 2
    assert attacker_recovers(payload, true) == []


@pytest.mark.django_db
def test_the_public_page_marks_withheld_figures_with_a_symbol_and_a_legend(client, cast):
    IndicatorDefinitionFactory(region=cast.region_a, is_default=True)
    for _ in range(3):
        graduate(region=cast.region_a)
    client.force_login(cast.staff_a)
    client.post("/capaian/terbitkan/", {"tahun": "2024"})
    client.logout()
    page = client.get(f"/capaian/statistik/{cast.region_a.slug}/").content.decode()
    assert 'class="withheld"' in page
    assert "disembunyikan untuk melindungi identitas" in page
    numbers = {int(n) for n in re.findall(r'class="num">(\d+)<', page)}
    assert all(n == 0 or n >= 5 for n in numbers)


# --- viewers ----------------------------------------------------------------------------------


@pytest.fixture
def hires(cast):
    """Nine 2024 graduates of region A: two hired by a named company, seven by another."""
    from jejaring.employers.tests.factories import CompanyFactory

    small = CompanyFactory(region=cast.region_a, name="Bengkel Kecil")
    large = CompanyFactory(region=cast.region_a, name="Konveksi Besar")
    for number in range(9):
        follow_up = FollowUpFactory(region=cast.region_a, enrolment=graduate(region=cast.region_a))
        FollowUpAnswerFactory(
            follow_up=follow_up,
            company=small if number < 2 else large,
            started_on=date(2024, 8, 1),
        )
    return small, large


@pytest.mark.django_db
def test_a_viewer_never_sees_a_small_count_tied_to_a_named_company(client, cast, hires):
    client.force_login(cast.viewer)
    body = client.get(
        "/api/outcomes/indicators?year_from=2024&year_to=2024&dimension=company"
    ).json()
    assert body["protected"] is True
    rows = {row["label"]: row for row in body["rows"]}
    assert rows["Bengkel Kecil"]["graduates"] is None
    assert rows["Bengkel Kecil"]["absorption"]["percent"] is None
    # And the other company's count, which with the total would give the two, is withheld.
    assert rows["Konveksi Besar"]["graduates"] is None or body["total"]["graduates"] is None
    page = client.get("/capaian/?year_from=2024&year_to=2024&dimension=company").content
    assert "Bengkel Kecil" in page.decode()
    assert 'class="withheld"' in page.decode()


@pytest.mark.django_db
def test_office_staff_of_the_region_still_see_exact_counts(client, cast, hires):
    client.force_login(cast.staff_a)
    body = client.get(
        "/api/outcomes/indicators?year_from=2024&year_to=2024&dimension=company"
    ).json()
    assert body["protected"] is False
    rows = {row["label"]: row for row in body["rows"]}
    assert rows["Bengkel Kecil"]["graduates"] == 2


@pytest.mark.django_db
def test_the_viewer_s_spreadsheet_withholds_the_same_figures(client, cast, hires):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(cast.viewer)
    response = client.get("/capaian/?year_from=2024&year_to=2024&dimension=company&format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).worksheets[1]
    small = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Bengkel Kecil")
    assert small[1] == disclosure.SYMBOL


# --- the tables, without a database ----------------------------------------------------------


def _table(dimension, rows):
    built = [
        Row(key=i, label=f"g{i}", graduates=g, answered=a, absorbed=b, self_employed=0)
        for i, (g, a, b) in enumerate(rows)
    ]
    total = Row(key=None, label="Jumlah")
    for row in built:
        total.graduates += row.graduates
        total.answered += row.answered
        total.absorbed += row.absorbed
    return Table(Definition(), dimension, built, total)


def test_a_withheld_group_has_every_figure_withheld():
    (table,) = disclosure.shown_tables(
        [_table(Dimension.SEX, [(3, 0, 0), (8, 6, 5), (9, 9, 7)])],
        protect=True,
        with_waiting=False,
    )
    assert table.rows[0].answered is None and table.rows[0].absorbed is None
    assert table.rows[0].absorption.withheld


def test_exact_tables_withhold_nothing():
    (table,) = disclosure.shown_tables(
        [_table(Dimension.SEX, [(3, 1, 1), (8, 6, 5)])], protect=False
    )
    assert table.rows[0].graduates == 3 and table.rows[0].absorption.percent is not None
    assert not table.protected


def test_a_funnel_step_that_would_give_a_handful_by_subtraction_is_withheld():
    steps = [
        FunnelStep("registered", "Mendaftar", 40),
        FunnelStep("graduated", "Lulus", 38),
        FunnelStep("competent", "Kompeten", 30),
        FunnelStep("referred", "Disalurkan", 12),
        FunnelStep("absorbed", "Terserap", 10),
    ]
    shown = {step.key: step.count for step in disclosure.shown_funnel(steps, protect=True)}
    # 40 − 38 = 2 did not graduate: one of the two must be withheld.
    assert shown["registered"] is None or shown["graduated"] is None


rows_strategy = st.lists(
    st.tuples(st.integers(0, 9), st.integers(0, 9)).map(lambda p: (max(p), min(p))),
    min_size=1,
    max_size=3,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows_strategy, st.integers(min_value=1, max_value=3))
def test_two_breakdowns_of_random_graduates_never_reveal_a_withheld_count(rows, cut):
    """The same graduates broken down two ways (the first rows, then regrouped); the
    attacker knows every shown count and that each breakdown adds up to the total."""
    first = [(g, 0, a) for g, a in rows]
    merged = first[:cut]
    rest = first[cut:]
    if rest:
        merged.append(tuple(map(sum, zip(*rest, strict=True))))
    a, b = disclosure.shown_tables(
        [_table(Dimension.SEX, first), _table(Dimension.FUNDING, merged)],
        protect=True,
        with_waiting=False,
    )
    values, relations, withheld = {}, [], set()
    for measure in ("graduates", "absorbed"):
        total = ("total", measure)
        values[total] = getattr(_table(Dimension.SEX, first).total, measure)
        if getattr(a.total, measure) is None:
            withheld.add(total)
        for name, shown, source in (("a", a, first), ("b", b, merged)):
            parts = []
            for index, row in enumerate(shown.rows):
                key = (name, index, measure)
                values[key] = source[index][0 if measure == "graduates" else 2]
                if getattr(row, measure) is None:
                    withheld.add(key)
                parts.append(key)
            relations.append(Relation(total, tuple(parts)))
    assert all(key in withheld for key, value in values.items() if is_small(value))
    assert recoverable(values, relations, withheld) == []


@pytest.mark.django_db
def test_the_viewer_home_withholds_a_small_year_and_what_would_give_it(cast):
    from jejaring.regions.models import Region
    from jejaring.training.home import viewer_home_figures

    for _ in range(7):
        graduate(region=cast.region_a)
    for _ in range(3):
        graduate(region=cast.region_a, graduated_on=date(2023, 6, 1))
    figures = viewer_home_figures(
        regions=Region.objects.filter(pk=cast.region_a.pk), years=range(2022, 2025)
    )
    ((_region, counts),) = figures["table"]
    # 2022: 0 is shown; 2023 (3) is withheld, and 2024 with it: the dashboard shows the
    # region's total of ten for these years.
    assert counts == [0, None, None]

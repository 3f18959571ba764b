"""Each indicator's definition, on a small cohort whose figures are known by hand."""

from datetime import date

import pytest

from jejaring.enterprise import indicators
from jejaring.enterprise.models import (
    Business,
    BusinessFollowUp,
    BusinessFollowUpAnswer,
    GrantProposal,
)
from jejaring.enterprise.tests.factories import BusinessFactory, GrantRuleFactory, GroupFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def _graduates(region, count, year):
    batch = BatchFactory(program__institution__region=region)
    return [
        EnrolmentFactory(
            batch=batch, status=Enrolment.Status.GRADUATED, graduated_on=date(year, 6, 30)
        )
        for _ in range(count)
    ]


def _business(enrolment, *, started=True, workers=0, stage="operating", answers=None):
    business = BusinessFactory(
        region=enrolment.region,
        person=enrolment.person,
        enrolment=enrolment,
        stage=stage if started else "idea",
        started_on=date(enrolment.graduated_on.year, 9, 1) if started else None,
        workers=workers,
    )
    for months, operating in (answers or {}).items():
        point = BusinessFollowUp.objects.create(
            region=business.region, business=business, months_after=months, due_on=date(2030, 1, 1)
        )
        BusinessFollowUpAnswer.objects.create(
            follow_up=point, operating=False, revenue_band="none", source="staff", is_current=False
        )
        BusinessFollowUpAnswer.objects.create(
            follow_up=point, operating=operating, revenue_band="lt1", source="link"
        )
    return business


@pytest.fixture
def cohort(cast):
    """2024: 10 graduates; 4 started a business (one person twice counts once), 1 only an
    idea; at 12 months 3 answered, 2 still operating; at 24 months 2 answered, 1 operating;
    operating businesses employ 3 + 2 workers (a closed one's 7 do not count)."""
    grads = _graduates(cast.region_a, 10, 2024)
    _business(grads[0], workers=3, answers={12: True, 24: True})
    _business(grads[1], workers=2, answers={12: True, 24: False}, stage="closed")
    _business(grads[2], answers={12: False})
    _business(grads[3], workers=7, stage="closed")
    _business(grads[0], workers=0)
    _business(grads[4], started=False)
    _graduates(cast.region_a, 6, 2025)
    _business(_graduates(cast.region_b, 1, 2024)[0], workers=50, answers={12: True})
    return grads


def _row(cast, year=2024):
    table = indicators.cohort_table(region_ids=[cast.region_a.pk], year_from=2024, year_to=2025)
    return next(row for row in table.rows if row.year == year), table


def test_businesses_started_counts_graduates_once_over_the_cohort(cast, cohort):
    row, _table = _row(cast)
    assert (row.counts["started"], row.counts["graduates"]) == (4, 10)
    assert row.started_percent == 40


def test_survival_counts_current_answers_only_over_those_who_answered(cast, cohort):
    row, _table = _row(cast)
    assert (row.counts["operating_12"], row.counts["answered_12"]) == (2, 3)
    assert (row.counts["operating_24"], row.counts["answered_24"]) == (1, 2)
    assert row.survival_24_percent == 50


def test_jobs_created_are_workers_of_businesses_that_operate(cast, cohort):
    row, table = _row(cast)
    assert row.counts["jobs"] == 3
    assert table.total.counts["graduates"] == 16


def test_grants_disbursed_and_accounted_for_in_the_year_of_disbursement(cast):
    rule = GrantRuleFactory(region=cast.region_a)
    for status, day in (
        ("accounted", date(2024, 3, 1)),
        ("reported", date(2024, 5, 1)),
        ("disbursed", date(2024, 8, 1)),
        ("selected", None),
        ("accounted", date(2025, 1, 2)),
    ):
        GrantProposal.objects.create(
            region=cast.region_a,
            group=GroupFactory(region=cast.region_a),
            scheme=rule.scheme,
            rule=rule,
            proposed_on=date(2024, 1, 1),
            business_plan="x",
            status=status,
            disbursed_on=day,
            disbursed_amount=20_000_000 if day else None,
        )
    row, _table = _row(cast)
    assert (row.counts["grants_accounted"], row.counts["grants_disbursed"]) == (1, 3)
    assert row.grants_amount == 60_000_000


def test_outsiders_see_small_counts_withheld_and_nothing_that_reveals_them(cast, cohort):
    _row_exact, table = _row(cast)
    shown = indicators.protected(table)
    row_2024 = next(row for row in shown.rows if row.year == 2024)
    assert row_2024.counts["graduates"] == 10
    assert row_2024.counts["started"] is None  # 4 is a handful
    assert row_2024.counts["jobs"] is None  # the businesses behind it are withheld
    assert row_2024.counts["operating_12"] is None and row_2024.counts["answered_12"] is None
    assert shown.total.counts["started"] is None  # total − the other years would reveal it
    assert row_2024.started_percent is None


def test_drill_down_lists_the_businesses_behind_a_figure(cast, cohort):
    found = indicators.drill_down(region_ids=[cast.region_a.pk], year=2024, measure="operating_12")
    assert {b.person_id for b in found} == {cohort[0].person_id, cohort[1].person_id}
    assert all(isinstance(b, Business) for b in found)

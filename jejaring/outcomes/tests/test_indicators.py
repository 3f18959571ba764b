"""Indicators come from the records, under the definition shown beside them."""

from datetime import date

import pytest

from jejaring.outcomes import maths, summaries
from jejaring.outcomes.indicators import (
    Definition,
    Dimension,
    Filters,
    Measure,
    graduate_ids,
    graduate_table,
)
from jejaring.outcomes.models import FollowUpAnswer
from jejaring.outcomes.tests.factories import FollowUpAnswerFactory, FollowUpFactory, graduate

pytestmark = pytest.mark.django_db

GRADUATED = date(2024, 6, 28)


def answered(enrolment, status, started_on=None, months_after=6, **extra):
    follow_up = FollowUpFactory(
        region=enrolment.region,
        enrolment=enrolment,
        months_after=months_after,
        due_on=date(2025, 6, 28),
    )
    return FollowUpAnswerFactory(
        follow_up=follow_up,
        status=status,
        started_on=started_on,
        employer_name="Toko" if status == "employed" else "",
        **extra,
    )


@pytest.fixture
def cohort(cast):
    """Six 2024 graduates of region A: employed within the window, employed too late,
    interning, self-employed, not working, and one who never answered; plus one region-B
    graduate who must never be counted for region A."""
    region = cast.region_a
    people = {
        name: graduate(region=region, graduated_on=GRADUATED)
        for name in ("hired", "late", "intern", "business", "idle", "silent")
    }
    answered(people["hired"], "employed", date(2024, 9, 2))
    answered(people["late"], "employed", date(2025, 7, 1), months_after=12)
    answered(people["intern"], "internship", date(2024, 8, 1))
    answered(people["business"], "self_employed", date(2024, 10, 1), business_kind="Jahit")
    answered(people["idle"], "not_working")
    answered(people["silent"], "unknown")
    outsider = graduate(region=cast.region_b, graduated_on=GRADUATED)
    answered(outsider, "employed", date(2024, 7, 1))
    return people


def filters(cast, **kwargs):
    return Filters(region_ids=frozenset({cast.region_a.pk}), year_from=2024, year_to=2024, **kwargs)


def test_absorption_counts_employment_within_the_window_over_all_graduates(cast, cohort):
    total = graduate_table(filters=filters(cast), definition=Definition()).total
    assert (total.graduates, total.absorbed) == (6, 1)
    assert (total.answered, total.self_employed) == (5, 1)
    assert str(total.absorption.percent) == "16.7"
    assert str(total.absorption_of_answered.percent) == "20.0"


def test_an_unknown_answer_is_not_counted_as_not_working_nor_as_answered(cast, cohort):
    total = graduate_table(filters=filters(cast), definition=Definition()).total
    assert total.response.numerator == 5
    assert total.response.denominator == 6


def test_the_definition_decides_whether_internship_and_self_employment_count(cast, cohort):
    broad = Definition(internship_counts_as_absorbed=True, self_employment_counts_as_absorbed=True)
    assert graduate_table(filters=filters(cast), definition=broad).total.absorbed == 3
    longer = Definition(window_months=13)
    assert graduate_table(filters=filters(cast), definition=longer).total.absorbed == 2


def test_the_window_ends_on_the_same_day_months_later(cast):
    region = cast.region_a
    on_time = graduate(region=region, graduated_on=date(2024, 1, 31))
    answered(on_time, "employed", date(2025, 1, 31))
    a_day_late = graduate(region=region, graduated_on=date(2024, 1, 31))
    answered(a_day_late, "employed", date(2025, 2, 1))
    total = graduate_table(filters=filters(cast), definition=Definition()).total
    assert (total.graduates, total.absorbed) == (2, 1)


def test_waiting_time_and_median_days_to_the_first_job(cast, cohort):
    total = graduate_table(filters=filters(cast), definition=Definition()).total
    # First jobs (employed only): 2 Sep 2024 (66 days) and 1 Jul 2025 (368 days).
    assert total.with_job == 2
    assert total.waiting == {"<=3": 1, "4-6": 0, "7-12": 0, ">12": 1}
    assert total.median_days_to_first_job == (66 + 368) / 2


def test_only_the_current_answer_counts(cast):
    enrolment = graduate(region=cast.region_a, graduated_on=GRADUATED)
    first = answered(enrolment, "employed", date(2024, 8, 1))
    first.is_current = False
    first.save()
    FollowUpAnswer.objects.create(
        follow_up=first.follow_up, status="not_working", source="phone", is_current=True
    )
    summaries.refresh(enrolment_ids=[enrolment.pk])
    total = graduate_table(filters=filters(cast), definition=Definition()).total
    assert (total.graduates, total.absorbed, total.answered) == (1, 0, 1)


def test_groups_by_sex_and_institution_add_up_to_the_total(cast, cohort):
    total = graduate_table(filters=filters(cast), definition=Definition()).total
    for dimension in (Dimension.SEX, Dimension.INSTITUTION, Dimension.AGE_BAND):
        table = graduate_table(filters=filters(cast), definition=Definition(), dimension=dimension)
        assert sum(row.graduates for row in table.rows) == total.graduates
        assert sum(row.absorbed for row in table.rows) == total.absorbed


def test_drill_down_lists_exactly_the_people_in_the_numerator_and_denominator(cast, cohort):
    count, ids = graduate_ids(
        filters=filters(cast), definition=Definition(), measure=Measure.ABSORBED, key=2024
    )
    assert (count, ids) == (1, [cohort["hired"].pk])
    count, ids = graduate_ids(
        filters=filters(cast), definition=Definition(), measure=Measure.GRADUATES, key=2024
    )
    assert count == 6 and set(ids) == {e.pk for e in cohort.values()}


def test_another_region_is_never_counted(cast, cohort):
    only_b = Filters(region_ids=frozenset({cast.region_b.pk}), year_from=2024, year_to=2024)
    total = graduate_table(filters=only_b, definition=Definition()).total
    assert (total.graduates, total.absorbed) == (1, 1)


def test_absorbed_graduates_group_by_the_company_of_their_first_job(cast):
    region = cast.region_a
    hired = graduate(region=region, graduated_on=GRADUATED)
    answered(hired, "employed", date(2024, 9, 2), company=cast.company_a)
    elsewhere = graduate(region=region, graduated_on=GRADUATED)
    answered(elsewhere, "employed", date(2024, 9, 2))
    table = graduate_table(
        filters=filters(cast), definition=Definition(), dimension=Dimension.COMPANY
    )
    by_label = {row.label: (row.graduates, row.absorbed) for row in table.rows}
    assert by_label == {cast.company_a.name: (1, 1), "(tanpa)": (1, 1)}
    _count, ids = graduate_ids(
        filters=filters(cast),
        definition=Definition(),
        measure=Measure.ABSORBED,
        dimension=Dimension.COMPANY,
        key="kosong",
    )
    assert ids == [elsewhere.pk]


def test_graduates_fall_into_age_bands_by_their_age_on_graduation_day(cast):
    from jejaring.trainees.tests.factories import PersonFactory

    # Ages on 28 June 2024: 19 (20 tomorrow), 20 (birthday today), 24, 25, 39, 40.
    births = [
        date(2004, 6, 29),
        date(2004, 6, 28),
        date(1999, 6, 29),
        date(1999, 6, 28),
        date(1984, 6, 29),
        date(1984, 6, 28),
    ]
    for birth in births:
        person = PersonFactory(region=cast.region_a, birth_date=birth)
        graduate(region=cast.region_a, person=person, graduated_on=GRADUATED)
    table = graduate_table(
        filters=filters(cast), definition=Definition(), dimension=Dimension.AGE_BAND
    )
    assert {row.key: row.graduates for row in table.rows} == {
        "<20": 1,
        "20-24": 2,
        "25-29": 1,
        "30-39": 1,
        ">=40": 1,
    }


@pytest.mark.parametrize(
    ("graduated_on", "employed_on"),
    [
        (date(2024, 1, 31), date(2025, 1, 31)),  # exactly twelve months: counted
        (date(2024, 1, 31), date(2025, 2, 1)),  # a day later: not counted
        (date(2024, 2, 29), date(2025, 2, 28)),  # from a leap day: twelve months end on 28 Feb
        (date(2024, 2, 29), date(2025, 3, 1)),
        (date(2024, 3, 31), date(2024, 4, 30)),  # within a month: counted
        (date(2024, 8, 31), date(2024, 6, 1)),  # a job held before graduating counts
    ],
)
def test_the_database_counts_the_window_by_calendar_months_like_the_maths(
    cast, graduated_on, employed_on
):
    enrolment = graduate(region=cast.region_a, graduated_on=graduated_on)
    answered(enrolment, "employed", employed_on, months_after=12)
    summaries.refresh(enrolment_ids=[enrolment.pk])
    total = graduate_table(filters=filters(cast), definition=Definition()).total
    expected = maths.within_months(graduated_on, employed_on, Definition().window_months)
    assert total.graduates == 1
    assert total.absorbed == int(expected)

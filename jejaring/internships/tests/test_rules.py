from datetime import date
from decimal import Decimal

import pytest

from jejaring.core.errors import NotFound, ValidationError
from jejaring.internships.models import InternshipRuleSet
from jejaring.internships.rules import check_internship_period, internship_rules_on

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 23)


def _rules(valid_from: date = date(2020, 1, 1), **overrides: object) -> InternshipRuleSet:
    values: dict[str, object] = {
        "legal_basis": "Permenaker 6/2020",
        "max_intern_pct_of_workforce": Decimal("20.00"),
        "max_duration_months": 12,
        "theory_min_pct": 10,
        "theory_max_pct": 25,
        "min_age": 17,
        "parental_consent_below_age": 18,
        "decision_working_days": 3,
    }
    values.update(overrides)
    rules, _created = InternshipRuleSet.objects.update_or_create(
        valid_from=valid_from, defaults=values
    )
    return rules


def test_the_data_migration_seeds_the_permenaker_6_2020_rules():
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    # The seed runs against the models as they were at that migration.
    seeded_at = ("employers", "0003_seed_permenaker_6_2020")
    apps = MigrationLoader(connection).project_state(seeded_at).apps
    InternshipRuleSet.objects.all().delete()
    import_module("jejaring.employers.migrations.0003_seed_permenaker_6_2020").seed(apps, None)
    rules = internship_rules_on(DAY)
    assert rules.legal_basis == "Permenaker 6/2020" and rules.valid_from == date(2020, 1, 1)
    assert rules.max_intern_pct_of_workforce == Decimal("20.00") and rules.min_age == 17
    assert rules.decision_working_days == 3 and rules.max_duration_months == 12


def test_the_rule_set_in_force_is_the_latest_valid_on_the_day():
    old = _rules(date(2020, 1, 1))
    new = _rules(date(2027, 1, 1), min_age=18, parental_consent_below_age=19)
    assert internship_rules_on(DAY) == old
    assert internship_rules_on(date(2027, 1, 1)) == new


def test_without_a_rule_set_in_force_a_clear_error_is_raised():
    _rules(date(2030, 1, 1))
    with pytest.raises(NotFound) as raised:
        internship_rules_on(date(2019, 12, 31))
    assert raised.value.code == "internship_rules_missing"


def test_the_decision_deadline_skips_the_weekend_and_a_holiday():
    from jejaring.regions.calendar import add_working_days
    from jejaring.regions.models import Holiday
    from jejaring.regions.tests.factories import RegionFactory

    region = RegionFactory()
    Holiday.objects.create(date=date(2026, 11, 30), name="Libur")
    # Thursday 26 November + 3 working days: Fri 27, (weekend, holiday Mon 30), Tue 1, Wed 2.
    assert add_working_days(date(2026, 11, 26), 3, region_id=region.pk) == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("start", "end", "code"),
    [
        (date(2027, 1, 15), date(2027, 1, 15), "invalid_dates"),
        (date(2027, 1, 15), date(2027, 1, 14), "invalid_dates"),
        (date(2027, 1, 15), date(2028, 1, 15), "internship_too_long"),
        (date(2027, 1, 31), date(2028, 1, 31), "internship_too_long"),
    ],
)
def test_an_internship_period_ends_after_it_starts_and_lasts_at_most_the_rules_months(
    start, end, code
):
    with pytest.raises(ValidationError) as raised:
        check_internship_period(starts_on=start, ends_on=end)
    assert raised.value.code == code


def test_an_internship_ending_the_day_before_its_anniversary_lasts_twelve_months():
    check_internship_period(starts_on=date(2027, 1, 15), ends_on=date(2028, 1, 14))
    check_internship_period(starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31))

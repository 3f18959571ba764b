from datetime import date
from decimal import Decimal

import pytest

from jejaring.core.errors import NotFound
from jejaring.employers.models import Formation
from jejaring.employers.rules import internship_rule_problems, internship_rules_on
from jejaring.employers.tests.factories import FormationFactory
from jejaring.internships.models import InternshipRuleSet
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.trainees.tests.factories import PersonFactory

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


def test_an_adult_with_no_earlier_internship_meets_the_rules():
    _rules()
    formation = FormationFactory(kind=Formation.Kind.INTERNSHIP)
    person = PersonFactory(region=formation.region, birth_date=date(2000, 5, 1))
    assert internship_rule_problems(person=person, formation=formation, on=DAY) == []


def test_a_sixteen_year_old_is_under_the_minimum_age():
    _rules()
    formation = FormationFactory(kind=Formation.Kind.INTERNSHIP)
    person = PersonFactory(region=formation.region, birth_date=date(2010, 1, 1))
    problems = internship_rule_problems(person=person, formation=formation, on=DAY)
    assert len(problems) == 1
    assert "di bawah usia minimal" in problems[0]


def test_a_seventeen_year_old_is_flagged_for_parental_consent():
    _rules()
    formation = FormationFactory(kind=Formation.Kind.INTERNSHIP)
    person = PersonFactory(region=formation.region, birth_date=date(2009, 11, 23))
    problems = internship_rule_problems(person=person, formation=formation, on=DAY)
    assert len(problems) == 1
    assert "izin tertulis orang tua" in problems[0]


def test_the_ages_come_from_the_rule_set_in_force():
    _rules(min_age=19, parental_consent_below_age=19)
    formation = FormationFactory(kind=Formation.Kind.INTERNSHIP)
    person = PersonFactory(region=formation.region, birth_date=date(2008, 1, 1))
    problems = internship_rule_problems(person=person, formation=formation, on=DAY)
    assert "19" in problems[0]


def test_a_second_internship_in_the_same_position_is_not_allowed():
    _rules()
    earlier = FormationFactory(kind=Formation.Kind.INTERNSHIP, title="Operator Jahit")
    later = FormationFactory(
        kind=Formation.Kind.INTERNSHIP, title="operator jahit", company=earlier.company
    )
    referral = ReferralFactory(formation=earlier, status=Referral.Status.COMPLETED)
    problems = internship_rule_problems(person=referral.person, formation=later, on=DAY)
    assert any("Pernah magang" in problem for problem in problems)


def test_a_cancelled_earlier_referral_does_not_count_as_an_internship():
    _rules()
    earlier = FormationFactory(kind=Formation.Kind.INTERNSHIP, title="Operator Jahit")
    later = FormationFactory(
        kind=Formation.Kind.INTERNSHIP, title="Operator Jahit", company=earlier.company
    )
    referral = ReferralFactory(formation=earlier, status=Referral.Status.CANCELLED)
    referral.person.birth_date = date(2000, 1, 1)
    referral.person.save()
    assert internship_rule_problems(person=referral.person, formation=later, on=DAY) == []


def test_a_job_formation_is_not_subject_to_internship_rules():
    formation = FormationFactory(kind=Formation.Kind.JOB)
    person = PersonFactory(region=formation.region, birth_date=date(2012, 1, 1))
    assert internship_rule_problems(person=person, formation=formation, on=DAY) == []


def test_the_decision_deadline_skips_the_weekend_and_a_holiday():
    from jejaring.regions.calendar import add_working_days
    from jejaring.regions.models import Holiday
    from jejaring.regions.tests.factories import RegionFactory

    region = RegionFactory()
    Holiday.objects.create(date=date(2026, 11, 30), name="Libur")
    # Thursday 26 November + 3 working days: Fri 27, (weekend, holiday Mon 30), Tue 1, Wed 2.
    assert add_working_days(date(2026, 11, 26), 3, region_id=region.pk) == date(2026, 12, 2)


def test_interns_are_capped_at_the_rule_sets_share_of_the_workforce():
    from jejaring.employers.rules import internship_seats_left

    _rules()
    formation = FormationFactory(kind=Formation.Kind.INTERNSHIP, quota=5)
    company = formation.company
    ReferralFactory(
        formation=FormationFactory(
            kind=Formation.Kind.INTERNSHIP, company=company, status=Formation.Status.CLOSED
        ),
        status=Referral.Status.STARTED,
    )
    # 20 % of 49 is 9.8: nine interns at most, less five offered and one interning.
    left = internship_seats_left(company_id=company.pk, workforce_size=49, on=DAY)
    assert left == 9 - 5 - 1

"""The internship rules that depend on referrals: age, a second internship, the cap."""

from datetime import date
from decimal import Decimal

import pytest

from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.internships.models import InternshipRuleSet
from jejaring.placement.internship_rules import internship_rule_problems
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.trainees.tests.factories import PersonFactory

DAY = date(2026, 11, 23)

pytestmark = pytest.mark.django_db


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


def test_interns_are_capped_at_the_rule_sets_share_of_the_workforce():
    from jejaring.placement.internship_rules import internship_seats_left

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

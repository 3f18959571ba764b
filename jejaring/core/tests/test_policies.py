"""Who sees what: the tenancy choke point and each role's scope."""

import pytest

from jejaring.accounts.scope import Role, scope_of
from jejaring.core.policies import policy_for, registered_models
from jejaring.employers.models import Company
from jejaring.employers.tests.factories import CompanyFactory
from jejaring.regions.models import RegionOwned
from jejaring.trainees.models import Person
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_every_region_owned_model_has_a_policy():
    from django.apps import apps

    owned = [m for m in apps.get_models() if issubclass(m, RegionOwned)]
    assert owned, "expected region-owned models"
    missing = [m.__name__ for m in owned if m not in registered_models()]
    assert missing == []


def test_office_staff_see_their_region_s_people_and_not_another_region_s(cast):
    mine = PersonFactory(region=cast.region_a)
    theirs = PersonFactory(region=cast.region_b)
    visible = set(Person.objects.for_actor(cast.staff_a))
    assert mine in visible
    assert theirs not in visible
    assert theirs in set(Person.objects.for_actor(cast.staff_b))


def test_office_staff_see_a_person_of_another_region_who_enrols_with_them(cast):
    from_kudus = PersonFactory(region=cast.region_b)
    EnrolmentFactory(
        person=from_kudus,
        batch=BatchFactory(program=ProgramFactory(institution__region=cast.region_a)),
    )
    assert from_kudus in set(Person.objects.for_actor(cast.staff_a))


def test_an_operator_sees_only_their_own_institution_s_enrolments(cast):
    own = EnrolmentFactory(batch__program__institution=cast.lpks)
    other = EnrolmentFactory(batch__program__institution__region=cast.region_a)
    visible = set(Enrolment.objects.for_actor(cast.operator))
    assert own in visible
    assert other not in visible
    assert own.person in set(Person.objects.for_actor(cast.operator))
    assert other.person not in set(Person.objects.for_actor(cast.operator))


def test_company_hr_sees_only_their_own_company(cast):
    assert list(Company.objects.for_actor(cast.hr_a)) == [cast.company_a]
    assert list(Company.objects.for_actor(cast.hr_b)) == [cast.company_b]


def test_a_trainee_sees_only_themself(cast):
    assert list(Person.objects.for_actor(cast.trainee_1)) == [cast.person_1]
    assert policy_for(Person).can(cast.trainee_1, "view", cast.person_1)
    assert not policy_for(Person).can(cast.trainee_1, "view", cast.person_2)


def test_a_viewer_sees_no_individual_records(cast):
    PersonFactory(region=cast.region_a)
    assert Person.objects.for_actor(cast.viewer).count() == 0
    assert scope_of(cast.viewer).viewer_region_ids == {cast.region_a.pk, cast.region_b.pk}


def test_anonymous_visitors_see_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    PersonFactory(region=cast.region_a)
    assert Person.objects.for_actor(AnonymousUser()).count() == 0
    assert Company.objects.for_actor(None).count() == 0


def test_an_inactive_membership_gives_no_access(cast):
    cast.staff_a.memberships.update(is_active=False)
    PersonFactory(region=cast.region_a)
    assert Role.OFFICE_STAFF not in scope_of(cast.staff_a).roles
    assert Person.objects.for_actor(cast.staff_a).count() == 0


def test_company_hr_cannot_change_another_company(cast):
    policy = policy_for(Company)
    assert policy.can(cast.hr_a, "change", cast.company_a)
    assert not policy.can(cast.hr_a, "change", cast.company_b)
    assert not policy.can(cast.hr_a, "change", CompanyFactory(region=cast.region_b))


def test_the_office_action_is_office_staff_of_the_record_s_own_region_only(cast):
    from jejaring.core.policies import OFFICE

    mine = PersonFactory(region=cast.region_a)
    EnrolmentFactory(
        person=mine, batch=BatchFactory(program=ProgramFactory(institution__region=cast.region_b))
    )
    policy = policy_for(Person)
    assert policy.can(cast.staff_a, OFFICE, mine)
    # Kudus's staff may see the person (they enrolled there) but do not decide for her.
    assert not policy.can(cast.staff_b, OFFICE, mine)
    assert not policy.can(cast.operator, OFFICE, mine)
    assert not policy.can(cast.trainee_1, OFFICE, cast.person_1)
    assert list(policy.permitted(cast.staff_a, OFFICE).filter(pk=mine.pk)) == [mine]
    assert not policy.permitted(cast.staff_b, OFFICE).filter(pk=mine.pk).exists()
    assert policy.can_any(cast.staff_b, OFFICE)
    assert not policy.can_any(cast.operator, OFFICE)


def test_the_office_action_on_a_region_is_its_own_office(cast):
    from jejaring.core.policies import OFFICE
    from jejaring.regions.models import Region

    policy = policy_for(Region)
    assert policy.can(cast.staff_a, OFFICE, cast.region_a)
    assert not policy.can(cast.staff_a, OFFICE, cast.region_b)
    assert list(policy.permitted(cast.staff_b, OFFICE)) == [cast.region_b]

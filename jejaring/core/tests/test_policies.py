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

import pytest
from django.core.exceptions import ValidationError

from jejaring.accounts.models import Membership
from jejaring.accounts.scope import Role, scope_of
from jejaring.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_scoped_role_s_target_is_what_scopes_the_account(cast):
    scope = scope_of(cast.operator)
    assert scope.institution_ids == {cast.lpks.pk}
    assert scope_of(cast.hr_a).company_ids == {cast.company_a.pk}
    assert scope_of(cast.assessor_user).assessor_ids == {cast.assessor.pk}


def test_a_membership_whose_target_does_not_fit_its_role_is_refused(cast):
    with pytest.raises(ValidationError):
        Membership.objects.create(
            user=UserFactory(), region=cast.region_a, role=Role.OPERATOR, target=cast.company_a
        )
    assert not Membership.objects.filter(role=Role.OPERATOR, company=cast.company_a).exists()


def test_a_scoped_role_without_a_target_is_refused(cast):
    with pytest.raises(ValidationError):
        Membership.objects.create(user=UserFactory(), region=cast.region_a, role=Role.COMPANY_HR)


def test_a_company_s_hr_accounts_are_found_from_the_company_and_go_with_it(cast):
    user = UserFactory()
    MembershipFactory(user=user, region=cast.region_a, role=Role.COMPANY_HR, company=cast.company_b)
    assert list(
        Membership.objects.filter(company=cast.company_b).values_list("user", flat=True)
    ) == [*cast.company_b.memberships.values_list("user", flat=True)]
    assert cast.company_b.memberships.filter(user=user).exists()
    cast.company_b.delete()
    assert not Membership.objects.filter(user=user).exists()

"""Office staff see a round's results before they are published only in their own
region: a trainee who is office staff elsewhere waits for publication like everyone."""

import pytest

from jejaring.accounts.scope import Role, forget_scope
from jejaring.accounts.tests.factories import MembershipFactory
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement import selectors, services
from jejaring.placement.models import AllocationRound
from jejaring.placement.tests.factories import graduate
from jejaring.training.tests.factories import VocationFactory

pytestmark = pytest.mark.django_db


def test_a_trainee_who_is_staff_elsewhere_sees_no_result_before_it_is_published(cast):
    garment = VocationFactory(code="menjahit", name="Menjahit")
    formation = FormationFactory(company=cast.company_a, quota=1, accepts_all_vocations=False)
    formation.vocations.add(garment)
    graduate(region=cast.region_a, vocation=garment, person=cast.person_1)
    rnd = services.round_create(
        actor=cast.staff_a, region=cast.region_a, name="Tahap I", formation_ids=[formation.pk]
    )
    application = services.application_submit(
        actor=cast.trainee_1, rnd=rnd, formation_ids=[formation.pk]
    )
    services.round_close(actor=cast.staff_a, rnd=rnd)
    services.round_allocate(actor=cast.staff_a, rnd=rnd)
    application.refresh_from_db()
    assert application.round.status == AllocationRound.Status.ALLOCATED
    MembershipFactory(user=cast.trainee_1, region=cast.region_b, role=Role.OFFICE_STAFF)
    forget_scope(cast.trainee_1)
    assert not selectors.may_see_result(actor=cast.trainee_1, application=application)
    assert selectors.may_see_result(actor=cast.staff_a, application=application)

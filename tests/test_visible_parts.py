"""`for_actor_parts` splits `for_actor` into branches a list reads one by one (issue 16):
for every policy and every role, the union of the parts is exactly what `for_actor` lets
the actor see, and a person list paged through its parts lists everyone once, in order."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jejaring.accounts.tests.factories import MembershipFactory
from jejaring.core.policies import registered_models
from jejaring.core.scope import Role
from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.models import Person
from jejaring.trainees.selectors import person_page_for
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def _actors(cast):
    return [
        cast.staff_a,
        cast.staff_b,
        cast.operator,
        cast.viewer,
        cast.hr_a,
        cast.trainee_1,
        cast.assessor_user,
    ]


def _people_of_two_regions_and_visitors(cast):
    for region in (cast.region_a, cast.region_b):
        PersonFactory.create_batch(8, region=region)
    batch = BatchFactory(program=ProgramFactory(institution__region=cast.region_a))
    for visitor in PersonFactory.create_batch(3, region=RegionFactory(code="33.20")):
        EnrolmentFactory(batch=batch, person=visitor)


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_the_parts_of_every_scope_add_up_to_what_the_actor_sees(cast, model):
    _people_of_two_regions_and_visitors(cast)
    for actor in _actors(cast):
        parts = model.objects.for_actor_parts(actor)
        from_parts = {pk for part in parts for pk in part.values_list("pk", flat=True)}
        assert from_parts == set(model.objects.for_actor(actor).values_list("pk", flat=True))


def test_staff_of_two_regions_page_through_everyone_once_in_name_order(client, cast):
    _people_of_two_regions_and_visitors(cast)
    MembershipFactory(user=cast.staff_a, region=cast.region_b, role=Role.OFFICE_STAFF)
    expected = list(Person.objects.for_actor(cast.staff_a).order_by("full_name", "id"))
    assert len(expected) > 20
    client.force_login(cast.staff_a)
    seen: list[str] = []
    url = reverse("trainees:person_list")
    params: dict[str, str] = {}
    for _ in range(20):
        page = person_page_for(actor=cast.staff_a, cursor=params.get("cursor"), size=7)
        seen += [person.full_name for person in page]
        html = client.get(url, params).content.decode()
        assert re.search(r"(\d+) data", html).group(1) == str(len(expected))
        if not page.next_cursor:
            break
        params = {"cursor": page.next_cursor}
    assert seen == [person.full_name for person in expected]

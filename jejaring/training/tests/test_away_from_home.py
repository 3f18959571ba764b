"""The office sees a person of another region through an enrolment with it: which
enrolments are "away from home" is kept in step with the person's home region (issue 16:
the person list reads only those enrolments, from a small partial index)."""

from __future__ import annotations

import pytest

from jejaring.trainees.models import Person
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def _batch_in(region):
    return BatchFactory(program=ProgramFactory(institution__region=region))


def _sees(actor, person) -> bool:
    return Person.objects.for_actor(actor).filter(pk=person.pk).exists()


def test_an_enrolment_with_an_office_away_from_home_lets_that_office_see_the_person(cast):
    visitor = PersonFactory(region=cast.region_b)
    at_home = EnrolmentFactory(batch=_batch_in(cast.region_b))
    away = EnrolmentFactory(batch=_batch_in(cast.region_a), person=visitor)
    assert (at_home.away_from_home, away.away_from_home) == (False, True)
    assert _sees(cast.staff_a, visitor)
    assert not _sees(cast.staff_a, at_home.person)


def test_an_unconfirmed_enrolment_away_from_home_shows_nobody(cast):
    visitor = PersonFactory(region=cast.region_b)
    EnrolmentFactory(
        batch=_batch_in(cast.region_a), person=visitor, identity=Enrolment.Identity.UNVERIFIED
    )
    assert not _sees(cast.staff_a, visitor)


def test_an_office_keeps_seeing_a_person_who_enrolled_there_and_then_moved_away(cast):
    enrolment = EnrolmentFactory(batch=_batch_in(cast.region_a))
    person = enrolment.person
    assert person.region == cast.region_a and not enrolment.away_from_home
    person.region = cast.region_b
    person.save()
    enrolment.refresh_from_db()
    assert enrolment.away_from_home
    assert _sees(cast.staff_a, person) and _sees(cast.staff_b, person)


def test_a_person_who_moves_to_the_office_they_enrolled_with_is_at_home_there(cast):
    visitor = PersonFactory(region=cast.region_b)
    enrolment = EnrolmentFactory(batch=_batch_in(cast.region_a), person=visitor)
    loaded = Person.objects.get(pk=visitor.pk)
    loaded.region = cast.region_a
    loaded.save(update_fields=["region"])
    enrolment.refresh_from_db()
    assert not enrolment.away_from_home
    assert _sees(cast.staff_a, visitor)
    assert not _sees(cast.staff_b, visitor)

from datetime import timedelta

import factory
from django.utils import timezone

from jejaring.jobseekers.models import CardStatus, Channel, JobSeekerCard
from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.models import Education
from jejaring.trainees.tests.factories import PersonFactory


class CardFactory(factory.django.DjangoModelFactory):
    """A registration waiting for the office's document check."""

    class Meta:
        model = JobSeekerCard

    region = factory.SubFactory(RegionFactory)
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..region"))
    status = CardStatus.SUBMITTED
    channel = Channel.COUNTER
    education = Education.SMK
    occupation_title = "Penjahit"
    occupation_code = "7531"
    wanted_location = "Kota Pekalongan"


class IssuedCardFactory(CardFactory):
    status = CardStatus.ACTIVE
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"9999-{o.year}-{o.sequence:06d}")
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    period_start = factory.SelfAttribute("issued_on")
    valid_until = factory.LazyAttribute(lambda o: o.issued_on + timedelta(days=730))

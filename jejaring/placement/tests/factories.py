import factory

from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.models import Referral
from jejaring.trainees.tests.factories import PersonFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    formation = factory.SubFactory(FormationFactory)
    company = factory.SelfAttribute("formation.company")
    region = factory.SelfAttribute("formation.region")
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..region"))

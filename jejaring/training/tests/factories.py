from datetime import date

import factory

from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import (
    Batch,
    Enrolment,
    FundingSource,
    Program,
    TrainingInstitution,
    Vocation,
)


class VocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vocation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"kejuruan-{n}")
    name = factory.Sequence(lambda n: f"Kejuruan {n}")


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingInstitution

    region = factory.SubFactory(RegionFactory)
    kind = TrainingInstitution.Kind.BLK
    name = factory.Sequence(lambda n: f"Balai Latihan Kerja {n}")


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    institution = factory.SubFactory(InstitutionFactory)
    region = factory.SelfAttribute("institution.region")
    vocation = factory.SubFactory(VocationFactory)
    code = factory.Sequence(lambda n: f"PRG-{n}")
    name = factory.Sequence(lambda n: f"Program {n}")
    hours_jp = 240
    duration_days = 28
    default_capacity = 16


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    program = factory.SubFactory(ProgramFactory)
    institution = factory.SelfAttribute("program.institution")
    region = factory.SelfAttribute("program.region")
    code = factory.Sequence(lambda n: f"PKT-{n}")
    name = factory.Sequence(lambda n: f"Paket {n}")
    year = 2026
    funding_source = FundingSource.APBD
    capacity = 16
    start_date = date(2026, 3, 2)
    end_date = date(2026, 4, 10)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    batch = factory.SubFactory(BatchFactory)
    institution = factory.SelfAttribute("batch.institution")
    region = factory.SelfAttribute("batch.region")
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..region"))
    source = Enrolment.Source.OPERATOR
    identity = Enrolment.Identity.CONFIRMED

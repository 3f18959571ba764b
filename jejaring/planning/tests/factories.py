from typing import Any

import factory

from jejaring.planning.models import (
    CoordinationMeeting,
    FundingEnvelope,
    IndustryNeed,
    InstructorNeed,
    PlanLine,
    TrainingPlan,
)
from jejaring.regions.tests.factories import RegionFactory
from jejaring.training.models import FundingSource
from jejaring.training.tests.factories import VocationFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoordinationMeeting

    region = factory.SubFactory(RegionFactory)
    held_on = factory.Faker("date_between", start_date="-1y", end_date="today")
    title = factory.Sequence(lambda n: f"Rapat koordinasi {n}")


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndustryNeed

    region = factory.SubFactory(RegionFactory)
    description = factory.Sequence(lambda n: f"Operator produksi {n}")
    quantity = 3
    kind = IndustryNeed.Kind.JOB


class EnvelopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingEnvelope

    region = factory.SubFactory(RegionFactory)
    year = 2027
    funding_source = FundingSource.DBHCHT
    amount = 1_000_000_000


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingPlan

    region = factory.SubFactory(RegionFactory)
    year = 2027
    title = factory.Sequence(lambda n: f"Rencana Pelatihan {n}")


class PlanLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanLine

    plan = factory.SubFactory(PlanFactory)
    channel = PlanLine.Channel.BLK
    title = factory.Sequence(lambda n: f"Pelatihan {n}")
    vocation = factory.SubFactory(VocationFactory)
    packages = 2
    people_per_package = 16
    cost_per_package = 50_000_000
    funding_source = FundingSource.DBHCHT


class InstructorNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstructorNeed

    region = factory.SubFactory(RegionFactory)
    vocation = factory.SubFactory(VocationFactory)
    description = "Instruktur bersertifikat"


def another_staff(region: Any, username: str = "staf.a.kedua") -> Any:
    """A second office staff member of `region`: plans are approved by someone other than
    their submitter."""
    from jejaring.accounts.scope import Role
    from jejaring.accounts.tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username=username)
    MembershipFactory(user=user, region=region, role=Role.OFFICE_STAFF)
    return user

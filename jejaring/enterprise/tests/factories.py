from datetime import date

import factory

from jejaring.enterprise.models import (
    Business,
    BusinessKind,
    EnterpriseGroup,
    GrantRule,
    GrantScheme,
    SupportCase,
)
from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.tests.factories import PersonFactory


class GrantRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantRule
        django_get_or_create = ("region", "scheme", "valid_from")

    region = factory.SubFactory(RegionFactory)
    scheme = GrantScheme.TKM_PEMULA
    valid_from = date(2020, 1, 1)
    min_members = 3
    max_members = 10
    min_age = 17
    max_age = 55
    amount = 20_000_000
    tools_percent = 60
    tolerance_percent = 5


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business

    region = factory.SubFactory(RegionFactory)
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..region"))
    name = factory.Sequence(lambda n: f"Usaha {n}")
    kind = BusinessKind.FOOD
    place_regency_code = factory.SelfAttribute("region.code")


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseGroup

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Kelompok {n}")
    kind = BusinessKind.FOOD
    place_regency_code = factory.SelfAttribute("region.code")


class SupportCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportCase

    region = factory.SubFactory(RegionFactory)
    kind = SupportCase.Kind.MENTORING
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..region"))
    started_on = date(2026, 1, 5)

from datetime import date

import factory

from jejaring.employers.models import Agreement, Company, Formation
from jejaring.regions.tests.factories import RegionFactory


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"PT Mitra Usaha {n}")
    is_partner = True
    workforce_size = 120


class FormationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Formation

    company = factory.SubFactory(CompanyFactory)
    region = factory.SelfAttribute("company.region")
    kind = Formation.Kind.JOB
    title = factory.Sequence(lambda n: f"Formasi {n}")
    quota = 3
    accepts_all_vocations = True
    status = Formation.Status.OPEN


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    company = factory.SubFactory(CompanyFactory)
    region = factory.SelfAttribute("company.region")
    kind = Agreement.Kind.PKS
    number = factory.Sequence(lambda n: f"560/{n:03d}/PKS/2025")
    title = "Kerja sama pemagangan dan penempatan"
    valid_from = date(2025, 1, 1)
    valid_until = date(2027, 12, 31)
    status = Agreement.Status.ACTIVE

from datetime import date

import factory
from django.utils import timezone

from jejaring.employers.models import Agreement, Company, Formation
from jejaring.internships.models import InternshipProgram
from jejaring.placement.models import InternshipAgreement
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


class InternshipProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternshipProgram

    company = factory.SubFactory(CompanyFactory)
    region = factory.SelfAttribute("company.region")
    title = factory.Sequence(lambda n: f"Program Pemagangan {n}")
    description = "Praktik kerja terbimbing di unit produksi."
    facilities = "Ruang kelas, area praktik, APD."
    supervisors = "Budi Santoso (supervisor)"
    plan = "Bulan 1 teori, bulan 2–6 praktik."
    duration_months = 6
    theory_pct = 20
    status = InternshipProgram.Status.APPROVED
    submitted_at = factory.LazyFunction(timezone.now)
    decision_due_on = date(2026, 11, 26)


class InternshipFormationFactory(FormationFactory):
    kind = Formation.Kind.INTERNSHIP
    quota = 2
    internship_program = factory.SubFactory(
        InternshipProgramFactory, company=factory.SelfAttribute("..company")
    )


class InternshipAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternshipAgreement

    referral = factory.SubFactory(
        "jejaring.placement.tests.factories.ReferralFactory",
        formation=factory.SubFactory(InternshipFormationFactory),
    )
    region = factory.SelfAttribute("referral.region")
    number = factory.Sequence(lambda n: f"PM/{n:05d}/2026")
    starts_on = date(2026, 12, 1)
    ends_on = date(2027, 5, 31)
    stipend_transport = 500_000
    rights_and_duties = "Hak dan kewajiban para pihak."


def permenaker_rules():
    """The Permenaker 6/2020 rule set as data migration employers 0003 seeds it, put back if
    a test that flushes the database (the demo test) removed it."""
    from importlib import import_module

    from jejaring.internships.models import InternshipRuleSet

    class _Moved:
        """The seed asks for employers.InternshipRuleSet, which now lives in internships."""

        @staticmethod
        def get_model(app_label, model_name):
            return InternshipRuleSet

    seed = import_module("jejaring.employers.migrations.0003_seed_permenaker_6_2020").seed
    seed(_Moved, None)
    return InternshipRuleSet.objects.get(valid_from="2020-01-01")

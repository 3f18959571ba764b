from datetime import date

import factory
from django.utils import timezone

from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import CompanyFactory, FormationFactory
from jejaring.internships.models import InternshipProgram, ProgramFormation


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
    """An internship formation linked to an approved program of its company (a new one
    unless `internship_program=` names one)."""

    class Meta:
        skip_postgeneration_save = True

    kind = Formation.Kind.INTERNSHIP
    quota = 2

    @factory.post_generation
    def internship_program(obj, create, extracted, **kwargs):
        if not create:
            return
        program = extracted or InternshipProgramFactory(company=obj.company, **kwargs)
        ProgramFormation.objects.create(formation=obj, program=program)


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

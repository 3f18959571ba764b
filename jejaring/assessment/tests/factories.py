from datetime import date

import factory

from jejaring.assessment.models import (
    AssessmentSession,
    Assessor,
    Candidate,
    CertificationBody,
    CompetencyCertificate,
    Scheme,
    SessionAssessor,
    TestSite,
    TrainingCertificate,
)
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import EnrolmentFactory, VocationFactory


class LspFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationBody
        django_get_or_create = ("name",)

    name = "LSP Uji"
    kind = CertificationBody.Kind.P2


class TestSiteFactory(factory.django.DjangoModelFactory):
    __test__ = False  # a factory named Test…, not a test class for pytest to collect

    class Meta:
        model = TestSite
        django_get_or_create = ("lsp", "name")

    lsp = factory.SubFactory(LspFactory)
    name = "TUK Uji"


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    code = factory.Sequence(lambda n: f"SKM-{n}")
    name = factory.Sequence(lambda n: f"Skema {n}")
    kind = Scheme.Kind.OCCUPATION
    vocation = factory.SubFactory(VocationFactory)


class AssessorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessor

    full_name = factory.Faker("name", locale="id_ID")
    registration_number = factory.Sequence(lambda n: f"MET.000.{n:06d} 2020")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentSession
        # The hook below adds rows beside the session; the session itself needs no save.
        skip_postgeneration_save = True

    region = factory.SubFactory("jejaring.regions.tests.factories.RegionFactory")
    scheme = factory.SubFactory(SchemeFactory)
    lsp = factory.SubFactory(LspFactory)
    test_site = factory.SubFactory(TestSiteFactory)
    date = date(2026, 4, 15)

    @factory.post_generation
    def assessors(self, create, extracted, **kwargs):
        for assessor in extracted or []:
            SessionAssessor.objects.create(session=self, assessor=assessor)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    session = factory.SubFactory(SessionFactory)
    region = factory.SelfAttribute("session.region")
    enrolment = factory.SubFactory(
        EnrolmentFactory,
        batch__program__institution__region=factory.SelfAttribute(".....region"),
        status=Enrolment.Status.GRADUATED,
        graduated_on=date(2026, 4, 10),
    )
    person = factory.SelfAttribute("enrolment.person")


class TrainingCertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingCertificate

    region = factory.SubFactory("jejaring.regions.tests.factories.RegionFactory")
    enrolment = factory.SubFactory(
        EnrolmentFactory,
        batch__program__institution__region=factory.SelfAttribute(".....region"),
        status=Enrolment.Status.GRADUATED,
        graduated_on=date(2026, 4, 10),
    )
    institution = factory.SelfAttribute("enrolment.institution")
    number = factory.Sequence(lambda n: f"BLK-0/2026/{n:04d}")
    verification_token = factory.Sequence(lambda n: f"{n:032x}")
    issued_on = date(2026, 4, 13)


class CompetencyCertificateFactory(factory.django.DjangoModelFactory):
    """A BNSP competency certificate recorded for a competent candidate."""

    class Meta:
        model = CompetencyCertificate

    candidate = factory.SubFactory(CandidateFactory)
    region = factory.SelfAttribute("candidate.region")
    person = factory.SelfAttribute("candidate.person")
    scheme = factory.SelfAttribute("candidate.session.scheme")
    lsp = factory.SelfAttribute("candidate.session.lsp")
    registration_number = factory.Sequence(lambda n: f"JHT 0451 {n:07d} 2026")
    issued_on = date(2026, 4, 20)
    valid_until = date(2029, 4, 20)

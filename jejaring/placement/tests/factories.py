from datetime import date

import factory

from jejaring.employers.tests.factories import FormationFactory
from jejaring.internships.tests.factories import InternshipFormationFactory
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.trainees.tests.factories import PersonFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    formation = factory.SubFactory(FormationFactory)
    company = factory.SelfAttribute("formation.company")
    region = factory.SelfAttribute("formation.region")
    person = factory.SubFactory(PersonFactory, region=factory.SelfAttribute("..region"))


def graduate(
    *,
    region,
    vocation,
    score="80.00",
    result="K",
    tested_on=None,
    person=None,
    **person_fields,
):
    """A person who graduated from a batch and took the competency test in `vocation`."""
    from datetime import date
    from decimal import Decimal

    from jejaring.assessment.models import Candidate
    from jejaring.assessment.tests.factories import CandidateFactory
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import EnrolmentFactory

    if person is None:
        person = PersonFactory(region=region, **person_fields)
    enrolment = EnrolmentFactory(
        person=person,
        batch__program__institution__region=region,
        batch__program__vocation=vocation,
        status=Enrolment.Status.GRADUATED,
        graduated_on=date(2026, 4, 10),
    )
    CandidateFactory(
        session__region=region,
        session__scheme__vocation=vocation,
        enrolment=enrolment,
        person=person,
        status=Candidate.Status.ASSESSED,
        result=result,
        score=Decimal(score),
        assessed_on=tested_on or date(2026, 4, 15),
    )
    return person


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

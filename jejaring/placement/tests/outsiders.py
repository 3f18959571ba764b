"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py).

`referral_id` is provided by jejaring/outcomes/tests/outsiders.py (a region-B Referral).
"""

from datetime import date


def _round_of_region_b(cast):
    from jejaring.placement.models import AllocationRound

    return AllocationRound.objects.create(
        region=cast.region_b, name="Putaran Kudus", seed=7, status=AllocationRound.Status.OPEN
    ).pk


def _application_of_region_b(cast):
    from jejaring.placement.models import AllocationRound, Application
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import EnrolmentFactory

    rnd = AllocationRound.objects.create(region=cast.region_b, name="Putaran B", seed=8)
    enrolment = EnrolmentFactory(
        batch__program__institution__region=cast.region_b,
        status=Enrolment.Status.GRADUATED,
        graduated_on="2026-04-10",
    )
    return Application.objects.create(
        region=cast.region_b, round=rnd, person=enrolment.person, enrolment=enrolment
    ).pk


def _internship_agreement(cast):
    from jejaring.employers.tests.factories import CompanyFactory
    from jejaring.placement.tests.factories import InternshipAgreementFactory

    return InternshipAgreementFactory(
        referral__formation__company=CompanyFactory(region=cast.region_b),
        starts_on=date(2026, 12, 1),
    ).pk


OUTSIDERS = {
    "internship_agreement_id": _internship_agreement,
    "round_id": _round_of_region_b,
    "application_id": _application_of_region_b,
}

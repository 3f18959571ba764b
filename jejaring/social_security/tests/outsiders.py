"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py). `batch_id`
(core) and `referral_id` (outcomes) are named there already and mean the same models."""

from typing import Any


def _coverage_of_region_b(cast: Any) -> int:
    from jejaring.social_security.tests.factories import CoverageFactory
    from jejaring.training.tests.factories import BatchFactory, InstitutionFactory, ProgramFactory

    program = ProgramFactory(institution=InstitutionFactory(region=cast.region_b))
    return CoverageFactory(enrolment__batch=BatchFactory(program=program)).pk


def _incident_of_region_b(cast: Any) -> int:
    from jejaring.social_security.models import Coverage
    from jejaring.social_security.tests.factories import IncidentFactory

    coverage = Coverage.objects.get(pk=_coverage_of_region_b(cast))
    return IncidentFactory(coverage=coverage).pk


OUTSIDERS = {"coverage_id": _coverage_of_region_b, "incident_id": _incident_of_region_b}

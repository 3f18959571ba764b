"""Region-B records for the outsider-404 walk over the import and export routes."""

from typing import Any


def _batch_of_region_b(cast: Any) -> int:
    from jejaring.training.tests.factories import BatchFactory, InstitutionFactory, ProgramFactory

    institution = InstitutionFactory(region=cast.region_b)
    program = ProgramFactory(institution=institution, region=cast.region_b)
    return BatchFactory(program=program).pk


OUTSIDERS = {"batch_id": _batch_of_region_b}

"""Region-B records for the outsider-404 walk over the import and export routes."""

from typing import Any


def _batch_of_region_b(cast: Any) -> int:
    from jejaring.training.tests.factories import BatchFactory, InstitutionFactory, ProgramFactory

    institution = InstitutionFactory(region=cast.region_b)
    program = ProgramFactory(institution=institution, region=cast.region_b)
    return BatchFactory(program=program).pk


def _import_job_of_region_b(cast: Any) -> int:
    from jejaring.core.models import ImportJob

    job = ImportJob.objects.create(
        region=cast.region_b,
        kind=ImportJob.Kind.PARTICIPANTS,
        created_by=cast.staff_b,
        file="imports/peserta.csv",
        original_name="peserta.csv",
        status=ImportJob.Status.VALIDATED,
    )
    return job.pk


OUTSIDERS = {"batch_id": _batch_of_region_b, "import_job_id": _import_job_of_region_b}

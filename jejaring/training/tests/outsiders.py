"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py). `batch_id`
is provided by jejaring/core/tests/outsiders.py with the same meaning."""

from typing import Any

from django.core.files.base import ContentFile

from jejaring.training.models import (
    BatchSession,
    EnrolmentDocument,
    IdentityReview,
    Instructor,
    InstructorCredential,
)
from jejaring.training.tests.factories import (
    BatchFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgramFactory,
)


def _instructor_of_region_b(cast: Any) -> Instructor:
    return Instructor.objects.create(region=cast.region_b, full_name="Instruktur Kudus")


def _program_of_region_b(cast: Any) -> int:
    return ProgramFactory(institution=InstitutionFactory(region=cast.region_b)).pk


def _batch_of_region_b(cast: Any) -> Any:
    return BatchFactory(program__institution=InstitutionFactory(region=cast.region_b))


def _session_of_region_b(cast: Any) -> int:
    batch = _batch_of_region_b(cast)
    return BatchSession.objects.create(batch=batch, date=batch.start_date).pk


def _credential_of_region_b(cast: Any) -> int:
    instructor = _instructor_of_region_b(cast)
    return InstructorCredential.objects.create(instructor=instructor, title="Metodologi").pk


def _document_of_region_b(cast: Any) -> int:
    enrolment = EnrolmentFactory(batch=_batch_of_region_b(cast))
    document = EnrolmentDocument(enrolment=enrolment, kind=EnrolmentDocument.Kind.ID_CARD)
    document.file.save("ktp.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return document.pk


def _identity_review_of_region_b(cast: Any) -> int:
    enrolment = EnrolmentFactory(batch=_batch_of_region_b(cast))
    return IdentityReview.objects.create(
        region=cast.region_b,
        kind=IdentityReview.Kind.DUPLICATE,
        person=enrolment.person,
        batch=enrolment.batch,
        enrolment=enrolment,
    ).pk


OUTSIDERS = {
    "identity_review_id": _identity_review_of_region_b,
    "institution_id": lambda cast: InstitutionFactory(region=cast.region_b).pk,
    "program_id": _program_of_region_b,
    "instructor_id": lambda cast: _instructor_of_region_b(cast).pk,
    "instructor_credential_id": _credential_of_region_b,
    "batch_session_id": _session_of_region_b,
    "enrolment_id": lambda cast: EnrolmentFactory(batch=_batch_of_region_b(cast)).pk,
    "enrolment_document_id": _document_of_region_b,
}

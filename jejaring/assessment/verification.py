"""What the public verification page may say about this app's documents (found by
jejaring.core.documents): the training certificate and the record of a BNSP competency
certificate. No NIK, no contact data, the name masked."""

from __future__ import annotations

from datetime import date

from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jejaring.assessment.models import CompetencyCertificate, TrainingCertificate
from jejaring.core.documents import PublicDocument, PublicKind, mask_name


def _day(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value else "—"


def training_certificate_facts(certificate: TrainingCertificate) -> PublicDocument:
    batch = certificate.enrolment.batch
    valid = certificate.status == TrainingCertificate.Status.VALID
    return PublicDocument(
        kind=_("Sertifikat pelatihan"),
        number=certificate.number,
        masked_name=mask_name(certificate.enrolment.person.full_name),
        valid=valid,
        status=_("Berlaku") if valid else _("Dicabut"),
        revoked_at=certificate.revoked_at,
        rows=[
            (_("Program"), batch.program.name),
            (_("Lembaga"), certificate.institution.name),
            (_("Pelatihan"), f"{_day(batch.start_date)} – {_day(batch.end_date)}"),
            (_("Terbit"), _day(certificate.issued_on)),
        ],
    )


def competency_facts(competency: CompetencyCertificate) -> PublicDocument:
    valid = competency.valid_until >= timezone.localdate()
    return PublicDocument(
        kind=_("Sertifikat kompetensi (BNSP), catatan dinas"),
        number=competency.registration_number,
        masked_name=mask_name(competency.person.full_name),
        valid=valid,
        status=_("Berlaku") if valid else _("Kedaluwarsa"),
        rows=[
            (_("Skema"), competency.scheme.name),
            (_("LSP"), competency.lsp.name),
            (_("Terbit"), _day(competency.issued_on)),
            (_("Berlaku sampai"), _day(competency.valid_until)),
        ],
    )


def training_certificate_by_number(number: str) -> TrainingCertificate | None:
    return (
        TrainingCertificate.objects.select_related(
            "enrolment__person", "enrolment__batch__program", "institution"
        )
        .filter(number__iexact=number.replace(" ", ""))
        .first()
    )


def competency_by_number(number: str) -> CompetencyCertificate | None:
    """A BNSP registration number as typed, whatever its spaces and case (numbers are
    printed in groups: `JHT 0451 0000001 2020`)."""
    return (
        CompetencyCertificate.objects.select_related("person", "scheme", "lsp")
        .annotate(compact=Replace("registration_number", Value(" "), Value("")))
        .filter(compact__iexact=number.replace(" ", ""))
        .order_by("-issued_on", "-pk")
        .first()
    )


PUBLIC_KINDS = [
    PublicKind(TrainingCertificate, training_certificate_facts, training_certificate_by_number),
    PublicKind(CompetencyCertificate, competency_facts, competency_by_number),
]

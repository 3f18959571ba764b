"""What the public verification page may say about this app's documents (found by
jejaring.core.documents): the referral letter and the internship agreement. No NIK, no
contact data, the name masked."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from jejaring.core.documents import PublicDocument, PublicKind, mask_name
from jejaring.placement.models import InternshipAgreement, Referral

_WITHDRAWN = (Referral.Status.CANCELLED, Referral.Status.DECLINED, Referral.Status.REJECTED)


def referral_facts(referral: Referral) -> PublicDocument:
    valid = referral.status not in _WITHDRAWN
    return PublicDocument(
        kind=_("Surat pengantar penyaluran"),
        number=referral.letter_number or str(referral.pk),
        masked_name=mask_name(referral.person.full_name),
        valid=valid,
        status=_("Berlaku") if valid else referral.get_status_display(),
        revoked_at=None if valid else referral.decided_at,
        rows=[
            (_("Perusahaan"), referral.company.name),
            (_("Formasi"), referral.formation.title),
            (_("Tanggal surat"), date_format(localtime(referral.referred_at), "DATE_FORMAT")),
        ],
    )


def agreement_facts(agreement: InternshipAgreement) -> PublicDocument:
    referral = agreement.referral
    return PublicDocument(
        kind=_("Perjanjian pemagangan"),
        number=agreement.number,
        masked_name=mask_name(referral.person.full_name),
        valid=True,
        status=agreement.get_status_display(),
        rows=[
            (_("Penyelenggara"), referral.company.name),
            (_("Program"), referral.formation.title),
            (
                _("Jangka waktu"),
                f"{date_format(agreement.starts_on, 'DATE_FORMAT')} – "
                f"{date_format(agreement.ends_on, 'DATE_FORMAT')}",
            ),
        ],
    )


def referral_by_number(number: str) -> Referral | None:
    if not number.strip():
        return None
    return (
        Referral.objects.select_related("person", "company", "formation")
        .filter(letter_number__iexact=number)
        .order_by("-pk")
        .first()
    )


def agreement_by_number(number: str) -> InternshipAgreement | None:
    if not number.strip():
        return None
    return (
        InternshipAgreement.objects.select_related(
            "referral__person", "referral__company", "referral__formation"
        )
        .filter(number__iexact=number)
        .order_by("-pk")
        .first()
    )


PUBLIC_KINDS = [
    PublicKind(Referral, referral_facts, referral_by_number),
    PublicKind(InternshipAgreement, agreement_facts, agreement_by_number),
]

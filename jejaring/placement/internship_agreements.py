"""Writes of the internship agreement of one intern (placement.InternshipAgreement):
generated from a template (rights and duties of both sides, program, duration,
stipend), printed as a PDF, recorded as signed by company HR or office staff, then
ratified by the office. `jejaring.employers.internships.internship_agreement_ratified`
is what placement asks before an internship starts: no agreement, no start."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.core import audit
from jejaring.core.dates import age_on
from jejaring.core.documents import render_document, verification_of
from jejaring.core.errors import Conflict, InvalidTransition, ValidationError
from jejaring.employers.models import CompanyContact, Formation
from jejaring.employers.services import check_document, require
from jejaring.internships.formation_links import program_of
from jejaring.internships.rules import check_internship_period, internship_rules_on
from jejaring.placement import audit_actions, notifications
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.regions.letterhead import letterhead_of, signatory_of

#: Referral statuses under which an agreement may be drawn up (before the start).
_OPEN_REFERRAL = (Referral.Status.REFERRED, Referral.Status.ACCEPTED)
MAX_STIPEND = 100_000_000


def agreement_number(referral: Referral, day: date) -> str:
    """A number unique in the region: PM/<referral>/<company>/<year>."""
    return f"PM/{referral.pk:05d}/{referral.company_id}/{day.year}"


def internship_agreement_create(
    *,
    actor: Any,
    referral: Referral,
    starts_on: date,
    ends_on: date,
    stipend_transport: int = 0,
    stipend_meals: int = 0,
    stipend_incentive: int = 0,
) -> InternshipAgreement:
    """Draw up the agreement of an intern referred to an internship formation, from the
    template and the approved program; company HR of that company or office staff."""
    require(actor, "record_outcome", referral)
    formation = referral.formation
    if formation.kind != Formation.Kind.INTERNSHIP:
        raise ValidationError(
            _("Perjanjian pemagangan hanya untuk formasi magang."), code="not_internship"
        )
    if referral.status not in _OPEN_REFERRAL:
        raise InvalidTransition(
            _("Perjanjian dibuat sebelum magang dimulai, untuk peserta yang disalurkan."),
            code="referral_not_open",
        )
    check_internship_period(starts_on=starts_on, ends_on=ends_on)
    rules = internship_rules_on(starts_on)
    stipend = {
        "stipend_transport": stipend_transport,
        "stipend_meals": stipend_meals,
        "stipend_incentive": stipend_incentive,
    }
    for key, amount in stipend.items():
        if not 0 <= amount <= MAX_STIPEND:
            raise ValidationError(
                _("Uang saku tidak masuk akal."), code="invalid_stipend", field=key
            )
    if not any(stipend.values()):
        raise ValidationError(
            _("Peserta magang berhak atas uang saku: isi transport, makan atau insentif."),
            code="stipend_required",
            field="stipend_transport",
        )
    person = referral.person
    context = {
        "referral": referral,
        "formation": formation,
        "company": referral.company,
        "program": program_of(formation),
        "person": person,
        "rules": rules,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "needs_consent": age_on(person.birth_date, starts_on) < rules.parental_consent_below_age,
        **stipend,
    }
    terms = render_to_string("placement/internship_agreement_terms.txt", context).strip()
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        if InternshipAgreement.objects.filter(referral=locked).exists():
            raise Conflict(
                _("Peserta ini sudah memiliki perjanjian pemagangan."), code="agreement_exists"
            )
        agreement = InternshipAgreement.objects.create(
            region_id=locked.region_id,
            referral=locked,
            number=agreement_number(locked, starts_on),
            starts_on=starts_on,
            ends_on=ends_on,
            rights_and_duties=terms,
            **stipend,
        )
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_AGREEMENT_CREATE,
            target=agreement,
            changes=audit.diff(
                {},
                {"number": agreement.number, "starts_on": starts_on, "ends_on": ends_on, **stipend},
            ),
        )
        notifications.agreement_ready(agreement, actor=actor)
    return agreement


def internship_agreement_pdf(agreement: InternshipAgreement, *, request: Any = None) -> bytes:
    """The agreement as a PDF on the office's document kit: the two parties sign, the
    office's signatory ratifies."""
    referral = agreement.referral
    region = agreement.region
    company_signer = (
        CompanyContact.objects.filter(company_id=referral.company_id)
        .order_by("-is_primary", "pk")
        .first()
    )
    return render_document(
        "placement/pdf/internship_agreement.html",
        {
            "agreement": agreement,
            "number": agreement.number,
            "referral": referral,
            "person": referral.person,
            "company": referral.company,
            "company_signer": company_signer,
            "formation": referral.formation,
            "program": program_of(referral.formation),
            "stipend_total": agreement.stipend_transport
            + agreement.stipend_meals
            + agreement.stipend_incentive,
        },
        letterhead=letterhead_of(region),
        signatory=signatory_of(region),
        verification=verification_of(agreement, request),
        # Dated when signed; a draft leaves the date to be written in by hand.
        place_date=timezone.localtime(agreement.signed_at).date() if agreement.signed_at else None,
    )


def internship_agreement_sign(
    *,
    actor: Any,
    agreement: InternshipAgreement,
    signed_document: Any,
    parental_consent: Any = None,
) -> InternshipAgreement:
    """Record the agreement as signed by both sides, with the signed copy; an intern
    below the rule set's consent age needs the written parental consent attached."""
    require(actor, "change", agreement)
    check_document(signed_document, field="signed_document")
    if parental_consent is not None:
        check_document(parental_consent, field="parental_consent")
    rules = internship_rules_on(agreement.starts_on)
    person = agreement.referral.person
    needs_consent = (
        age_on(person.birth_date, agreement.starts_on) < rules.parental_consent_below_age
    )
    with transaction.atomic():
        locked = InternshipAgreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.status != InternshipAgreement.Status.DRAFT:
            raise InvalidTransition(
                _("Perjanjian ini sudah ditandatangani."), code="agreement_already_signed"
            )
        if needs_consent and parental_consent is None and not locked.parental_consent:
            raise ValidationError(
                _("Peserta di bawah %(age)d tahun: lampirkan izin tertulis orang tua/wali.")
                % {"age": rules.parental_consent_below_age},
                code="parental_consent_required",
                field="parental_consent",
            )
        locked.signed_document = signed_document
        if parental_consent is not None:
            locked.parental_consent = parental_consent
        locked.status = InternshipAgreement.Status.SIGNED
        locked.signed_at = timezone.now()
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_AGREEMENT_SIGN,
            target=locked,
            changes={"status": [InternshipAgreement.Status.DRAFT, locked.status]},
        )
    return locked


def internship_agreement_ratify(
    *, actor: Any, agreement: InternshipAgreement
) -> InternshipAgreement:
    """Office staff ratify a signed agreement; from then on the internship may start."""
    require(actor, "ratify", agreement)
    with transaction.atomic():
        locked = InternshipAgreement.objects.select_for_update().get(pk=agreement.pk)
        if locked.status != InternshipAgreement.Status.SIGNED:
            raise InvalidTransition(
                _("Hanya perjanjian yang sudah ditandatangani yang dapat disahkan."),
                code="agreement_not_signed",
            )
        locked.status = InternshipAgreement.Status.RATIFIED
        locked.ratified_at = timezone.now()
        locked.ratified_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.INTERNSHIP_AGREEMENT_RATIFY,
            target=locked,
            changes={"status": [InternshipAgreement.Status.SIGNED, locked.status]},
        )
    return locked


def internship_agreement_ratified(referral: Referral) -> bool:
    """Whether the referral's internship agreement has been ratified by the office."""

    return InternshipAgreement.objects.filter(
        referral_id=referral.pk, status=InternshipAgreement.Status.RATIFIED
    ).exists()

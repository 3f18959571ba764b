"""Follow-up answers with their history: recorded by staff or the alumnus, through a
personal link, from a referral, or confirmed by the host company."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, links, versions
from jejaring.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jejaring.core.policies import policy_for
from jejaring.jobseekers.models import CloseSource
from jejaring.jobseekers.services import card_close_hired
from jejaring.outcomes import audit_actions, summaries
from jejaring.outcomes.models import FollowUp, FollowUpAnswer, OutcomeStatus
from jejaring.outcomes.services.waves import tracer_settings_for
from jejaring.training.models import Enrolment

#: The signing salt of personal answer links; changing it invalidates every link.
LINK_SALT = "jejaring.outcomes.answer-link"
#: A business registration number (NIB) from the OSS system has 13 digits.
NIB = re.compile(r"^\d{13}$")


@dataclass(frozen=True)
class AnswerData:
    status: str
    company_id: int | None = None
    employer_name: str = ""
    via_referral: bool = False
    business_kind: str = ""
    business_registration: str = ""
    started_on: date | None = None
    monthly_income: int | None = None


def _checked(data: AnswerData, *, today: date) -> AnswerData:
    if data.status not in OutcomeStatus.values:
        raise ValidationError(_("Status tidak dikenal."), code="invalid_status", field="status")
    working = data.status in (
        OutcomeStatus.EMPLOYED,
        OutcomeStatus.SELF_EMPLOYED,
        OutcomeStatus.INTERNSHIP,
    )
    if working and data.started_on is None:
        # Absorption counts from this date: an answer without it could never be counted.
        raise ValidationError(
            _("Isi tanggal mulai bekerja, magang atau usaha."),
            code="started_on_required",
            field="started_on",
        )
    if data.started_on and data.started_on > today:
        raise ValidationError(
            _("Tanggal mulai tidak boleh di masa depan."),
            code="started_on_future",
            field="started_on",
        )
    if not working and data.started_on:
        raise ValidationError(
            _("Tanggal mulai hanya diisi bila bekerja, magang atau berwirausaha."),
            code="started_on_not_applicable",
            field="started_on",
        )
    if data.status == OutcomeStatus.EMPLOYED and not (
        data.company_id or data.employer_name.strip()
    ):
        raise ValidationError(
            _("Isi nama tempat kerja."), code="employer_required", field="employer_name"
        )
    if data.status == OutcomeStatus.SELF_EMPLOYED and not data.business_kind.strip():
        raise ValidationError(
            _("Isi jenis usaha."), code="business_kind_required", field="business_kind"
        )
    registration = data.business_registration.replace(" ", "")
    if registration and not NIB.match(registration):
        raise ValidationError(
            _("NIB terdiri atas 13 angka."),
            code="invalid_nib",
            field="business_registration",
        )
    if data.monthly_income is not None and not 0 <= data.monthly_income <= 1_000_000_000:
        raise ValidationError(
            _("Penghasilan per bulan tidak wajar."), code="invalid_income", field="monthly_income"
        )
    return AnswerData(
        status=data.status,
        company_id=data.company_id if data.status == OutcomeStatus.EMPLOYED else None,
        employer_name=" ".join(data.employer_name.split())[:200] if working else "",
        via_referral=data.via_referral and data.status != OutcomeStatus.SELF_EMPLOYED,
        business_kind=" ".join(data.business_kind.split())[:200]
        if data.status == OutcomeStatus.SELF_EMPLOYED
        else "",
        business_registration=registration,
        started_on=data.started_on,
        monthly_income=data.monthly_income,
    )


def _record(*, actor: Any, follow_up: FollowUp, data: AnswerData, source: str) -> FollowUpAnswer:
    """The one place an answer is written: the previous current answer stays in the
    history, the new one becomes current."""
    data = _checked(data, today=timezone.localdate())
    if data.company_id is not None:
        from jejaring.employers.models import Company

        if not Company.objects.filter(pk=data.company_id, region_id=follow_up.region_id).exists():
            raise ValidationError(
                _("Perusahaan tidak ditemukan di wilayah ini."),
                code="unknown_company",
                field="company",
            )
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        previous = FollowUpAnswer.objects.filter(follow_up=locked, is_current=True).first()
        if previous is not None:
            previous.is_current = False
            previous.save(update_fields=["is_current"])
        answer = FollowUpAnswer.objects.create(
            follow_up=locked,
            status=data.status,
            source=source,
            company_id=data.company_id,
            employer_name=data.employer_name,
            via_referral=data.via_referral,
            business_kind=data.business_kind,
            business_registration=data.business_registration,
            started_on=data.started_on,
            monthly_income=data.monthly_income,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        summaries.refresh(enrolment_ids=[locked.enrolment_id])
        versions.bump(locked.region_id, versions.OUTCOMES)
        if data.status in (OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED):
            _close_job_seeker_card(actor=actor, follow_up=locked, data=data)
        audit.record(
            actor=actor,
            action=audit_actions.FOLLOW_UP_ANSWER,
            target=locked,
            changes={
                "status": [previous.status if previous else None, data.status],
                "source": source,
                "started_on": [
                    str(previous.started_on) if previous and previous.started_on else None,
                    str(data.started_on) if data.started_on else None,
                ],
            },
        )
    return answer


def _close_job_seeker_card(*, actor: Any, follow_up: FollowUp, data: AnswerData) -> None:
    """A graduate answering "working" is no longer a job seeker: their AK/1 card, if they
    hold one, closes as hired from the start date (the tracer vouches for the answer)."""
    if data.started_on is None:
        return
    employer = data.employer_name
    if not employer and data.company_id is not None:
        from jejaring.employers.models import Company

        employer = (
            Company.objects.filter(pk=data.company_id).values_list("name", flat=True).first() or ""
        )
    employer = employer or data.business_kind or gettext("Wirausaha")
    card_close_hired(
        actor=actor,
        person=follow_up.person,
        on=data.started_on,
        employer_name=employer,
        source=CloseSource.TRACER,
        company_id=data.company_id,
    )


def follow_up_answer_record(*, actor: Any, follow_up: FollowUp, data: AnswerData) -> FollowUpAnswer:
    """Staff or an operator enter an answer from a phone survey; the alumnus themself
    (logged in) answers for their own follow-up."""
    if not policy_for(FollowUp).can(actor, "record_answer", follow_up):
        raise PermissionDenied(_("Anda tidak berwenang mengisi penelusuran ini."))
    scope = scope_of(actor)
    own = scope.person_id == follow_up.person_id
    source = FollowUpAnswer.Source.SELF if own else FollowUpAnswer.Source.PHONE_SURVEY
    return _record(actor=actor, follow_up=follow_up, data=data, source=source)


def follow_up_link_token(*, follow_up: FollowUp) -> str:
    """A signed token naming the follow-up point and its current nonce."""
    return links.link_token(salt=LINK_SALT, pk=follow_up.pk, nonce=follow_up.link_nonce)


def follow_up_from_token(token: str) -> FollowUp:
    """The follow-up a personal link points to; a forged, expired or replaced link is a
    NotFound, whatever the reason, so links cannot be probed."""
    pk, nonce = links.link_target(token, salt=LINK_SALT)
    follow_up = (
        FollowUp.objects.select_related(
            "region", "person", "enrolment__batch__program", "institution"
        )
        .filter(pk=pk)
        .first()
    )
    if follow_up is None or nonce != follow_up.link_nonce:
        raise NotFound(_("Tautan tidak berlaku."))
    valid_days = tracer_settings_for(region=follow_up.region).link_valid_days
    sent = follow_up.link_sent_at
    if sent is None or timezone.now() - sent > timedelta(days=valid_days):
        raise NotFound(_("Tautan tidak berlaku."))
    return follow_up


def follow_up_answer_by_link(*, token: str, data: AnswerData) -> FollowUpAnswer:
    """The alumnus answers through their personal link, without logging in."""
    follow_up = follow_up_from_token(token)
    return _record(actor=None, follow_up=follow_up, data=data, source=FollowUpAnswer.Source.SELF)


def follow_up_link_issue(*, actor: Any, follow_up: FollowUp, base_url: str) -> tuple[str, str]:
    """Start the validity of the alumnus's personal link now (an earlier link stops
    working) and return (url, message text ready to paste into WhatsApp or an email)."""
    if not policy_for(FollowUp).can(actor, "record_answer", follow_up):
        raise PermissionDenied(_("Anda tidak berwenang mengirim tautan ini."))
    from django.urls import reverse

    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        locked.link_nonce = FollowUp._meta.get_field("link_nonce").get_default()
        locked.link_sent_at = timezone.now()
        locked.save(update_fields=["link_nonce", "link_sent_at"])
        audit.record(actor=actor, action=audit_actions.FOLLOW_UP_LINK_ISSUE, target=locked)
    token = follow_up_link_token(follow_up=locked)
    url = base_url.rstrip("/") + reverse("outcomes:answer_link", args=[token])
    return url, follow_up_message(follow_up=locked, url=url)


def follow_up_message(*, follow_up: FollowUp, url: str) -> str:
    person = follow_up.person
    first_name = person.full_name.split()[0] if person.full_name else ""
    valid_days = tracer_settings_for(region=follow_up.region).link_valid_days
    return gettext(
        "Halo %(name)s, ini %(office)s. Kami ingin tahu kabar Anda %(months)s bulan setelah "
        "lulus pelatihan %(program)s. Mohon isi jawaban singkat (1 menit) melalui tautan "
        "pribadi ini: %(url)s — tautan berlaku %(days)s hari. Terima kasih."
    ) % {
        "name": first_name,
        "office": follow_up.region.office_short_name or follow_up.region.name,
        "months": follow_up.months_after,
        "program": follow_up.enrolment.batch.program.name,
        "url": url,
        "days": valid_days,
    }


def follow_up_link_email(*, actor: Any, follow_up: FollowUp, base_url: str) -> str:
    """Issue a new link and email it to the alumnus; returns the address used."""
    email = follow_up.person.email
    if not email:
        raise Conflict(
            _("Alumni ini tidak punya alamat email; salin pesan untuk WhatsApp."),
            code="no_email",
        )
    _url, message = follow_up_link_issue(actor=actor, follow_up=follow_up, base_url=base_url)
    send_mail(
        subject=gettext("Penelusuran alumni: bagaimana kabar Anda?"),
        message=message,
        from_email=None,
        recipient_list=[email],
    )
    return email


def answers_from_referral(*, actor: Any, referral: Any) -> int:
    """A referral outcome is an answer too: when a referred graduate starts work or an
    internship (or is hired), record it as the current answer of every follow-up point of
    their latest graduation that is due on or after the start date and has no answer from
    the alumnus or a survey yet. Returns how many points were answered."""
    start = referral.hired_on or referral.started_on
    if start is None:
        return 0
    from jejaring.employers.models import Formation

    internship = referral.formation.kind == Formation.Kind.INTERNSHIP and not referral.hired_on
    status = OutcomeStatus.INTERNSHIP if internship else OutcomeStatus.EMPLOYED
    enrolment = (
        Enrolment.objects.filter(
            person_id=referral.person_id,
            status=Enrolment.Status.GRADUATED,
            graduated_on__lte=start,
        )
        .order_by("-graduated_on")
        .first()
    )
    if enrolment is None:
        return 0
    points = FollowUp.objects.filter(enrolment=enrolment, due_on__gte=start).exclude(
        answers__is_current=True,
        answers__source__in=[FollowUpAnswer.Source.SELF, FollowUpAnswer.Source.PHONE_SURVEY],
    )
    data = AnswerData(
        status=status,
        company_id=referral.company_id,
        employer_name=str(referral.company)[:200],
        via_referral=True,
        started_on=start,
    )
    count = 0
    for follow_up in points:
        _record(actor=actor, follow_up=follow_up, data=data, source=FollowUpAnswer.Source.REFERRAL)
        count += 1
    return count


def employment_confirm_by_company(*, actor: Any, referral: Any, started_on: date) -> int:
    """Company HR confirm that a graduate referred to them works there since
    `started_on`: the answer of every follow-up point of the graduate's latest
    graduation that is already due and has no answer from the alumnus or a survey.
    Returns how many points were answered."""
    from jejaring.placement.models import Referral

    if not policy_for(Referral).can(actor, "record_outcome", referral):
        raise PermissionDenied(_("Anda tidak berwenang mengonfirmasi orang ini."))
    enrolment = (
        Enrolment.objects.filter(
            person_id=referral.person_id,
            status=Enrolment.Status.GRADUATED,
            graduated_on__lte=started_on,
        )
        .order_by("-graduated_on")
        .first()
    )
    if enrolment is None:
        raise ValidationError(
            _("Tanggal mulai bekerja sebelum tanggal lulus pelatihan."),
            code="started_before_graduation",
            field="started_on",
        )
    points = FollowUp.objects.filter(enrolment=enrolment, due_on__lte=timezone.localdate()).exclude(
        answers__is_current=True,
        answers__source__in=[FollowUpAnswer.Source.SELF, FollowUpAnswer.Source.PHONE_SURVEY],
    )
    data = AnswerData(
        status=OutcomeStatus.EMPLOYED,
        company_id=referral.company_id,
        employer_name=str(referral.company)[:200],
        via_referral=True,
        started_on=started_on,
    )
    count = 0
    for follow_up in points:
        _record(actor=actor, follow_up=follow_up, data=data, source=FollowUpAnswer.Source.COMPANY)
        count += 1
    return count

"""The office's check and issue, and the card's life: updates, reports, renewal, closing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.dates import add_months
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.jobseekers import audit_actions as actions
from jejaring.jobseekers.models import (
    CardCounter,
    CardStatus,
    Channel,
    CloseSource,
    JobSeekerCard,
    JobSeekerReport,
)
from jejaring.jobseekers.services.common import (
    _PHOTO_SIGNATURES,
    MAX_PHOTO_BYTES,
    RENEW_EARLY_DAYS,
    REPORT_BOXES,
    REPORT_EARLY_DAYS,
    REPORT_EVERY_MONTHS,
    VALIDITY_MONTHS,
    DocumentCheck,
    JobWish,
    _check_transition,
    _clean,
    _is_office,
    _locked,
    _wish_fields,
    checked_wish,
    settings_of,
)
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.trainees.models import Person
from jejaring.trainees.services import (
    EDITABLE_FIELDS,
    person_account_bind,
    person_update,
    person_verify,
    transfer_request_create,
)

# --- the office's check and issue -------------------------------------------------------


def _checked_photo(photo: UploadedFile | None) -> None:
    if photo is None:
        return
    size = photo.size or 0
    if size == 0 or size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Pas foto harus JPG atau PNG, paling besar %(mb)d MB.")
            % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)},
            code="invalid_photo",
            field="photo",
        )
    photo.seek(0)
    head = photo.read(8)
    photo.seek(0)
    if not any(head.startswith(signature) for signature in _PHOTO_SIGNATURES):
        raise ValidationError(
            _("Pas foto harus JPG atau PNG, paling besar %(mb)d MB.")
            % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)},
            code="invalid_photo",
            field="photo",
        )


def card_number(region: Region, year: int, sequence: int) -> str:
    """`3375-2026-000123`: the region's Kemendagri code, the year, the year's sequence."""
    return f"{region.code.replace('.', '')}-{year}-{sequence:06d}"


def next_sequence(*, region: Region, year: int) -> int:
    """The next card sequence of `region` in `year`, inside the caller's transaction:
    the counter row is locked until it commits, so concurrent issues wait for each other
    and get consecutive numbers, none twice."""
    try:
        with transaction.atomic():
            CardCounter.objects.get_or_create(region=region, year=year)
    except IntegrityError:
        pass  # created by a concurrent issue a moment ago; locked below
    counter = CardCounter.objects.select_for_update().get(region=region, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def card_issue(
    *,
    actor: Any,
    card: JobSeekerCard,
    documents: DocumentCheck,
    photo: UploadedFile | None = None,
    on: date | None = None,
    bind_account: bool = False,
) -> JobSeekerCard:
    """The office has seen the KTP and the latest diploma (and the KK where the region asks
    for it) and has the 3×4 photo: the person's identity is verified through the registry,
    the card gets the next number of the region and year, and is valid for two years.

    A person whose record another office holds cannot be given a card here until that
    office moves them: a transfer request is sent and Conflict `person_elsewhere` raised.

    With `bind_account` (the office has asked the person whether the online account the
    registration came with is theirs) that account is bound to the person, unless either
    is bound elsewhere already (`trainees.services.person_account_bind`: never re-bound;
    the audit event says whether it was)."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    region = card.region
    if not documents.ktp or not documents.diploma:
        raise ValidationError(
            _("Periksa KTP dan ijazah terakhir sebelum menerbitkan kartu."),
            code="documents_missing",
            field="ktp",
        )
    if settings_of(region).require_kk and not documents.kk:
        raise ValidationError(
            _("Dinas ini meminta KK: periksa KK sebelum menerbitkan kartu."),
            code="kk_missing",
            field="kk",
        )
    _checked_photo(photo)
    if photo is None and not card.photo:
        raise ValidationError(_("Unggah pas foto 3×4."), code="photo_missing", field="photo")
    on = on or today_in(region)
    person = Person.objects.get(pk=card.person_id)
    if person.region_id != card.region_id:
        transfer_request_create(
            actor=actor, person=person, to_region=region, reason=str(_("Kartu AK/1"))
        )
        raise Conflict(
            _(
                "Data orang ini dikelola kantor lain. Permintaan pindah ke wilayah Anda telah "
                "dikirim; terbitkan kartu setelah disetujui."
            ),
            code="person_elsewhere",
        )
    with transaction.atomic():
        locked = _locked(card)
        _check_transition(locked, CardStatus.ACTIVE)
        if locked.status != CardStatus.SUBMITTED:
            raise InvalidTransition(
                _("Kartu ini sudah diterbitkan."), code="invalid_card_transition"
            )
        locked.person = _verify_identity(actor=actor, card=locked)
        bound = None
        if bind_account and locked.applicant_user is not None:
            bound = person_account_bind(person=locked.person, user=locked.applicant_user)
        locked.sequence = next_sequence(region=region, year=on.year)
        locked.year = on.year
        locked.number = card_number(region, on.year, locked.sequence)
        locked.ktp_checked, locked.diploma_checked = documents.ktp, documents.diploma
        locked.kk_checked = documents.kk
        if photo is not None:
            locked.photo = photo
        locked.checked_by = actor
        locked.issued_by = actor
        locked.issued_on = on
        locked.period_start = on
        locked.valid_until = add_months(on, VALIDITY_MONTHS)
        locked.status = CardStatus.ACTIVE
        locked.save()
        versions.bump(region.pk, versions.PEOPLE)
        audit.record(
            actor=actor,
            action=actions.CARD_ISSUE,
            target=locked,
            changes={
                "status": [CardStatus.SUBMITTED, CardStatus.ACTIVE],
                "number": [None, locked.number],
                "valid_until": [None, str(locked.valid_until)],
                "documents": {
                    "ktp": documents.ktp,
                    "diploma": documents.diploma,
                    "kk": documents.kk,
                },
                **({} if bound is None else {"account_bound": [False, bound]}),
            },
        )
    return locked


def _verify_identity(*, actor: Any, card: JobSeekerCard) -> Person:
    """The KTP is seen: a record nobody had verified takes this registration's typed
    fields and becomes verified, through the registry's own services."""
    person = card.person
    if person.is_verified:
        return person
    typed = {
        key: value
        for key, value in card.applicant.items()
        if key in EDITABLE_FIELDS and value and value != getattr(person, key)
    }
    if typed:
        person = person_update(actor=actor, person=person, changes=typed)
    return person_verify(actor=actor, person=person)


def card_reject(*, actor: Any, card: JobSeekerCard, reason: str) -> JobSeekerCard:
    """The office refuses a registration (documents do not match, not the person...)."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    reason = _clean(reason, 500)
    if not reason:
        raise ValidationError(_("Alasan wajib diisi."), code="reason_required", field="reason")
    return _move(actor=actor, card=card, to=CardStatus.REJECTED, note=reason)


def _move(
    *, actor: Any, card: JobSeekerCard, to: str, note: str = "", **fields: Any
) -> JobSeekerCard:
    with transaction.atomic():
        locked = _locked(card)
        _check_transition(locked, to)
        before = locked.status
        locked.status = to
        locked.status_note = note
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        versions.bump(locked.region_id, versions.PEOPLE)
        action = {
            CardStatus.REJECTED: actions.CARD_REJECT,
            CardStatus.HIRED: actions.CARD_CLOSE_HIRED,
            CardStatus.CLOSED: actions.CARD_CLOSE,
            CardStatus.EXPIRED: actions.CARD_EXPIRE,
        }[CardStatus(to)]
        audit.record(
            actor=actor,
            action=action,
            target=locked,
            changes={
                "status": [before, to],
                **{name: [None, str(value)] for name, value in fields.items()},
            },
        )
    return locked


# --- changes while the card is open -------------------------------------------------------


def card_update(*, actor: Any, card: JobSeekerCard, wish: JobWish) -> JobSeekerCard:
    """The holder reported new education, skills or wishes: the office updates the card."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    wish = checked_wish(wish, today=today_in(card.region))
    changes = _wish_fields(wish)
    with transaction.atomic():
        locked = _locked(card)
        if not locked.is_open:
            raise InvalidTransition(
                _("Kartu yang sudah ditutup tidak dapat diubah."), code="card_closed"
            )
        before = audit.snapshot(locked, changes)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        diff = audit.diff(before, changes)
        if diff:
            audit.record(actor=actor, action=actions.CARD_UPDATE, target=locked, changes=diff)
    return locked


def report_due_dates(card: JobSeekerCard) -> list[date]:
    """The due dates of the four reporting boxes of the card's current period."""
    if card.period_start is None:
        return []
    return [
        add_months(card.period_start, REPORT_EVERY_MONTHS * box)
        for box in range(1, REPORT_BOXES + 1)
    ]


def current_box(card: JobSeekerCard, today: date) -> int | None:
    """The box a report made `today` fills: the last one whose window has opened
    (REPORT_EARLY_DAYS before it is due), or None before the first."""
    box = None
    for number, due in enumerate(report_due_dates(card), start=1):
        if today >= due - timedelta(days=REPORT_EARLY_DAYS):
            box = number
    return box


def card_report(
    *, actor: Any, card: JobSeekerCard, on: date | None = None, note: str = ""
) -> JobSeekerReport:
    """The six-monthly report that the holder is still looking for work: online by the
    holder, or at the counter by the office. Each box is filled once."""
    policy = policy_for(JobSeekerCard)
    if not policy.can(actor, "report", card):
        raise NotFound(_("Kartu tidak ditemukan."))
    own = scope_of(actor).person_id == card.person_id
    channel = Channel.ONLINE if own and not _is_office(actor, card.region_id) else Channel.COUNTER
    today = today_in(card.region)
    on = on or today
    if on > today:
        raise ValidationError(
            _("Tanggal lapor tidak boleh di masa depan."), code="future_date", field="on"
        )
    note = _clean(note, 500)
    with transaction.atomic():
        locked = _locked(card)
        if locked.status != CardStatus.ACTIVE:
            raise InvalidTransition(
                _("Hanya kartu aktif yang dapat dilapori."), code="card_not_active"
            )
        box = current_box(locked, on)
        if box is None:
            first = report_due_dates(locked)[0]
            raise InvalidTransition(
                _("Belum waktunya melapor; laporan pertama jatuh tempo %(date)s.")
                % {"date": date_format(first, "DATE_FORMAT")},
                code="report_not_due",
            )
        if JobSeekerReport.objects.filter(card=locked, cycle=locked.renewals, box=box).exists():
            raise Conflict(
                _("Laporan ke-%(box)d periode ini sudah tercatat.") % {"box": box},
                code="report_exists",
            )
        report = JobSeekerReport.objects.create(
            region_id=locked.region_id,
            card=locked,
            cycle=locked.renewals,
            box=box,
            reported_on=on,
            channel=channel,
            note=note,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action=actions.CARD_REPORT,
            target=locked,
            changes={"report": [None, f"{locked.renewals}/{box}"], "channel": channel},
        )
    return report


def card_renew(*, actor: Any, card: JobSeekerCard, on: date | None = None) -> JobSeekerCard:
    """The office renews a card that is about to end (RENEW_EARLY_DAYS) or has ended: a
    new two-year period with four empty reporting boxes, the same number."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    on = on or today_in(card.region)
    with transaction.atomic():
        locked = _locked(card)
        if locked.status not in (CardStatus.ACTIVE, CardStatus.EXPIRED):
            raise InvalidTransition(
                _("Hanya kartu aktif atau habis masa berlaku yang dapat diperpanjang."),
                code="invalid_card_transition",
            )
        assert locked.valid_until is not None
        if on < locked.valid_until - timedelta(days=RENEW_EARLY_DAYS):
            raise InvalidTransition(
                _("Kartu dapat diperpanjang mulai %(date)s.")
                % {
                    "date": date_format(
                        locked.valid_until - timedelta(days=RENEW_EARLY_DAYS), "DATE_FORMAT"
                    )
                },
                code="renew_too_early",
            )
        before = (locked.status, str(locked.valid_until))
        locked.status = CardStatus.ACTIVE
        locked.renewals += 1
        locked.period_start = on
        locked.valid_until = add_months(on, VALIDITY_MONTHS)
        locked.save()
        versions.bump(locked.region_id, versions.PEOPLE)
        audit.record(
            actor=actor,
            action=actions.CARD_RENEW,
            target=locked,
            changes={
                "status": [before[0], locked.status],
                "valid_until": [before[1], str(locked.valid_until)],
                "renewals": [locked.renewals - 1, locked.renewals],
            },
        )
    return locked


def card_close(*, actor: Any, card: JobSeekerCard, reason: str) -> JobSeekerCard:
    """The office closes a card for another reason than work (moved away, asked to)."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    reason = _clean(reason, 500)
    if not reason:
        raise ValidationError(_("Alasan wajib diisi."), code="reason_required", field="reason")
    return _move(
        actor=actor,
        card=card,
        to=CardStatus.CLOSED,
        note=reason,
        closed_on=today_in(card.region),
        close_source=CloseSource.OFFICE,
    )


def card_close_hired(
    *,
    actor: Any,
    person: Person,
    on: date,
    employer_name: str,
    source: str = CloseSource.OFFICE,
    company_id: int | None = None,
) -> JobSeekerCard | None:
    """Close the person's issued card (active or expired) because they are working, from
    `on`, at `employer_name`; returns it, or None when the person holds no such card.

    `source` says who reported it. The holder (`holder`) and the office of the card's
    region (`office`) are checked here; `employer` (a referral recorded as hired) and
    `tracer` (a tracer answer "working") are called by the placement and outcomes
    services, which have already checked their own actor, so the actor is only recorded."""
    if source not in CloseSource.values:
        raise ValidationError(_("Sumber tidak dikenal."), code="invalid_source")
    employer_name = _clean(employer_name, 200)
    if not employer_name:
        raise ValidationError(
            _("Isi nama pemberi kerja."), code="employer_required", field="employer_name"
        )
    card = (
        JobSeekerCard.objects.filter(
            person=person, status__in=(CardStatus.ACTIVE, CardStatus.EXPIRED)
        )
        .select_related("region")
        .first()
    )
    if source in (CloseSource.HOLDER, CloseSource.OFFICE):
        allowed = card is not None and (
            _is_office(actor, card.region_id)
            if source == CloseSource.OFFICE
            else scope_of(actor).person_id == person.pk
        )
        if not allowed:
            raise NotFound(_("Kartu tidak ditemukan."))
    if card is None:
        return None
    today = today_in(card.region)
    if source in (CloseSource.EMPLOYER, CloseSource.TRACER):
        # Reported by others about the past: the card closes within its own life.
        on = min(max(on, card.issued_on or on), today)
    if card.issued_on and on < card.issued_on:
        raise ValidationError(
            _("Tanggal mulai bekerja tidak boleh sebelum kartu terbit."),
            code="before_issue",
            field="on",
        )
    if on > today:
        raise ValidationError(
            _("Tanggal mulai bekerja tidak boleh di masa depan."), code="future_date", field="on"
        )
    return _move(
        actor=actor,
        card=card,
        to=CardStatus.HIRED,
        closed_on=on,
        close_source=source,
        employer_name=employer_name,
        employer_company_id=company_id,
    )

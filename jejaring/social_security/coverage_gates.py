"""Answers to the coverage gates and the events that create enrolment lists.

A batch or an internship may start only when every person who will be there has ACTIVE
cover spanning the whole period; office staff may override with a reason, which is kept
as a CoverageOverride and audited. Each check is one query, whatever the batch size.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, gates
from jejaring.core.errors import PermissionDenied
from jejaring.social_security import audit_actions
from jejaring.social_security.models import Coverage, CoverageOverride

BATCH_START = "training.batch.start"
INTERNSHIP_START = "placement.internship.start"

#: Declared monthly income used for new enrolments: the lowest the insurer accepts for
#: non-wage-earners, since trainees and interns have no wage to declare.
DEFAULT_DECLARED_INCOME = 1_000_000


def _active_cover_spanning(start: Any, end: Any) -> Any:
    # Cover lists are maintained by this app, so the unscoped manager is right here: the
    # gate answers for the batch's own region, whoever asks.
    return Coverage.objects.filter(
        status=Coverage.Status.ACTIVE, cover_start__lte=start, cover_end__gte=end
    )


def _office_of(actor: Any, region_id: int) -> bool:
    return actor is not None and scope_of(actor).is_office_of(region_id)


def batch_cover_gaps(*, obj: Any, actor: Any = None, **context: Any) -> list[gates.GateProblem]:
    """The accepted participants of batch `obj` without active cover for its period; the
    problem links to the batch's cover page when `actor` is office staff of its region
    (the only people who may open it)."""
    from jejaring.training.models import Enrolment

    covered = _active_cover_spanning(obj.start_date, obj.end_date).values("enrolment_id")
    uncovered = list(
        Enrolment.objects.filter(batch=obj, status=Enrolment.Status.ACCEPTED)
        .exclude(pk__in=covered)
        .values_list("person__full_name", flat=True)
        .order_by("person__full_name")
    )
    if not uncovered:
        return []
    message = ngettext(
        "%(count)d peserta belum memiliki perlindungan BPJS Ketenagakerjaan aktif "
        "selama masa pelatihan.",
        "%(count)d peserta belum memiliki perlindungan BPJS Ketenagakerjaan aktif "
        "selama masa pelatihan.",
        len(uncovered),
    ) % {"count": len(uncovered)}
    link = ""
    if _office_of(actor, obj.region_id):
        link = reverse("social_security:batch_cover", kwargs={"batch_id": obj.pk})
    return [
        gates.GateProblem(
            BATCH_START,
            "uncovered_participants",
            message,
            tuple(uncovered),
            link=link,
            link_label=_("Daftarkan BPJS peserta") if link else "",
        )
    ]


def internship_cover_gaps(
    *, obj: Any, actor: Any = None, **context: Any
) -> list[gates.GateProblem]:
    """A problem when the intern of referral `obj` lacks active cover for the agreement,
    linking to what `actor` may open to clear it (see `_intern_cover_link`)."""
    period = internship_period(obj)
    if period is None:
        return []
    start, end = period
    if _active_cover_spanning(start, end).filter(referral=obj).exists():
        return []
    link, label = _intern_cover_link(actor, obj)
    return [
        gates.GateProblem(
            INTERNSHIP_START,
            "uncovered_intern",
            _("Peserta magang belum memiliki perlindungan BPJS Ketenagakerjaan aktif."),
            (obj.person.full_name,),
            link=link,
            link_label=label,
        )
    ]


def _intern_cover_link(actor: Any, referral: Any) -> tuple[str, Any]:
    """The intern's cover page, if the actor may see that cover (office staff of the
    region, HR of the host company); with no cover row yet, office staff go to the BPJS
    dashboard, whose button puts interns with a ratified agreement on the list."""
    if actor is None:
        return "", ""
    cover = Coverage.objects.for_actor(actor).filter(referral=referral).order_by("-pk").first()
    office = _office_of(actor, referral.region_id)
    if cover is not None:
        link = reverse("social_security:coverage_detail", kwargs={"coverage_id": cover.pk})
        label = _("Daftarkan BPJS peserta") if office else _("Lihat perlindungan BPJS peserta")
        return link, label
    if office:
        return reverse("social_security:dashboard") + "#magang", _("Daftarkan BPJS peserta")
    return "", ""


def _record_override(*, actor: Any, obj: Any, reason: str, problems: Any, **target: Any) -> None:
    """Keep the override, or refuse it (rolling back the caller's step) unless the actor
    is office staff of the object's own region: whoever asks the gate, a role in another
    region (or another role in this one) never lets someone skip the cover check here."""
    if not scope_of(actor).is_office_of(obj.region_id):
        raise PermissionDenied(
            _(
                "Hanya staf dinas wilayah ini yang dapat memulai tanpa perlindungan BPJS "
                "Ketenagakerjaan lengkap."
            ),
            code="override_not_allowed",
        )
    with transaction.atomic():
        override = CoverageOverride.objects.create(
            region_id=obj.region_id, reason=reason, decided_by=actor, **target
        )
        audit.record(
            actor=actor,
            action=audit_actions.COVER_OVERRIDE,
            target=override,
            changes={"reason": reason, "subjects": [s for p in problems for s in p.subjects]},
        )


def batch_cover_override(*, actor: Any, obj: Any, reason: str, problems: Any) -> None:
    _record_override(actor=actor, obj=obj, reason=reason, problems=problems, batch=obj)


def internship_cover_override(*, actor: Any, obj: Any, reason: str, problems: Any) -> None:
    _record_override(actor=actor, obj=obj, reason=reason, problems=problems, referral=obj)


def insert_missing(rows: list[Coverage], link: str) -> int:
    """Create the cover rows whose enrolment or referral has none yet, in one insert, and
    return how many were created."""
    if not rows:
        return 0
    existing = set(
        Coverage.objects.filter(
            **{f"{link}_id__in": [getattr(row, f"{link}_id") for row in rows]}
        ).values_list(f"{link}_id", flat=True)
    )
    missing = [row for row in rows if getattr(row, f"{link}_id") not in existing]
    _carry_kpj_numbers(missing)
    Coverage.objects.bulk_create(missing)
    return len(missing)


def _carry_kpj_numbers(rows: list[Coverage]) -> None:
    """A KPJ card belongs to one person for life: a new cover takes the number the
    person's earlier cover in the same region already has (the latest), so neither staff
    nor the insurer's file need give it again. One query; another region's cover is not
    read, so a list never learns of a person's cover elsewhere."""
    wanted = [row for row in rows if not row.kpj_number]
    if not wanted:
        return
    known: dict[tuple[int, int], str] = {}
    for person_id, region_id, kpj in (
        Coverage.objects.filter(
            person_id__in={row.person_id for row in wanted},
            region_id__in={row.region_id for row in wanted},
        )
        .exclude(kpj_number="")
        .order_by("cover_start", "pk")
        .values_list("person_id", "region_id", "kpj_number")
    ):
        known[(person_id, region_id)] = kpj
    for row in wanted:
        row.kpj_number = known.get((row.person_id, row.region_id), "")


def trainee_cover(enrolment: Any) -> Coverage:
    batch = enrolment.batch
    return Coverage(
        region_id=enrolment.region_id,
        person_id=enrolment.person_id,
        kind=Coverage.Kind.TRAINEE,
        enrolment=enrolment,
        payer=Coverage.Payer.OFFICE,
        declared_income=DEFAULT_DECLARED_INCOME,
        cover_start=batch.start_date,
        cover_end=batch.end_date,
    )


def cover_accepted_enrolment(*, obj: Any, **context: Any) -> None:
    """An accepted trainee goes on the office's list to register for the batch period."""
    insert_missing([trainee_cover(obj)], "enrolment")


def cover_batch_participants(*, obj: Any, **context: Any) -> None:
    """When a batch changes status, every accepted participant without cover gets on the
    list (enrolments accepted before this app listened, or imported ones)."""
    batch_list_build(obj)


def batch_list_build(batch: Any) -> int:
    """Put every accepted or training participant of `batch` without cover on the list,
    move the cover not yet sent to the insurer to the batch's current dates, and cancel
    it for those who no longer take part (withdrawn, refused, or the batch cancelled), so
    the registration list never sends them. Safe to run again: returns how many were
    added."""
    from jejaring.training.models import Batch, Enrolment

    waiting = Coverage.objects.filter(enrolment__batch=batch, status=Coverage.Status.TO_REGISTER)
    if batch.status == Batch.Status.CANCELLED:
        waiting.update(status=Coverage.Status.CANCELLED)
        return 0
    enrolments = Enrolment.objects.filter(batch=batch, status__in=Enrolment.SEATED)
    rows = []
    for enrolment in enrolments.exclude(coverage__isnull=False):
        enrolment.batch = batch
        rows.append(trainee_cover(enrolment))
    waiting.filter(
        enrolment__status__in=(
            Enrolment.Status.WITHDRAWN,
            Enrolment.Status.REJECTED,
            Enrolment.Status.WAITLISTED,
        )
    ).update(status=Coverage.Status.CANCELLED)
    waiting.exclude(cover_start=batch.start_date, cover_end=batch.end_date).update(
        cover_start=batch.start_date, cover_end=batch.end_date
    )
    return insert_missing(rows, "enrolment")


def internship_period(referral: Any) -> tuple[Any, Any] | None:
    """The internship's period: the ratified agreement's dates, else the day it started
    (to its end, or the same day); None when neither is known yet."""
    agreement = getattr(referral, "internship_agreement", None)
    if agreement is not None:
        return agreement.starts_on, agreement.ends_on
    if referral.started_on is None:
        return None
    return referral.started_on, referral.ended_on or referral.started_on


def intern_cover(referral: Any) -> Coverage | None:
    """A new cover row for the intern of `referral`, paid by the host company, or None
    when the internship has no period yet."""
    period = internship_period(referral)
    if period is None:
        return None
    return Coverage(
        region_id=referral.region_id,
        person_id=referral.person_id,
        kind=Coverage.Kind.INTERN,
        referral=referral,
        payer=Coverage.Payer.COMPANY,
        payer_company_id=referral.company_id,
        declared_income=DEFAULT_DECLARED_INCOME,
        cover_start=period[0],
        cover_end=period[1],
    )


def cover_started_internship(*, obj: Any, **context: Any) -> None:
    """An intern who starts goes on the list, paid by the host company by default. A
    worker who starts a job is the employer's to enrol as a wage earner, not ours."""
    from jejaring.employers.models import Formation

    if obj.formation.kind != Formation.Kind.INTERNSHIP:
        return
    row = intern_cover(obj)
    if row is not None:
        insert_missing([row], "referral")


def register() -> None:
    gates.register(BATCH_START, batch_cover_gaps, on_override=batch_cover_override)
    gates.register(INTERNSHIP_START, internship_cover_gaps, on_override=internship_cover_override)
    gates.subscribe("training.enrolment.accepted", cover_accepted_enrolment)
    gates.subscribe("training.batch.status_changed", cover_batch_participants)
    gates.subscribe("placement.referral.started", cover_started_internship)

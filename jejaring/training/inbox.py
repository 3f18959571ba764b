"""What training puts in the "Perlu tindakan" inbox (found by jejaring.core.inbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jejaring.core.inbox import PER_KIND, InboxItem, InboxSource, as_role
from jejaring.core.scope import Role, scope_of
from jejaring.trainees.services import transfer_request_list_for
from jejaring.training import identity
from jejaring.training.models import Attendance, Batch, BatchSession, Enrolment

#: Applicants who wait for the operator's decision.
WAITING = (Enrolment.Status.APPLIED, Enrolment.Status.SHORTLISTED)


def applicants_waiting(*, actor: Any, today: date) -> list[InboxItem]:
    """Per batch open for registration or in selection: applicants not yet decided."""
    rows = (
        as_role(actor, Role.OPERATOR, Enrolment.objects.all())
        .filter(status__in=WAITING, batch__status__in=(Batch.Status.OPEN, Batch.Status.SELECTION))
        .values("batch_id", "batch__code", "batch__name", "batch__start_date")
        .annotate(n=Count("pk"))
        .order_by("batch__start_date", "batch_id")[:PER_KIND]
    )
    return [
        InboxItem(
            _("Seleksi pendaftar: %(code)s") % {"code": row["batch__code"]},
            reverse("training:batch_selection", args=[row["batch_id"]]),
            row["n"],
            row["batch__start_date"],
            row["batch__name"],
        )
        for row in rows
    ]


def sessions_without_attendance(*, actor: Any, today: date) -> list[InboxItem]:
    """Per running batch: sessions held up to today with no attendance recorded."""
    running = as_role(actor, Role.OPERATOR, Batch.objects.filter(status=Batch.Status.RUNNING))
    rows = (
        BatchSession.objects.filter(batch__in=running.values("pk"), date__lte=today)
        .filter(~Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .values("batch_id", "batch__code", "batch__name")
        .annotate(n=Count("pk"), first=Min("date"))
        .order_by("first", "batch_id")[:PER_KIND]
    )
    return [
        InboxItem(
            _("Isi kehadiran: %(code)s") % {"code": row["batch__code"]},
            reverse("training:batch_attendance", args=[row["batch_id"]]),
            row["n"],
            row["first"],
            _("%(name)s · sesi belum diisi") % {"name": row["batch__name"]},
        )
        for row in rows
    ]


def batches_to_finish(*, actor: Any, today: date) -> list[InboxItem]:
    """Running batches whose last day has come: finishing applies the completion rule."""
    batches = (
        as_role(actor, Role.OPERATOR, Batch.objects.all())
        .filter(status=Batch.Status.RUNNING, end_date__lte=today)
        .annotate(n=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.TRAINING)))
        .order_by("end_date", "pk")
        .values("pk", "code", "name", "end_date", "n")[:PER_KIND]
    )
    return [
        InboxItem(
            _("Selesaikan paket: %(code)s") % {"code": batch["code"]},
            reverse("training:batch_detail", args=[batch["pk"]]),
            max(batch["n"], 1),
            batch["end_date"],
            _("%(name)s · %(count)s peserta") % {"name": batch["name"], "count": batch["n"]},
        )
        for batch in batches
    ]


def identity_matches(*, actor: Any, today: date) -> list[InboxItem]:
    """The home office's identity work: other regions' matches of its people, review
    items, transfer requests."""
    awaiting = identity.awaiting_home_list_for(actor=actor).order_by().count()
    reviews = as_role(actor, Role.OFFICE_STAFF, identity.identity_review_list_for(actor=actor))
    transfers = as_role(actor, Role.OFFICE_STAFF, transfer_request_list_for(actor=actor))
    count = awaiting + reviews.order_by().count() + transfers.order_by().count()
    return [
        InboxItem(
            _("Verifikasi identitas"),
            reverse("training:identity_inbox"),
            count,
            detail=_("Pencocokan dari wilayah lain, tinjauan dan permintaan pindah"),
        )
    ]


def documents_to_bring(*, actor: Any, today: date) -> list[InboxItem]:
    """The trainee's accepted places in batches that have not started: what to bring on
    the first day."""
    person_id = scope_of(actor).person_id
    if person_id is None:
        return []
    enrolments = (
        Enrolment.objects.filter(
            person_id=person_id,
            status=Enrolment.Status.ACCEPTED,
            batch__start_date__gte=today,
        )
        .order_by("batch__start_date", "pk")
        .values("pk", "batch__name", "batch__start_date")[:PER_KIND]
    )
    return [
        InboxItem(
            _("Dokumen yang dibawa: %(name)s") % {"name": row["batch__name"]},
            reverse("my_training:enrolment_detail", args=[row["pk"]]),
            1,
            row["batch__start_date"],
            _("Bawa KTP dan ijazah asli pada hari pertama pelatihan"),
        )
        for row in enrolments
    ]


SOURCES = [
    InboxSource(Role.OPERATOR, applicants_waiting, 10),
    InboxSource(Role.OPERATOR, sessions_without_attendance, 20),
    InboxSource(Role.OPERATOR, batches_to_finish, 30),
    InboxSource(Role.OFFICE_STAFF, identity_matches, 80),
    InboxSource(Role.TRAINEE, documents_to_bring, 40),
]

"""What assessment puts in the "Perlu tindakan" inbox (found by jejaring.core.inbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jejaring.assessment.models import AssessmentSession, Candidate
from jejaring.core.inbox import PER_KIND, InboxItem, InboxSource, as_role
from jejaring.core.scope import Role
from jejaring.training.models import Batch, Enrolment


def certificates_to_issue(*, actor: Any, today: date) -> list[InboxItem]:
    """Per finished batch of the operator's institution: graduates without a training
    certificate yet."""
    rows = (
        as_role(actor, Role.OPERATOR, Enrolment.objects.all())
        .filter(
            status=Enrolment.Status.GRADUATED,
            batch__status=Batch.Status.FINISHED,
            certificate__isnull=True,
        )
        .values("batch_id", "batch__code", "batch__name", "batch__end_date")
        .annotate(n=Count("pk"))
        .order_by("batch__end_date", "batch_id")[:PER_KIND]
    )
    return [
        InboxItem(
            _("Terbitkan sertifikat: %(code)s") % {"code": row["batch__code"]},
            reverse("assessment:certificate_list") + f"?paket={row['batch_id']}",
            row["n"],
            None,
            _("%(name)s · lulusan belum bersertifikat") % {"name": row["batch__name"]},
        )
        for row in rows
    ]


def candidates_without_results(*, actor: Any, today: date) -> list[InboxItem]:
    """Per session of the assessor held up to today: candidates with no result yet."""
    rows = (
        as_role(actor, Role.ASSESSOR, Candidate.objects.all())
        .filter(
            status=Candidate.Status.REGISTERED,
            session__date__lte=today,
        )
        .exclude(session__status=AssessmentSession.Status.CANCELLED)
        .values("session_id", "session__scheme__name", "session__date")
        .annotate(n=Count("pk"))
        .order_by("session__date", "session_id")[:PER_KIND]
    )
    return [
        InboxItem(
            _("Isi hasil uji: %(scheme)s") % {"scheme": row["session__scheme__name"]},
            reverse("assessment:session_detail", args=[row["session_id"]]),
            row["n"],
            row["session__date"],
            _("Asesi tanpa hasil"),
        )
        for row in rows
    ]


SOURCES = [
    InboxSource(Role.OPERATOR, certificates_to_issue, 40),
    InboxSource(Role.ASSESSOR, candidates_without_results, 10),
]

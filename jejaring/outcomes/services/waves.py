"""The region's follow-up schedule and the follow-up waves it creates for graduates."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.errors import NotFound, PermissionDenied, ValidationError
from jejaring.outcomes import audit_actions, maths
from jejaring.outcomes.models import FollowUp, TracerSettings
from jejaring.regions.models import Region
from jejaring.training.models import Batch, Enrolment

MAX_POINTS = 6


def tracer_settings_for(*, region: Region) -> TracerSettings:
    """The region's follow-up schedule (the default 3, 6 and 12 months if never set)."""
    settings = TracerSettings.objects.filter(region=region).first()
    return settings or TracerSettings(region=region)


def tracer_settings_update(
    *, actor: Any, region: Region, points: list[int], link_valid_days: int
) -> TracerSettings:
    if not scope_of(actor).is_office:
        raise PermissionDenied(_("Hanya staf dinas yang dapat mengatur penelusuran."))
    if not scope_of(actor).is_office_of(region.pk):
        raise NotFound(_("Wilayah tidak ditemukan."))
    cleaned = sorted(set(points))
    if not cleaned or len(cleaned) > MAX_POINTS or any(not 1 <= p <= 60 for p in cleaned):
        raise ValidationError(
            _("Isi 1 sampai 6 titik penelusuran, masing-masing 1–60 bulan setelah lulus."),
            code="invalid_points",
            field="points",
        )
    if not 1 <= link_valid_days <= 365:
        raise ValidationError(
            _("Masa berlaku tautan 1–365 hari."), code="invalid_days", field="link_valid_days"
        )
    with transaction.atomic():
        settings, _created = TracerSettings.objects.select_for_update().get_or_create(region=region)
        before = {"points": settings.points, "link_valid_days": settings.link_valid_days}
        settings.points = cleaned
        settings.link_valid_days = link_valid_days
        settings.save()
        audit.record(
            actor=actor,
            action=audit_actions.TRACER_SETTINGS_UPDATE,
            target=settings,
            changes=audit.diff(before, {"points": cleaned, "link_valid_days": link_valid_days}),
        )
    return settings


def follow_up_waves_create(*, actor: Any, batches: QuerySet[Batch] | list[Batch]) -> int:
    """Create the follow-up points of every graduate of `batches` that lacks them, by the
    region's schedule; idempotent. Returns how many points were created."""
    batch_ids = [batch.pk for batch in batches]
    graduates = list(
        Enrolment.objects.filter(
            batch_id__in=batch_ids, status=Enrolment.Status.GRADUATED, graduated_on__isnull=False
        ).select_related("region")
    )
    if not graduates:
        return 0
    schedules = {
        region.pk: tracer_settings_for(region=region).points
        for region in {e.region for e in graduates}
    }
    existing = set(
        FollowUp.objects.filter(enrolment__in=graduates).values_list("enrolment_id", "months_after")
    )
    rows = []
    for enrolment in graduates:
        assert enrolment.graduated_on is not None
        for months in schedules[enrolment.region_id]:
            if (enrolment.pk, months) in existing:
                continue
            rows.append(
                FollowUp(
                    region_id=enrolment.region_id,
                    enrolment=enrolment,
                    person_id=enrolment.person_id,
                    institution_id=enrolment.institution_id,
                    months_after=months,
                    due_on=maths.add_months(enrolment.graduated_on, months),
                )
            )
    with transaction.atomic():
        FollowUp.objects.bulk_create(rows, ignore_conflicts=True)
        versions.bump({row.region_id for row in rows}, versions.OUTCOMES)
        for region_id in {row.region_id for row in rows}:
            audit.record(
                actor=actor,
                action=audit_actions.FOLLOW_UP_WAVE_CREATE,
                region=Region.objects.get(pk=region_id),
                changes={
                    "points": sum(1 for row in rows if row.region_id == region_id),
                    "batches": batch_ids,
                },
            )
    return len(rows)

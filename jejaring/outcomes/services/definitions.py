"""The office's indicator definitions and the statistics it publishes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import Conflict, NotFound, ValidationError
from jejaring.outcomes import audit_actions
from jejaring.outcomes.models import IndicatorDefinition, PublishedStatistics
from jejaring.regions.models import Region


def indicator_definition_save(
    *,
    actor: Any,
    region: Region,
    name: str,
    window_months: int,
    internship_counts_as_absorbed: bool,
    self_employment_counts_as_absorbed: bool,
    make_default: bool,
    definition: IndicatorDefinition | None = None,
) -> IndicatorDefinition:
    if not scope_of(actor).is_office_of(region.pk):
        raise NotFound(_("Wilayah tidak ditemukan."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Nama definisi wajib diisi."), code="required", field="name")
    if not 1 <= window_months <= 120:
        raise ValidationError(
            _("Jendela penelusuran 1–120 bulan."), code="invalid_window", field="window_months"
        )
    with transaction.atomic():
        if (
            IndicatorDefinition.objects.filter(region=region, name=name)
            .exclude(pk=getattr(definition, "pk", None))
            .exists()
        ):
            raise Conflict(_("Nama definisi sudah dipakai."), code="duplicate_name", field="name")
        obj = definition or IndicatorDefinition(region=region)
        before = audit.snapshot(
            obj,
            [
                "name",
                "window_months",
                "internship_counts_as_absorbed",
                "self_employment_counts_as_absorbed",
                "is_default",
            ],
        )
        if make_default:
            IndicatorDefinition.objects.filter(region=region, is_default=True).exclude(
                pk=obj.pk
            ).update(is_default=False)
        obj.name = name
        obj.window_months = window_months
        obj.internship_counts_as_absorbed = internship_counts_as_absorbed
        obj.self_employment_counts_as_absorbed = self_employment_counts_as_absorbed
        obj.is_default = make_default or obj.is_default
        obj.save()
        after = audit.snapshot(obj, before)
        audit.record(
            actor=actor,
            action=audit_actions.DEFINITION_SAVE,
            target=obj,
            changes=audit.diff(before, after),
        )
    return obj


def statistics_publish(
    *, actor: Any, region: Region, year: int, definition: IndicatorDefinition, payload: dict
) -> PublishedStatistics:
    """Publish a snapshot of the region's indicators of `year` on its public page."""
    if not scope_of(actor).is_office_of(region.pk):
        raise NotFound(_("Wilayah tidak ditemukan."))
    if definition.region_id != region.pk:
        raise NotFound(_("Definisi tidak ditemukan."))
    with transaction.atomic():
        published = PublishedStatistics.objects.create(
            region=region,
            year=year,
            definition=definition,
            payload=payload,
            published_by=actor,
        )
        audit.record(
            actor=actor,
            action=audit_actions.STATISTICS_PUBLISH,
            target=published,
            changes={"year": year, "definition": definition.name},
        )
    return published

"""Admin for BPJS Ketenagakerjaan rates, coverages, overrides of the coverage gate and
incidents; for the platform's superusers only (see jejaring.core.admin).

A coverage override is a staff member's recorded decision: it is read-only here."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin, ReadOnlyAdmin
from jejaring.social_security.models import (
    ContributionRate,
    Coverage,
    CoverageOverride,
    Incident,
)


@admin.register(ContributionRate)
class ContributionRateAdmin(JejaringAdmin):
    list_display = ("category", "valid_from", "jkk_pct", "jkm_monthly", "min_declared_income")
    list_filter = ("category",)
    search_fields = ("legal_basis",)


@admin.register(Coverage)
class CoverageAdmin(JejaringAdmin):
    list_display = ("person", "kind", "payer", "status", "cover_start", "cover_end", "region")
    list_filter = ("kind", "payer", "status", "region")
    search_fields = ("person__full_name", "=kpj_number")
    list_select_related = ("person", "region")
    autocomplete_fields = ("person", "enrolment", "referral", "payer_company")
    readonly_fields = ("created_at",)
    date_hierarchy = "cover_start"


@admin.register(CoverageOverride)
class CoverageOverrideAdmin(ReadOnlyAdmin):
    list_display = ("decided_at", "batch", "referral", "decided_by", "region")
    list_filter = ("region",)
    search_fields = ("reason", "batch__code")
    list_select_related = ("batch", "referral__person", "referral__formation", "decided_by")
    raw_id_fields = ("batch", "referral", "decided_by")
    readonly_fields = ("decided_at",)


@admin.register(Incident)
class IncidentAdmin(JejaringAdmin):
    list_display = ("coverage", "kind", "occurred_at", "claim_status", "claim_number", "region")
    list_filter = ("kind", "claim_status", "region")
    search_fields = ("coverage__person__full_name", "=claim_number", "place")
    list_select_related = ("coverage__person", "region")
    raw_id_fields = ("coverage", "reported_by")
    readonly_fields = ("created_at",)
    date_hierarchy = "occurred_at"

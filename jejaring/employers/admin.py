"""Admin for companies, network partners, agreements and formations; for the platform's
superusers only (see jejaring.core.admin).

Editing a formation's quota here does not check the seats its active referrals hold; the
quota rule is enforced by the placement services."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin, JejaringTabularInline
from jejaring.employers.models import (
    Agreement,
    Company,
    CompanyContact,
    Formation,
    NetworkPartner,
)


class CompanyContactInline(JejaringTabularInline):
    model = CompanyContact


@admin.register(Company)
class CompanyAdmin(JejaringAdmin):
    list_display = (
        "name",
        "sector",
        "kbli_code",
        "workforce_size",
        "is_partner",
        "status",
        "region",
    )
    list_filter = ("is_partner", "status", "accepts_all_vocations", "region")
    search_fields = ("name", "legal_name", "kbli_code")
    list_select_related = ("region",)
    readonly_fields = ("created_at",)
    inlines = (CompanyContactInline,)


@admin.register(CompanyContact)
class CompanyContactAdmin(JejaringAdmin):
    list_display = ("full_name", "company", "position", "email", "is_primary")
    list_filter = ("is_primary",)
    search_fields = ("full_name", "email", "company__name")
    list_select_related = ("company",)
    autocomplete_fields = ("company",)


@admin.register(NetworkPartner)
class NetworkPartnerAdmin(JejaringAdmin):
    list_display = ("name", "kind", "contact_name", "region")
    list_filter = ("kind", "region")
    search_fields = ("name", "contact_name")
    list_select_related = ("region",)


@admin.register(Agreement)
class AgreementAdmin(JejaringAdmin):
    list_display = ("number", "company", "kind", "valid_from", "valid_until", "status", "region")
    list_filter = ("kind", "status", "region")
    search_fields = ("number", "title", "company__name")
    list_select_related = ("company", "region")
    autocomplete_fields = ("company",)
    date_hierarchy = "valid_until"


@admin.register(Formation)
class FormationAdmin(JejaringAdmin):
    list_display = ("title", "company", "kind", "quota", "status", "closes_on", "region")
    list_filter = ("kind", "status", "min_result", "region")
    search_fields = ("title", "company__name", "kbji_code")
    list_select_related = ("company", "region")
    autocomplete_fields = ("company", "vocations")
    readonly_fields = ("created_at",)

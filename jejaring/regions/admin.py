"""Admin for regions and holidays; for the platform's superusers only (see jejaring.core.admin)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from jejaring.core.admin import JejaringAdmin
from jejaring.regions.models import Holiday, Region


@admin.register(Region)
class RegionAdmin(JejaringAdmin):
    list_display = ("name", "code", "kind", "province_name", "office_short_name", "is_active")
    list_filter = ("kind", "is_active", "province_name")
    search_fields = ("name", "=code", "office_name", "office_short_name")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "kind",
                    "name",
                    "slug",
                    "province_code",
                    "province_name",
                    "timezone",
                    "is_active",
                )
            },
        ),
        (
            _("Dinas dan kop surat"),
            {
                "fields": (
                    "office_name",
                    "office_short_name",
                    "office_address",
                    "office_city",
                    "office_phone",
                    "office_email",
                    "office_website",
                    "letterhead_logo",
                )
            },
        ),
        (
            _("Penanda tangan dokumen"),
            {
                "fields": (
                    "signatory_name",
                    "signatory_position",
                    "signatory_rank",
                    "signatory_nip",
                    "signature_image",
                )
            },
        ),
    )


@admin.register(Holiday)
class HolidayAdmin(JejaringAdmin):
    list_display = ("date", "name", "region")
    list_filter = ("region",)
    search_fields = ("name",)
    list_select_related = ("region",)
    date_hierarchy = "date"

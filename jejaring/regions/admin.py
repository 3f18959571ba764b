"""Admin for regions and holidays; for the platform's superusers only (see jejaring.core.admin)."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin
from jejaring.regions.models import Holiday, Region


@admin.register(Region)
class RegionAdmin(JejaringAdmin):
    list_display = ("name", "code", "kind", "province_name", "office_short_name", "is_active")
    list_filter = ("kind", "is_active", "province_name")
    search_fields = ("name", "=code", "office_name", "office_short_name")
    prepopulated_fields = {"slug": ("name",)}
    ordering = ("name",)


@admin.register(Holiday)
class HolidayAdmin(JejaringAdmin):
    list_display = ("date", "name", "region")
    list_filter = ("region",)
    search_fields = ("name",)
    list_select_related = ("region",)
    date_hierarchy = "date"

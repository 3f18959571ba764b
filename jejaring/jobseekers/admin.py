"""Admin for job-seeker cards, their reports, the number counters and the region settings."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin, JejaringTabularInline
from jejaring.jobseekers.models import (
    CardCounter,
    JobSeekerCard,
    JobSeekerReport,
    JobSeekerSettings,
)


class JobSeekerReportInline(JejaringTabularInline):
    model = JobSeekerReport
    raw_id_fields = ("recorded_by",)


@admin.register(JobSeekerCard)
class JobSeekerCardAdmin(JejaringAdmin):
    list_display = ("number", "person", "status", "issued_on", "valid_until", "region")
    list_filter = ("status", "channel", "region")
    search_fields = ("number", "person__full_name")
    list_select_related = ("person", "region")
    raw_id_fields = ("person", "checked_by", "issued_by")
    inlines = (JobSeekerReportInline,)


@admin.register(JobSeekerReport)
class JobSeekerReportAdmin(JejaringAdmin):
    list_display = ("card", "cycle", "box", "reported_on", "channel")
    list_select_related = ("card",)
    raw_id_fields = ("card", "recorded_by")


@admin.register(CardCounter)
class CardCounterAdmin(JejaringAdmin):
    list_display = ("region", "year", "last")
    list_filter = ("region",)


@admin.register(JobSeekerSettings)
class JobSeekerSettingsAdmin(JejaringAdmin):
    list_display = ("region", "require_kk", "officer_name")

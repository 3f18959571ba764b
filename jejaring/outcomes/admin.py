"""Admin for tracer follow-ups, their answers, indicator definitions and published
statistics; for the platform's superusers only (see jejaring.core.admin).

Follow-up answers keep their history: add a new current answer through the app rather
than editing an old one here. Published statistics are what the public saw, so they are
read-only."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin, JejaringTabularInline, ReadOnlyAdmin
from jejaring.outcomes.models import (
    FollowUp,
    FollowUpAnswer,
    GraduateOutcome,
    IndicatorDefinition,
    PublishedStatistics,
    TracerSettings,
)


class FollowUpAnswerInline(JejaringTabularInline):
    model = FollowUpAnswer
    fields = ("status", "source", "company", "employer_name", "is_current", "recorded_at")
    readonly_fields = ("recorded_at",)
    raw_id_fields = ("company",)


@admin.register(FollowUp)
class FollowUpAdmin(JejaringAdmin):
    list_display = ("person", "enrolment", "months_after", "due_on", "link_sent_at", "region")
    list_filter = ("months_after", "region")
    search_fields = ("person__full_name", "enrolment__batch__code")
    list_select_related = ("person", "enrolment__person", "enrolment__batch", "region")
    autocomplete_fields = ("person", "enrolment", "institution")
    # Rotating the nonce invalidates the alumnus's personal link; the app does that.
    readonly_fields = ("link_nonce", "link_sent_at")
    date_hierarchy = "due_on"
    inlines = (FollowUpAnswerInline,)


@admin.register(FollowUpAnswer)
class FollowUpAnswerAdmin(JejaringAdmin):
    list_display = ("follow_up", "status", "source", "is_current", "recorded_by", "recorded_at")
    list_filter = ("status", "source", "is_current", "via_referral")
    search_fields = ("follow_up__person__full_name", "employer_name")
    list_select_related = ("follow_up__person", "recorded_by")
    raw_id_fields = ("follow_up", "company", "recorded_by")
    readonly_fields = ("recorded_at",)


@admin.register(IndicatorDefinition)
class IndicatorDefinitionAdmin(JejaringAdmin):
    list_display = (
        "name",
        "window_months",
        "internship_counts_as_absorbed",
        "self_employment_counts_as_absorbed",
        "is_default",
        "region",
    )
    list_filter = ("is_default", "region")
    search_fields = ("name",)
    list_select_related = ("region",)


@admin.register(PublishedStatistics)
class PublishedStatisticsAdmin(ReadOnlyAdmin):
    list_display = ("region", "year", "definition", "published_at", "published_by")
    list_filter = ("year", "region")
    list_select_related = ("region", "definition", "published_by")
    date_hierarchy = "published_at"


@admin.register(TracerSettings)
class TracerSettingsAdmin(JejaringAdmin):
    list_display = ("region", "points", "link_valid_days")
    list_select_related = ("region",)


@admin.register(GraduateOutcome)
class GraduateOutcomeAdmin(ReadOnlyAdmin):
    """Derived from the enrolments and the follow-up answers; `manage.py
    refresh_graduate_outcomes` rebuilds it."""

    list_display = (
        "enrolment",
        "graduated_on",
        "vocation",
        "answered",
        "first_employed_on",
        "first_internship_on",
        "first_self_employed_on",
        "region",
    )
    list_filter = ("answered", "graduation_year", "region")
    list_select_related = ("vocation", "region")
    raw_id_fields = ("enrolment",)

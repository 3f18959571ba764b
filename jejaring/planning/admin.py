"""Admin for coordination meetings, industry needs, vocation synonyms, funding envelopes,
training plans (with the batches their lines became) and instructor needs; for the
platform's superusers only (see jejaring.core.admin)."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin, JejaringTabularInline
from jejaring.planning.models import (
    CoordinationMeeting,
    FundingEnvelope,
    IndustryNeed,
    InstructorNeed,
    PlanLine,
    PlanLineBatch,
    TrainingPlan,
    VocationSynonym,
)


@admin.register(CoordinationMeeting)
class CoordinationMeetingAdmin(JejaringAdmin):
    list_display = ("held_on", "title", "location", "region")
    list_filter = ("region",)
    search_fields = ("title", "location")
    list_select_related = ("region",)
    autocomplete_fields = ("companies", "partners")
    date_hierarchy = "held_on"


@admin.register(IndustryNeed)
class IndustryNeedAdmin(JejaringAdmin):
    list_display = ("description", "company", "quantity", "kind", "vocation", "mapping", "region")
    list_filter = ("mapping", "kind", "region")
    search_fields = ("description", "company__name", "partner__name")
    list_select_related = ("company", "vocation", "region")
    autocomplete_fields = ("company", "partner", "meeting", "vocation", "units")
    raw_id_fields = ("mapped_by", "submitted_by")
    readonly_fields = ("mapped_at", "created_at")


@admin.register(VocationSynonym)
class VocationSynonymAdmin(JejaringAdmin):
    list_display = ("phrase", "vocation", "source", "weight")
    list_filter = ("source", "vocation")
    search_fields = ("phrase", "vocation__name")
    list_select_related = ("vocation",)
    autocomplete_fields = ("vocation",)


@admin.register(FundingEnvelope)
class FundingEnvelopeAdmin(JejaringAdmin):
    list_display = ("year", "funding_source", "amount", "region")
    list_filter = ("year", "funding_source", "region")
    search_fields = ("note",)
    list_select_related = ("region",)


class PlanLineInline(JejaringTabularInline):
    model = PlanLine
    fields = (
        "channel",
        "title",
        "vocation",
        "packages",
        "people_per_package",
        "cost_per_package",
        "funding_source",
    )
    autocomplete_fields = ("vocation",)


@admin.register(TrainingPlan)
class TrainingPlanAdmin(JejaringAdmin):
    list_display = ("title", "year", "status", "submitted_at", "decided_at", "region")
    list_filter = ("status", "year", "region")
    search_fields = ("title",)
    list_select_related = ("region",)
    raw_id_fields = ("decided_by",)
    readonly_fields = ("created_at",)
    inlines = (PlanLineInline,)


class PlanLineBatchInline(JejaringTabularInline):
    model = PlanLineBatch
    raw_id_fields = ("batch",)


@admin.register(PlanLine)
class PlanLineAdmin(JejaringAdmin):
    list_display = ("title", "plan", "channel", "packages", "people_per_package", "funding_source")
    list_filter = ("channel", "funding_source")
    search_fields = ("title", "plan__title")
    list_select_related = ("plan",)
    autocomplete_fields = ("institution", "program", "vocation", "evidence")
    raw_id_fields = ("plan",)
    inlines = (PlanLineBatchInline,)


@admin.register(PlanLineBatch)
class PlanLineBatchAdmin(JejaringAdmin):
    """Which batches each approved plan line became (also shown on the line)."""

    list_display = ("batch", "plan_line")
    search_fields = ("batch__code", "batch__name", "plan_line__title")
    list_select_related = ("batch", "plan_line")
    raw_id_fields = ("batch", "plan_line")


@admin.register(InstructorNeed)
class InstructorNeedAdmin(JejaringAdmin):
    list_display = ("description", "vocation", "status", "candidate", "region")
    list_filter = ("status", "region")
    search_fields = ("description", "vocation__name")
    list_select_related = ("vocation", "candidate", "region")
    autocomplete_fields = ("vocation", "candidate")
    raw_id_fields = ("plan_line",)

"""Admin for internship rule sets (dated configuration) and programs (with the formations
that run under them)."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin, JejaringTabularInline
from jejaring.internships.models import InternshipProgram, InternshipRuleSet, ProgramFormation


@admin.register(InternshipRuleSet)
class InternshipRuleSetAdmin(JejaringAdmin):
    list_display = (
        "valid_from",
        "legal_basis",
        "max_intern_pct_of_workforce",
        "max_duration_months",
        "min_age",
        "decision_working_days",
    )
    search_fields = ("legal_basis",)


class ProgramFormationInline(JejaringTabularInline):
    model = ProgramFormation
    raw_id_fields = ("formation",)


@admin.register(InternshipProgram)
class InternshipProgramAdmin(JejaringAdmin):
    list_display = ("title", "company", "status", "submitted_at", "decision_due_on", "region")
    list_filter = ("status", "region")
    search_fields = ("title", "company__name")
    list_select_related = ("company", "region")
    autocomplete_fields = ("company",)
    raw_id_fields = ("decided_by",)
    inlines = (ProgramFormationInline,)


@admin.register(ProgramFormation)
class ProgramFormationAdmin(JejaringAdmin):
    """Which program each internship formation runs under (also shown on the program)."""

    list_display = ("formation", "program")
    search_fields = ("formation__title", "program__title", "program__company__name")
    list_select_related = ("formation__company", "program")
    raw_id_fields = ("formation", "program")

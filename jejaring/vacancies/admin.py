"""Admin for vacancies and the public form's employer reports."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin
from jejaring.vacancies.models import EmployerReport, Vacancy


@admin.register(Vacancy)
class VacancyAdmin(JejaringAdmin):
    list_display = ("title", "company", "kbji_code", "openings", "filled", "status", "closes_on")
    list_filter = ("status", "source", "occupation_group", "region")
    search_fields = ("title", "company__name", "kbji_code")
    list_select_related = ("company", "region")
    raw_id_fields = ("company", "employer_report", "formation", "reviewed_by")


@admin.register(EmployerReport)
class EmployerReportAdmin(JejaringAdmin):
    list_display = ("company_name", "status", "submitted_at", "region")
    list_filter = ("status", "region")
    search_fields = ("company_name", "npwp", "nib")
    list_select_related = ("region",)
    raw_id_fields = ("company",)

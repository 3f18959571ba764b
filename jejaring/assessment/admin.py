"""Admin for LSPs, test sites, units, schemes, assessors, assessment sessions,
candidates and certificates; for the platform's superusers only (see
jejaring.core.admin)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jejaring.assessment.models import (
    AssessmentSession,
    Assessor,
    Candidate,
    CertificationBody,
    CompetencyCertificate,
    CompetencyUnit,
    Scheme,
    SchemeUnit,
    SelfAssessment,
    SessionAssessor,
    TestSite,
    TrainingCertificate,
    UnitAssessment,
)
from jejaring.core.admin import JejaringAdmin, JejaringTabularInline


@admin.register(CertificationBody)
class CertificationBodyAdmin(JejaringAdmin):
    list_display = ("name", "kind", "license_number")
    list_filter = ("kind",)
    search_fields = ("name", "license_number")


@admin.register(TestSite)
class TestSiteAdmin(JejaringAdmin):
    list_display = ("name", "lsp", "institution")
    list_filter = ("lsp",)
    search_fields = ("name", "lsp__name")
    list_select_related = ("lsp", "institution")
    autocomplete_fields = ("lsp", "institution")


@admin.register(CompetencyUnit)
class CompetencyUnitAdmin(JejaringAdmin):
    list_display = ("code", "title", "title_en")
    search_fields = ("code", "title", "title_en")


class SchemeUnitInline(JejaringTabularInline):
    model = SchemeUnit
    autocomplete_fields = ("unit",)
    show_change_link = False


@admin.register(Scheme)
class SchemeAdmin(JejaringAdmin):
    list_display = ("name", "code", "kind", "kkni_level", "vocation", "lsp")
    list_filter = ("kind", "kkni_level", "vocation")
    search_fields = ("name", "code")
    list_select_related = ("vocation", "lsp")
    autocomplete_fields = ("vocation", "lsp")
    inlines = (SchemeUnitInline,)


@admin.register(SchemeUnit)
class SchemeUnitAdmin(JejaringAdmin):
    list_display = ("scheme", "unit", "position")
    search_fields = ("scheme__code", "scheme__name", "unit__code")
    list_select_related = ("scheme", "unit")
    autocomplete_fields = ("scheme", "unit")


@admin.register(Assessor)
class AssessorAdmin(JejaringAdmin):
    list_display = ("full_name", "registration_number", "lsp", "valid_until", "user")
    list_filter = ("lsp",)
    search_fields = ("full_name", "=registration_number", "email")
    list_select_related = ("lsp", "user")
    autocomplete_fields = ("lsp",)
    raw_id_fields = ("user",)


class SessionAssessorInline(JejaringTabularInline):
    model = SessionAssessor
    autocomplete_fields = ("assessor",)
    show_change_link = False


@admin.register(AssessmentSession)
class AssessmentSessionAdmin(JejaringAdmin):
    list_display = ("scheme", "date", "test_site", "lsp", "batch", "status", "region")
    list_filter = ("status", "lsp", "region")
    search_fields = ("scheme__name", "scheme__code", "test_site__name", "batch__code")
    list_select_related = ("scheme", "test_site", "lsp", "batch", "region")
    autocomplete_fields = ("scheme", "lsp", "test_site", "batch", "institution")
    date_hierarchy = "date"
    inlines = (SessionAssessorInline,)


@admin.register(SessionAssessor)
class SessionAssessorAdmin(JejaringAdmin):
    list_display = ("session", "assessor")
    search_fields = ("assessor__full_name", "session__scheme__name")
    list_select_related = ("session__scheme", "assessor")
    raw_id_fields = ("session",)
    autocomplete_fields = ("assessor",)


class SelfAssessmentInline(JejaringTabularInline):
    model = SelfAssessment
    autocomplete_fields = ("unit",)


class UnitAssessmentInline(JejaringTabularInline):
    model = UnitAssessment
    autocomplete_fields = ("unit", "assessor")
    readonly_fields = ("recorded_at",)


@admin.register(Candidate)
class CandidateAdmin(JejaringAdmin):
    list_display = ("person", "session", "status", "result", "score", "assessed_on", "region")
    list_filter = ("status", "result", "region")
    search_fields = ("person__full_name", "session__scheme__name")
    list_select_related = ("person", "session__scheme", "region")
    autocomplete_fields = ("person", "enrolment")
    raw_id_fields = ("session", "retake_of")
    inlines = (SelfAssessmentInline, UnitAssessmentInline)


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(JejaringAdmin):
    list_display = ("candidate", "unit", "claim")
    list_filter = ("claim",)
    search_fields = ("candidate__person__full_name", "unit__code")
    list_select_related = ("candidate__person", "candidate__session__scheme", "unit")
    raw_id_fields = ("candidate",)
    autocomplete_fields = ("unit",)


@admin.register(UnitAssessment)
class UnitAssessmentAdmin(JejaringAdmin):
    list_display = ("candidate", "unit", "result", "assessor", "recorded_at")
    list_filter = ("result",)
    search_fields = ("candidate__person__full_name", "unit__code")
    list_select_related = ("candidate__person", "candidate__session__scheme", "unit", "assessor")
    raw_id_fields = ("candidate",)
    autocomplete_fields = ("unit", "assessor")
    readonly_fields = ("recorded_at",)


@admin.register(TrainingCertificate)
class TrainingCertificateAdmin(JejaringAdmin):
    list_display = ("number", "enrolment", "institution", "issued_on", "status", "region")
    list_filter = ("status", "region")
    search_fields = ("=number", "enrolment__person__full_name")
    list_select_related = ("enrolment__person", "enrolment__batch", "institution", "region")
    autocomplete_fields = ("enrolment", "institution")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The token is the address printed in the certificate's QR code: changing it
        # would break every printed copy.
        return ("verification_token",) if obj is not None else ()


@admin.register(CompetencyCertificate)
class CompetencyCertificateAdmin(JejaringAdmin):
    list_display = ("registration_number", "person", "scheme", "lsp", "issued_on", "valid_until")
    list_filter = ("lsp", "region")
    search_fields = ("=registration_number", "person__full_name")
    list_select_related = ("person", "scheme", "lsp")
    autocomplete_fields = ("person", "scheme", "lsp")
    raw_id_fields = ("candidate",)
    readonly_fields = ("reminder_sent_at",)
    date_hierarchy = "valid_until"

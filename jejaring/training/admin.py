"""Admin for institutions, vocations, programs, instructors, batches, enrolments and
attendance; for the platform's superusers only (see jejaring.core.admin)."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin, JejaringTabularInline
from jejaring.training.models import (
    Attendance,
    Batch,
    BatchSession,
    Enrolment,
    EnrolmentDocument,
    IdentityReview,
    Instructor,
    InstructorCredential,
    Program,
    TrainingInstitution,
    Vocation,
)


@admin.register(TrainingInstitution)
class TrainingInstitutionAdmin(JejaringAdmin):
    list_display = ("name", "short_name", "kind", "region", "registration_number", "is_active")
    list_filter = ("kind", "is_active", "region")
    search_fields = ("name", "short_name", "registration_number")
    list_select_related = ("region",)


@admin.register(Vocation)
class VocationAdmin(JejaringAdmin):
    list_display = ("name", "code", "name_en", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "code", "name_en")


@admin.register(Program)
class ProgramAdmin(JejaringAdmin):
    list_display = ("name", "code", "institution", "vocation", "hours_jp", "status", "region")
    list_filter = ("status", "is_entrepreneurship", "vocation", "region")
    search_fields = ("name", "code", "institution__name")
    list_select_related = ("institution", "vocation", "region")
    autocomplete_fields = ("institution", "vocation", "scheme", "units")


class InstructorCredentialInline(JejaringTabularInline):
    model = InstructorCredential
    autocomplete_fields = ("unit",)


@admin.register(Instructor)
class InstructorAdmin(JejaringAdmin):
    list_display = ("full_name", "institution", "status", "region")
    list_filter = ("status", "region")
    search_fields = ("full_name", "email")
    list_select_related = ("institution", "region")
    autocomplete_fields = ("institution", "vocations")
    inlines = (InstructorCredentialInline,)


@admin.register(InstructorCredential)
class InstructorCredentialAdmin(JejaringAdmin):
    list_display = ("title", "instructor", "issuer", "number", "issued_on", "valid_until")
    search_fields = ("title", "number", "instructor__full_name")
    list_select_related = ("instructor",)
    autocomplete_fields = ("instructor", "unit")


class BatchSessionInline(JejaringTabularInline):
    model = BatchSession
    raw_id_fields = ("instructor",)


@admin.register(Batch)
class BatchAdmin(JejaringAdmin):
    list_display = (
        "code",
        "name",
        "institution",
        "year",
        "funding_source",
        "capacity",
        "start_date",
        "end_date",
        "status",
        "region",
    )
    list_filter = ("status", "year", "funding_source", "region")
    search_fields = ("code", "name", "institution__name", "program__name")
    list_select_related = ("institution", "region")
    autocomplete_fields = ("institution", "program", "instructors")
    readonly_fields = ("created_at",)
    date_hierarchy = "start_date"
    inlines = (BatchSessionInline,)


@admin.register(BatchSession)
class BatchSessionAdmin(JejaringAdmin):
    list_display = ("batch", "date", "starts_at", "ends_at", "topic", "instructor")
    search_fields = ("batch__code", "topic")
    list_select_related = ("batch", "instructor")
    raw_id_fields = ("batch", "instructor")
    date_hierarchy = "date"


class EnrolmentDocumentInline(JejaringTabularInline):
    model = EnrolmentDocument
    readonly_fields = ("uploaded_at",)


@admin.register(Enrolment)
class EnrolmentAdmin(JejaringAdmin):
    list_display = (
        "person",
        "batch",
        "institution",
        "status",
        "source",
        "applied_at",
        "graduated_on",
        "region",
    )
    list_filter = ("status", "source", "identity", "region")
    search_fields = ("person__full_name", "batch__code", "batch__name")
    list_select_related = ("person", "batch", "institution", "region")
    autocomplete_fields = ("person", "batch", "institution")
    readonly_fields = ("applied_at",)
    date_hierarchy = "applied_at"
    inlines = (EnrolmentDocumentInline,)


@admin.register(IdentityReview)
class IdentityReviewAdmin(JejaringAdmin):
    list_display = ("kind", "person", "batch", "region", "created_at", "resolved_at")
    list_filter = ("kind", "region")
    list_select_related = ("person", "batch", "region")
    autocomplete_fields = ("person", "batch", "enrolment")
    readonly_fields = ("created_at",)


@admin.register(EnrolmentDocument)
class EnrolmentDocumentAdmin(JejaringAdmin):
    list_display = ("enrolment", "kind", "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("enrolment__person__full_name", "enrolment__batch__code")
    list_select_related = ("enrolment__person", "enrolment__batch")
    autocomplete_fields = ("enrolment",)
    readonly_fields = ("uploaded_at",)


@admin.register(Attendance)
class AttendanceAdmin(JejaringAdmin):
    list_display = ("enrolment", "session", "status", "recorded_by", "recorded_at")
    list_filter = ("status",)
    search_fields = ("enrolment__person__full_name", "session__batch__code")
    list_select_related = (
        "enrolment__person",
        "enrolment__batch",
        "session__batch",
        "recorded_by",
    )
    autocomplete_fields = ("enrolment",)
    raw_id_fields = ("session", "recorded_by")
    readonly_fields = ("recorded_at",)

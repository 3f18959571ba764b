"""Admin for the entrepreneurship path; grant rules are dated rows an administrator adds."""

from django.contrib import admin

from jejaring.core.admin import JejaringAdmin
from jejaring.enterprise.models import (
    BudgetLine,
    Business,
    BusinessFollowUp,
    BusinessFollowUpAnswer,
    EnterpriseGroup,
    GrantProposal,
    GrantRule,
    GroupMember,
    MentoringVisit,
    ReportFile,
    SupportCase,
)


@admin.register(Business)
class BusinessAdmin(JejaringAdmin):
    list_display = ("name", "person", "kind", "stage", "started_on", "workers", "region")
    list_filter = ("stage", "kind", "region")
    search_fields = ("name", "nib", "kbli_code")
    list_select_related = ("person", "region")
    raw_id_fields = ("person", "enrolment", "jobseeker_card", "group", "created_by")


@admin.register(GrantRule)
class GrantRuleAdmin(JejaringAdmin):
    list_display = (
        "scheme",
        "valid_from",
        "min_members",
        "max_members",
        "min_age",
        "max_age",
        "amount",
        "tools_percent",
        "tolerance_percent",
        "region",
    )
    list_filter = ("scheme", "region")
    list_select_related = ("region",)


@admin.register(EnterpriseGroup)
class EnterpriseGroupAdmin(JejaringAdmin):
    list_display = ("name", "kind", "scheme", "region")
    list_filter = ("kind", "region")
    search_fields = ("name",)
    list_select_related = ("region",)


@admin.register(GroupMember)
class GroupMemberAdmin(JejaringAdmin):
    list_display = ("person", "group", "role", "joined_on", "age_when_checked")
    list_select_related = ("person", "group")
    raw_id_fields = ("person", "group", "checked_by")


@admin.register(GrantProposal)
class GrantProposalAdmin(JejaringAdmin):
    list_display = ("group", "scheme", "status", "proposed_on", "disbursed_amount", "region")
    list_filter = ("status", "scheme", "region")
    list_select_related = ("group", "region")
    raw_id_fields = ("group", "rule", "checked_by")


@admin.register(BudgetLine)
class BudgetLineAdmin(JejaringAdmin):
    list_display = ("description", "proposal", "category", "planned", "spent")
    list_select_related = ("proposal__group",)
    raw_id_fields = ("proposal",)


@admin.register(ReportFile)
class ReportFileAdmin(JejaringAdmin):
    list_display = ("__str__", "proposal", "kind", "uploaded_at")
    list_select_related = ("proposal__group",)
    raw_id_fields = ("proposal", "line", "uploaded_by")


@admin.register(SupportCase)
class SupportCaseAdmin(JejaringAdmin):
    list_display = ("kind", "person", "group", "started_on", "amount", "region")
    list_filter = ("kind", "region")
    list_select_related = ("person", "group", "region")
    raw_id_fields = ("person", "group", "business", "batch")


@admin.register(MentoringVisit)
class MentoringVisitAdmin(JejaringAdmin):
    list_display = ("visited_on", "mentor", "case")
    list_select_related = ("case",)
    raw_id_fields = ("case",)


@admin.register(BusinessFollowUp)
class BusinessFollowUpAdmin(JejaringAdmin):
    list_display = ("business", "months_after", "due_on", "region")
    list_select_related = ("business", "region")
    raw_id_fields = ("business",)
    exclude = ("link_nonce",)


@admin.register(BusinessFollowUpAnswer)
class BusinessFollowUpAnswerAdmin(JejaringAdmin):
    list_display = ("follow_up", "operating", "workers", "revenue_band", "source", "is_current")
    list_select_related = ("follow_up__business",)
    raw_id_fields = ("follow_up", "recorded_by")

"""Admin for allocation rounds, applications, results, referrals and internship
agreements; for the platform's superusers only (see jejaring.core.admin).

Rounds are allocated and published, and referrals change status, through the placement
services, which hold the quota rule and the allowed transitions; the admin is for
repairs only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from jejaring.core.admin import JejaringAdmin, JejaringTabularInline
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    Application,
    ApplicationChoice,
    CompanyRanking,
    InternshipAgreement,
    Referral,
    RoundFormation,
)


class RoundFormationInline(JejaringTabularInline):
    model = RoundFormation
    raw_id_fields = ("formation",)


@admin.register(AllocationRound)
class AllocationRoundAdmin(JejaringAdmin):
    list_display = ("name", "status", "opens_at", "closes_at", "allocated_at", "region")
    list_filter = ("status", "region")
    search_fields = ("name",)
    list_select_related = ("region",)
    raw_id_fields = ("created_by",)
    inlines = (RoundFormationInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = ("input_digest", "allocated_at", "published_at", "created_at")
        # The seed is chosen when a round is created; afterwards it is part of the record
        # that makes the round reproducible.
        return ("seed", *fields) if obj is not None else fields


@admin.register(RoundFormation)
class RoundFormationAdmin(JejaringAdmin):
    list_display = ("round", "formation", "seats", "priority_source")
    list_filter = ("priority_source",)
    search_fields = ("round__name", "formation__title", "formation__company__name")
    list_select_related = ("round", "formation__company")
    raw_id_fields = ("round", "formation")


@admin.register(CompanyRanking)
class CompanyRankingAdmin(JejaringAdmin):
    list_display = ("round_formation", "position", "person")
    search_fields = ("person__full_name", "round_formation__formation__title")
    list_select_related = (
        "round_formation__round",
        "round_formation__formation__company",
        "person",
    )
    raw_id_fields = ("round_formation",)
    autocomplete_fields = ("person",)


class ApplicationChoiceInline(JejaringTabularInline):
    model = ApplicationChoice
    raw_id_fields = ("formation",)
    show_change_link = False


@admin.register(Application)
class ApplicationAdmin(JejaringAdmin):
    list_display = ("person", "round", "status", "submitted_at", "lottery_number", "region")
    list_filter = ("status", "region")
    search_fields = ("person__full_name", "round__name")
    list_select_related = ("person", "round", "region")
    autocomplete_fields = ("person", "enrolment")
    raw_id_fields = ("round",)
    readonly_fields = ("lottery_number",)
    inlines = (ApplicationChoiceInline,)


@admin.register(ApplicationChoice)
class ApplicationChoiceAdmin(JejaringAdmin):
    list_display = ("application", "rank", "formation", "eligible", "ineligible_reason")
    list_filter = ("eligible",)
    search_fields = ("application__person__full_name", "formation__title")
    list_select_related = (
        "application__person",
        "application__round",
        "formation__company",
    )
    raw_id_fields = ("application", "formation")


@admin.register(AllocationResult)
class AllocationResultAdmin(JejaringAdmin):
    list_display = ("application", "round", "formation", "choice_rank")
    search_fields = ("application__person__full_name", "round__name")
    list_select_related = (
        "application__person",
        "application__round",
        "round",
        "formation__company",
    )
    raw_id_fields = ("round", "application", "formation")


@admin.register(Referral)
class ReferralAdmin(JejaringAdmin):
    list_display = (
        "person",
        "formation",
        "company",
        "status",
        "letter_number",
        "referred_at",
        "region",
    )
    list_filter = ("status", "region")
    search_fields = ("person__full_name", "company__name", "formation__title", "=letter_number")
    list_select_related = ("person", "formation__company", "company", "region")
    autocomplete_fields = ("person", "formation", "company")
    raw_id_fields = ("round", "application")
    readonly_fields = ("referred_at",)
    date_hierarchy = "referred_at"


@admin.register(InternshipAgreement)
class InternshipAgreementAdmin(JejaringAdmin):
    list_display = ("number", "referral", "starts_on", "ends_on", "status", "region")
    list_filter = ("status", "region")
    search_fields = ("=number", "referral__person__full_name", "referral__company__name")
    list_select_related = ("referral__person", "referral__formation__company", "region")
    raw_id_fields = ("referral", "ratified_by")

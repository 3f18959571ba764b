"""Reads of the entrepreneurship path, scoped through each model's policy (`for_actor`):
office staff see their region's records, a person their own businesses and support and
the groups they belong to."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.enterprise.models import (
    Business,
    BusinessFollowUp,
    EnterpriseGroup,
    GrantProposal,
    ReportFile,
    SupportCase,
)


def business_list_for(*, actor: Any, stage: str = "") -> QuerySet[Business]:
    qs = Business.objects.for_actor(actor).select_related("person")
    if stage:
        qs = qs.filter(stage=stage)
    return qs.order_by("-created_at", "-id")


def business_get_for(*, actor: Any, business_id: int) -> Business:
    business = (
        business_list_for(actor=actor)
        .select_related("region", "enrolment__batch__program", "jobseeker_card", "group")
        .filter(pk=business_id)
        .first()
    )
    if business is None:
        raise NotFound(_("Usaha tidak ditemukan."))
    return business


def follow_ups_of(*, business: Business) -> list[BusinessFollowUp]:
    return list(business.follow_ups.prefetch_related("answers").order_by("months_after"))


def follow_up_get_for(*, actor: Any, business_follow_up_id: int) -> BusinessFollowUp:
    found = (
        BusinessFollowUp.objects.for_actor(actor)
        .select_related("business__person", "region")
        .filter(pk=business_follow_up_id)
        .first()
    )
    if found is None:
        raise NotFound(_("Penelusuran tidak ditemukan."))
    return found


def group_list_for(*, actor: Any) -> QuerySet[EnterpriseGroup]:
    return EnterpriseGroup.objects.for_actor(actor).order_by("-created_at", "-id")


def group_get_for(*, actor: Any, enterprise_group_id: int) -> EnterpriseGroup:
    group = (
        group_list_for(actor=actor).select_related("region").filter(pk=enterprise_group_id).first()
    )
    if group is None:
        raise NotFound(_("Kelompok tidak ditemukan."))
    return group


def proposal_list_for(*, actor: Any, status: str = "") -> QuerySet[GrantProposal]:
    qs = GrantProposal.objects.for_actor(actor).select_related("group")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-proposed_on", "-id")


def proposal_get_for(*, actor: Any, grant_proposal_id: int) -> GrantProposal:
    proposal = (
        proposal_list_for(actor=actor)
        .select_related("rule", "region")
        .filter(pk=grant_proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFound(_("Usulan tidak ditemukan."))
    return proposal


def report_file_get_for(*, actor: Any, report_file_id: int) -> ReportFile:
    visible = GrantProposal.objects.for_actor(actor).values("pk")
    found = ReportFile.objects.filter(pk=report_file_id, proposal__in=visible).first()
    if found is None:
        raise NotFound(_("Berkas tidak ditemukan."))
    return found


def support_list_for(*, actor: Any) -> QuerySet[SupportCase]:
    return (
        SupportCase.objects.for_actor(actor)
        .select_related("person", "group")
        .order_by("-started_on", "-id")
    )


def support_get_for(*, actor: Any, support_case_id: int) -> SupportCase:
    case = (
        support_list_for(actor=actor)
        .select_related("region", "business", "batch")
        .filter(pk=support_case_id)
        .first()
    )
    if case is None:
        raise NotFound(_("Dukungan tidak ditemukan."))
    return case

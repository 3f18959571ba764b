"""Reads of training plans, their lines and totals, and funding envelopes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.planning.models import FundingEnvelope, PlanLine, TrainingPlan


def plan_list_for(*, actor: Any) -> QuerySet[TrainingPlan]:
    return (
        TrainingPlan.objects.for_actor(actor)
        .annotate(
            line_count=Count("lines"),
            people=Coalesce(
                Sum(F("lines__packages") * F("lines__people_per_package")),
                0,
                output_field=IntegerField(),
            ),
            cost=Coalesce(
                Sum(F("lines__packages") * F("lines__cost_per_package")),
                0,
                output_field=IntegerField(),
            ),
        )
        .order_by("-year", "title")
    )


def plan_get_for(*, actor: Any, training_plan_id: int) -> TrainingPlan:
    plan = (
        TrainingPlan.objects.for_actor(actor)
        .select_related("region")
        .filter(pk=training_plan_id)
        .first()
    )
    if plan is None:
        raise NotFound(_("Rencana tidak ditemukan."))
    return plan


def plan_line_get_for(*, actor: Any, plan_line_id: int) -> PlanLine:
    plans = TrainingPlan.objects.for_actor(actor)
    line = (
        PlanLine.objects.select_related(
            "plan", "plan__region", "program", "institution", "vocation"
        )
        .filter(pk=plan_line_id, plan__in=plans)
        .first()
    )
    if line is None:
        raise NotFound(_("Baris rencana tidak ditemukan."))
    return line


def plan_lines(*, plan: TrainingPlan) -> QuerySet[PlanLine]:
    """The plan's lines with their evidence and batch counts (three queries)."""
    return (
        PlanLine.objects.filter(plan=plan)
        .select_related("institution", "program", "vocation")
        .prefetch_related("evidence__company", "evidence__partner")
        .annotate(
            people=F("packages") * F("people_per_package"),
            total_cost=F("packages") * F("cost_per_package"),
            batch_count=Count("batch_links", distinct=True),
        )
        .order_by("channel", "pk")
    )


@dataclass(frozen=True)
class PlanTotals:
    packages: int
    people: int
    cost: int


def plan_totals(*, plan: TrainingPlan) -> PlanTotals:
    row = PlanLine.objects.filter(plan=plan).aggregate(
        total_packages=Sum("packages"),
        total_people=Sum(F("packages") * F("people_per_package")),
        total_cost=Sum(F("packages") * F("cost_per_package")),
    )
    return PlanTotals(
        int(row["total_packages"] or 0), int(row["total_people"] or 0), int(row["total_cost"] or 0)
    )


def plan_channel_totals(*, plan: TrainingPlan) -> list[dict[str, Any]]:
    """Packages, people and cost per channel and institution (BLK, each LPKS, community
    BLK, ...), in one grouped query."""
    labels = dict(PlanLine.Channel.choices)
    rows = (
        PlanLine.objects.filter(plan=plan)
        .values("channel", "institution__name")
        .annotate(
            total_packages=Sum("packages"),
            total_people=Sum(F("packages") * F("people_per_package")),
            total_cost=Sum(F("packages") * F("cost_per_package")),
        )
        .order_by("channel", "institution__name")
    )
    return [{**row, "channel_label": labels.get(row["channel"], row["channel"])} for row in rows]


def envelope_list_for(*, actor: Any) -> QuerySet[FundingEnvelope]:
    return FundingEnvelope.objects.for_actor(actor).order_by("-year", "funding_source")


def institution_options_for(*, actor: Any) -> QuerySet[Any]:
    from jejaring.training.models import TrainingInstitution

    return TrainingInstitution.objects.for_actor(actor).filter(is_active=True).order_by("name")


def program_options_for(*, actor: Any) -> QuerySet[Any]:
    from jejaring.training.models import Program

    return Program.objects.for_actor(actor).select_related("institution").order_by("name")

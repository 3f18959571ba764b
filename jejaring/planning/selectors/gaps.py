"""The gap analysis (demand against supply per vocation) and the instructor gap, both
set-based."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound
from jejaring.planning.models import (
    IndustryNeed,
    InstructorNeed,
    PlanLine,
    PlanLineBatch,
    TrainingPlan,
)
from jejaring.planning.selectors.needs import _need_year, need_list_for
from jejaring.training.models import Vocation

ABSORBED_REFERRALS = ("started", "hired", "completed")


@dataclass
class GapRow:
    vocation_id: int | None
    vocation_name: str
    needs: int = 0
    formations: int = 0
    referrals: int = 0
    planned: int = 0
    graduates: int = 0
    competent: int = 0
    absorbed: int = 0
    #: Graduates of the year who started a business (entrepreneurship path, issue 21).
    self_employed: int = 0

    @property
    def demand(self) -> int:
        return self.needs + self.formations

    @property
    def unmet(self) -> int:
        """Demand no planned place answers."""
        return max(self.demand - self.planned, 0)

    @property
    def oversupply(self) -> int:
        """Graduates not absorbed."""
        return max(self.graduates - self.absorbed, 0)


@dataclass
class GapAnalysis:
    year: int
    rows: list[GapRow] = field(default_factory=list)
    unmapped_needs: int = 0
    #: People in the year's kelurahan entrepreneurship packages (plan lines of that channel).
    entrepreneurship_planned: int = 0

    def chart_data(self) -> dict[str, Any]:
        return {
            "labels": [r.vocation_name for r in self.rows],
            "demand": [r.demand for r in self.rows],
            "planned": [r.planned for r in self.rows],
            "graduates": [r.graduates for r in self.rows],
            "absorbed": [r.absorbed for r in self.rows],
            "names": {
                "demand": str(_("Permintaan")),
                "planned": str(_("Rencana")),
                "graduates": str(_("Lulusan")),
                "absorbed": str(_("Terserap")),
            },
        }


def _grouped(qs: QuerySet[Any], key: str, value: Any) -> dict[int, int]:
    return {
        row[key]: int(row["v"] or 0)
        for row in qs.values(key).annotate(v=value).values(key, "v")
        if row[key] is not None
    }


def gap_analysis_for(*, actor: Any, year: int) -> GapAnalysis:
    """Demand against supply per vocation for `year`, in ten grouped queries.

    Demand: needs stated for the year (by the date they are needed, else the date they
    were recorded), quota of formations open in the year, and referrals made in the year.
    Supply: planned places (batches of the year, plus lines of the year's plans that have
    not yet produced batches), graduates of the year's batches, those found competent,
    and absorbed graduates: referred and started work or hired, or reported employed at a
    follow-up. Beside them, graduates who started a business of their own, and the people
    of the year's kelurahan entrepreneurship packages.
    """
    from jejaring.assessment.models import Candidate
    from jejaring.employers.models import Formation
    from jejaring.enterprise.models import Business
    from jejaring.outcomes.models import GraduateOutcome
    from jejaring.placement.models import Referral
    from jejaring.training.models import Batch, Enrolment

    needs_qs = IndustryNeed.objects.for_actor(actor).annotate(y=_need_year()).filter(y=year)
    needs = _grouped(needs_qs.filter(vocation__isnull=False), "vocation_id", Sum("quantity"))
    unmapped = needs_qs.filter(vocation__isnull=True).aggregate(n=Coalesce(Sum("quantity"), 0))["n"]
    formations = _grouped(
        Formation.objects.for_actor(actor)
        .filter(status__in=["open", "closed"])
        .annotate(y=Coalesce(ExtractYear("period_start"), ExtractYear("created_at")))
        .filter(y=year),
        "vocations",
        Sum("quota"),
    )
    referrals = _grouped(
        Referral.objects.for_actor(actor).filter(referred_at__year=year),
        "formation__vocations",
        Count("pk", distinct=True),
    )
    batches = Batch.objects.for_actor(actor).filter(year=year).exclude(status="cancelled")
    planned = _grouped(batches, "program__vocation", Sum("capacity"))
    year_lines = PlanLine.objects.filter(
        plan__in=TrainingPlan.objects.for_actor(actor)
        .filter(year=year)
        .exclude(status=TrainingPlan.Status.RETURNED)
    )
    unbatched = _grouped(
        year_lines.filter(vocation__isnull=False).filter(
            ~Exists(PlanLineBatch.objects.filter(plan_line=OuterRef("pk")))
        ),
        "vocation",
        Sum(F("packages") * F("people_per_package")),
    )
    entrepreneurship_planned = year_lines.filter(channel=PlanLine.Channel.KELURAHAN).aggregate(
        n=Coalesce(Sum(F("packages") * F("people_per_package")), 0)
    )["n"]
    graduates_qs = Enrolment.objects.for_actor(actor).filter(
        batch__year=year, status=Enrolment.Status.GRADUATED
    )
    graduates = _grouped(graduates_qs, "batch__program__vocation", Count("pk"))
    competent = _grouped(
        graduates_qs.filter(Exists(Candidate.objects.filter(enrolment=OuterRef("pk"), result="K"))),
        "batch__program__vocation",
        Count("pk"),
    )
    absorbed = _grouped(
        graduates_qs.filter(
            Exists(
                Referral.objects.filter(person=OuterRef("person"), status__in=ABSORBED_REFERRALS)
            )
            | Exists(
                GraduateOutcome.objects.filter(
                    enrolment=OuterRef("pk"), first_employed_on__isnull=False
                )
            )
        ),
        "batch__program__vocation",
        Count("pk"),
    )
    self_employed = _grouped(
        graduates_qs.filter(
            Exists(Business.objects.filter(enrolment=OuterRef("pk"), started_on__isnull=False))
        ),
        "batch__program__vocation",
        Count("pk"),
    )
    ids = set(needs) | set(formations) | set(referrals) | set(planned) | set(unbatched)
    ids |= set(graduates)
    names = dict(Vocation.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = [
        GapRow(
            vocation_id=pk,
            vocation_name=names.get(pk, "?"),
            needs=needs.get(pk, 0),
            formations=formations.get(pk, 0),
            referrals=referrals.get(pk, 0),
            planned=planned.get(pk, 0) + unbatched.get(pk, 0),
            graduates=graduates.get(pk, 0),
            competent=competent.get(pk, 0),
            absorbed=absorbed.get(pk, 0),
            self_employed=self_employed.get(pk, 0),
        )
        for pk in ids
    ]
    rows.sort(key=lambda r: (-r.unmet, -r.demand, r.vocation_name))
    return GapAnalysis(
        year=year,
        rows=rows,
        unmapped_needs=int(unmapped),
        entrepreneurship_planned=int(entrepreneurship_planned),
    )


@dataclass(frozen=True)
class GapDrill:
    """What lies behind one row of the gap: the needs, and the plan lines and batches
    that answer them (`vocation_id` None: the needs without a vocation)."""

    needs: QuerySet[IndustryNeed]
    lines: QuerySet[PlanLine]
    batches: QuerySet[Any]


def gap_drill_for(*, actor: Any, year: int, vocation_id: int | None) -> GapDrill:
    from jejaring.training.models import Batch

    needs = need_list_for(actor=actor, year=year)
    if vocation_id is None:
        return GapDrill(
            needs=needs.filter(vocation__isnull=True),
            lines=PlanLine.objects.none(),
            batches=Batch.objects.none(),
        )
    plans = TrainingPlan.objects.for_actor(actor).filter(year=year)
    return GapDrill(
        needs=needs.filter(vocation_id=vocation_id),
        lines=PlanLine.objects.filter(plan__in=plans, vocation_id=vocation_id)
        .select_related("plan", "institution")
        .order_by("plan__title", "pk"),
        batches=Batch.objects.for_actor(actor)
        .filter(year=year, program__vocation_id=vocation_id)
        .exclude(status="cancelled")
        .select_related("institution")
        .order_by("start_date", "code"),
    )


# ---------------------------------------------------------------- instructor gap


@dataclass(frozen=True)
class InstructorGapRow:
    line: PlanLine
    need: InstructorNeed | None


def qualified_vocation_ids(*, region_id: int) -> set[int]:
    """Vocations with an active instructor of the region holding a credential that is
    still valid (or has no end date) — one query."""
    from datetime import date

    from jejaring.training.models import Instructor, InstructorCredential

    today = date.today()
    credentials = InstructorCredential.objects.filter(instructor=OuterRef("pk")).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )
    return set(
        Instructor.objects.filter(region_id=region_id, status="active")
        .filter(Exists(credentials))
        .exclude(vocations__isnull=True)
        .values_list("vocations", flat=True)
        .distinct()
    )


def instructor_gap_for(*, actor: Any, year: int | None = None) -> list[InstructorGapRow]:
    """Plan lines with a vocation no active, credentialed instructor of the region covers,
    with the search for one (if opened). Four queries."""
    plans = TrainingPlan.objects.for_actor(actor).exclude(status=TrainingPlan.Status.RETURNED)
    if year is not None:
        plans = plans.filter(year=year)
    lines = list(
        PlanLine.objects.filter(plan__in=plans, vocation__isnull=False)
        .select_related("plan", "vocation", "institution")
        .order_by("plan__year", "vocation__name", "pk")
    )
    by_region: dict[int, set[int]] = {}
    for region_id in {line.plan.region_id for line in lines}:
        by_region[region_id] = qualified_vocation_ids(region_id=region_id)
    needs = {
        n.plan_line_id: n
        for n in InstructorNeed.objects.for_actor(actor)
        .filter(plan_line__in=[line.pk for line in lines])
        .select_related("candidate")
    }
    return [
        InstructorGapRow(line, needs.get(line.pk))
        for line in lines
        if line.vocation_id not in by_region[line.plan.region_id] or line.pk in needs
    ]


def instructor_need_list_for(*, actor: Any) -> QuerySet[InstructorNeed]:
    return (
        InstructorNeed.objects.for_actor(actor)
        .select_related("vocation", "candidate", "plan_line", "plan_line__plan")
        .order_by("status", "pk")
    )


def instructor_need_get_for(*, actor: Any, instructor_need_id: int) -> InstructorNeed:
    need = (
        InstructorNeed.objects.for_actor(actor)
        .select_related("vocation", "candidate", "plan_line")
        .filter(pk=instructor_need_id)
        .first()
    )
    if need is None:
        raise NotFound(_("Kebutuhan instruktur tidak ditemukan."))
    return need


def instructor_options_for(*, actor: Any, vocation_id: int | None = None) -> QuerySet[Any]:
    from jejaring.training.models import Instructor

    qs = Instructor.objects.for_actor(actor)
    if vocation_id is not None:
        qs = qs.filter(vocations=vocation_id)
    return qs.order_by("full_name")

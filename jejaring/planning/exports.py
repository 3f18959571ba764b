"""The training plan as a spreadsheet, in the layout the office sends to the budget
team: one row per line with its totals, then the envelope check per funding source."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from jejaring.core.spreadsheets import Sheet, xlsx_response
from jejaring.planning import selectors, services
from jejaring.planning.models import TrainingPlan
from jejaring.training.models import FundingSource


def plan_sheets(plan: TrainingPlan) -> list[Sheet]:
    lines = selectors.plan_lines(plan=plan)
    totals = selectors.plan_totals(plan=plan)
    sources = dict(FundingSource.choices)
    rows: list[list[object]] = [
        [
            line.get_channel_display(),
            line.institution.name if line.institution else "",
            line.title,
            line.vocation.name if line.vocation else "",
            line.packages,
            line.people_per_package,
            line.people,  # type: ignore[attr-defined]
            line.days_per_package,
            line.cost_per_package,
            line.total_cost,  # type: ignore[attr-defined]
            str(sources.get(line.funding_source, line.funding_source)),
            "; ".join(need.description for need in line.evidence.all()),
        ]
        for line in lines
    ]
    rows.append(
        [_("Jumlah"), "", "", "", totals.packages, "", totals.people, "", "", totals.cost, "", ""]
    )
    checks = [
        [
            str(sources.get(check.funding_source, check.funding_source)),
            check.planned,
            check.envelope if check.envelope is not None else "",
            (check.envelope - check.planned) if check.envelope is not None else "",
        ]
        for check in services.plan_envelope_checks(plan=plan)
    ]
    return [
        Sheet(
            _("Rencana"),
            [
                _("Jalur"),
                _("Lembaga"),
                _("Uraian"),
                _("Kejuruan"),
                _("Paket"),
                _("Orang per paket"),
                _("Jumlah orang"),
                _("Hari per paket"),
                _("Biaya per paket (Rp)"),
                _("Jumlah biaya (Rp)"),
                _("Sumber dana"),
                _("Bukti kebutuhan industri"),
            ],
            rows,
        ),
        Sheet(
            _("Pagu"),
            [_("Sumber dana"), _("Direncanakan (Rp)"), _("Pagu (Rp)"), _("Sisa (Rp)")],
            checks,
        ),
    ]


def plan_xlsx_response(plan: TrainingPlan) -> HttpResponse:
    return xlsx_response(f"rencana-pelatihan-{plan.year}-{plan.pk}.xlsx", plan_sheets(plan))

"""Writes of placement: allocation rounds (open, close, allocate, publish), company
rankings and applications with ranked choices. Each write is atomic and audited; bulk
work is set-based. Formations and internship agreements have their own modules
(`jejaring.placement.formations`, `jejaring.placement.internship_agreements`), seats
theirs (`jejaring.placement.seats`)."""

from jejaring.placement.seats import seats_held
from jejaring.placement.services.applications import (
    applicant_problem,
    application_submit,
    application_withdraw,
    qualifying_enrolment,
    verdicts_for,
)
from jejaring.placement.services.rankings import RANKING_COLUMNS, ranking_upload
from jejaring.placement.services.rounds import (
    MAX_CHOICES_LIMIT,
    fill_by_formation,
    judge_choices,
    lock_formations,
    round_add_formation,
    round_allocate,
    round_cancel,
    round_close,
    round_create,
    round_publish,
    round_replay,
)

__all__ = [
    "MAX_CHOICES_LIMIT",
    "RANKING_COLUMNS",
    "applicant_problem",
    "application_submit",
    "application_withdraw",
    "fill_by_formation",
    "judge_choices",
    "lock_formations",
    "qualifying_enrolment",
    "ranking_upload",
    "round_add_formation",
    "round_allocate",
    "round_cancel",
    "round_close",
    "round_create",
    "round_publish",
    "round_replay",
    "seats_held",
    "verdicts_for",
]

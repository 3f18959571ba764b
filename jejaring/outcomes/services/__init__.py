"""Writes of the tracer: follow-up waves, answers with their history, personal answer
links, indicator definitions and published statistics. Each write is atomic and audited.
One module per aggregate; this package re-exports them all.
"""

from __future__ import annotations

from jejaring.outcomes.services.answers import (
    LINK_SALT,
    NIB,
    AnswerData,
    answers_from_referral,
    employment_confirm_by_company,
    follow_up_answer_by_link,
    follow_up_answer_record,
    follow_up_from_token,
    follow_up_link_email,
    follow_up_link_issue,
    follow_up_link_token,
    follow_up_message,
)
from jejaring.outcomes.services.definitions import (
    indicator_definition_save,
    statistics_publish,
)
from jejaring.outcomes.services.waves import (
    MAX_POINTS,
    follow_up_waves_create,
    tracer_settings_for,
    tracer_settings_update,
)

__all__ = [
    "LINK_SALT",
    "MAX_POINTS",
    "NIB",
    "AnswerData",
    "answers_from_referral",
    "employment_confirm_by_company",
    "follow_up_answer_by_link",
    "follow_up_answer_record",
    "follow_up_from_token",
    "follow_up_link_email",
    "follow_up_link_issue",
    "follow_up_link_token",
    "follow_up_message",
    "follow_up_waves_create",
    "indicator_definition_save",
    "statistics_publish",
    "tracer_settings_for",
    "tracer_settings_update",
]

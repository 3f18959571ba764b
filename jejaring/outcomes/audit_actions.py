"""The outcomes app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

from __future__ import annotations

DEFINITION_SAVE = "outcomes.definition.save"

DRILL_DOWN_EXPORT = "outcomes.drill_down.export"

FOLLOW_UP_ANSWER = "outcomes.follow_up.answer"
FOLLOW_UP_LINK_ISSUE = "outcomes.follow_up.link_issue"
FOLLOW_UP_WAVE_CREATE = "outcomes.follow_up.wave_create"

STATISTICS_PUBLISH = "outcomes.statistics.publish"

TRACER_SETTINGS_UPDATE = "outcomes.tracer_settings.update"

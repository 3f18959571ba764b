"""Reads for the audit page and the office home's recent activity. All region-owned reads go through
`for_actor`; figures are set-based (a fixed number of queries per page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from jejaring.core.audit_display import Entry, describe_all
from jejaring.core.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    actor_query: str = ""
    target_type: str = ""  # "app_label.model"
    target_id: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


#: The audit list's order, unique, for keyset pages (index audit_region_time_id).
AUDIT_LIST_ORDER = ("-occurred_at", "-id")


def audit_event_list_for(*, actor: Any, filters: AuditFilter) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.for_actor(actor).select_related("target_type", "region")
    if filters.actor_query:
        qs = qs.filter(
            Q(actor_label__icontains=filters.actor_query)
            | Q(actor__username__iexact=filters.actor_query)
        )
    if filters.target_type:
        app_label, _, model = filters.target_type.partition(".")
        ctype = ContentType.objects.filter(app_label=app_label, model=model).first()
        qs = qs.filter(target_type=ctype) if ctype else qs.none()
    if filters.target_id:
        qs = qs.filter(target_id=filters.target_id)
    if filters.action:
        qs = qs.filter(action__startswith=filters.action)
    if filters.date_from:
        qs = qs.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(occurred_at__date__lte=filters.date_to)
    return qs.order_by(*AUDIT_LIST_ORDER)


def audit_entries(events: list[AuditEvent]) -> list[Entry]:
    """The page's events in words (jejaring.core.audit_display); reads no database."""
    return describe_all(events)


def audited_target_types() -> list[tuple[str, str]]:
    """(value, label) of every model that appears in the audit trail, for the filter."""
    ids = AuditEvent.objects.exclude(target_type=None).values_list("target_type", flat=True)
    types = ContentType.objects.filter(pk__in=ids.distinct()).order_by("app_label", "model")
    choices = []
    for ct in types:
        model = ct.model_class()
        if model is not None:
            choices.append(
                (f"{ct.app_label}.{ct.model}", str(model._meta.verbose_name).capitalize())
            )
    return choices


def recent_audit_for(*, actor: Any, today: date) -> dict[str, Any]:
    """The office's latest audited writes, for the home page."""
    events = AuditEvent.objects.for_actor(actor).select_related("target_type")
    return {"recent_audit": describe_all(events.order_by("-occurred_at")[:5])}

"""Placement's figures for `/metrics` (jejaring.core.metrics): allocation rounds by status."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count
from prometheus_client.core import Metric

from jejaring.core.metrics import FamilySource, by_status
from jejaring.placement.models import AllocationRound


def _rounds() -> Iterator[Metric]:
    rows = AllocationRound.objects.values("status").annotate(n=Count("pk")).order_by()
    yield by_status("jejaring_allocation_rounds", "Allocation rounds by status.", rows, ["status"])


FAMILIES: list[FamilySource] = [_rounds]

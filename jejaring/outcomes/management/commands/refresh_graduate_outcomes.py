"""Rebuild the per-graduate outcome facts from the current follow-up answers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jejaring.outcomes import summaries
from jejaring.regions.models import Region


class Command(BaseCommand):
    help = "Recompute the per-graduate outcome facts (GraduateOutcome) from the answers."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--region", help="only this region code, e.g. 33.75")

    def handle(self, *args: Any, **options: Any) -> None:
        regions = []
        if options["region"]:
            regions = list(
                Region.objects.filter(code=options["region"]).values_list("pk", flat=True)
            )
            if not regions:
                raise CommandError(f"No region with code {options['region']!r}.")
        with transaction.atomic():
            written = summaries.refresh(region_ids=regions)
        self.stdout.write(f"{written} graduates refreshed")

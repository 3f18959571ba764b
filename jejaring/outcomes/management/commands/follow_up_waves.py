"""Create the missing follow-up points of every finished batch: safe to run daily (it
only adds what is missing), e.g. after an import of historical batches."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jejaring.outcomes import services
from jejaring.training.models import Batch


class Command(BaseCommand):
    help = "Create the missing follow-up points (3, 6, 12 months …) of finished batches."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--region", help="only this region code, e.g. 33.75")

    def handle(self, *args: Any, **options: Any) -> None:
        batches = Batch.objects.filter(status=Batch.Status.FINISHED)
        if options["region"]:
            batches = batches.filter(region__code=options["region"])
        created = services.follow_up_waves_create(actor=None, batches=list(batches))
        self.stdout.write(f"{created} follow-up points created")

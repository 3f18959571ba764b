"""The daily BPJS timer: end cover whose period is over, then put interns who started or
are about to start on the enrolment lists (and participants of open batches). Safe to run
any number of times a day: each step only does what is still missing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from jejaring.social_security import coverage_gates, services
from jejaring.training.models import Batch


class Command(BaseCommand):
    help = "End expired BPJS cover and rebuild the enrolment lists (run daily)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="the day to act as today, YYYY-MM-DD")
        parser.add_argument("--batch", type=int, help="only rebuild the list of this batch id")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError("--today must be YYYY-MM-DD") from None
        if options["batch"] is not None:
            batch = Batch.objects.filter(pk=options["batch"]).first()
            if batch is None:
                raise CommandError(f"no batch {options['batch']}")
            with transaction.atomic():
                added = coverage_gates.batch_list_build(batch)
            self.stdout.write(f"{added} participants added to the list of {batch.code}")
            return
        ended = services.coverage_end_expired(today=today)
        added = 0
        open_statuses = (Batch.Status.OPEN, Batch.Status.SELECTION, Batch.Status.RUNNING)
        for batch in Batch.objects.filter(status__in=open_statuses, end_date__gte=today):
            with transaction.atomic():
                added += coverage_gates.batch_list_build(batch)
        added += services.coverage_list_build_internships(actor=None)
        self.stdout.write(f"{ended} cover ended or cancelled; {added} people added to lists")

"""`manage.py restore ARCHIVE`: restore a `manage.py backup` archive into an empty
database and an empty media directory, after checking every member against the manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from jejaring.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY database and media directory: checksums and "
        "engine are checked before anything is written, row counts after."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="a .tar.gz written by manage.py backup")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = restore_backup(
                Path(options["archive"]), connection=connections[options["database"]]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {outcome.archive}: {outcome.tables} tables, {outcome.rows} rows (counts "
            f"match the manifest), {outcome.media_files} media files"
        )
        for note in outcome.notes:
            self.stdout.write(self.style.WARNING(note))

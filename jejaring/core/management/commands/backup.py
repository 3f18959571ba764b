"""`manage.py backup DEST`: one archive of the database, the media files and a manifest
(see jejaring.core.backup). DEST is a directory (the archive is named with the time) or a
file path ending in .tar.gz."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from jejaring.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) of the database (SQLite online backup or pg_dump custom "
        "format), the media files and a manifest with row counts and SHA-256 checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", help="a directory (timestamped name) or an archive path")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = create_backup(
                Path(options["dest"]), connection=connections[options["database"]]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{outcome.archive}: {outcome.engine}, {outcome.tables} tables, {outcome.rows} rows, "
            f"{outcome.media_files} media files, {outcome.size / 1e6:.1f} MB"
        )
        for note in outcome.notes:
            self.stdout.write(self.style.WARNING(note))

"""Importing a batch's participants from a spreadsheet (XLSX or CSV), all or nothing.

The importer plugs into the import-job framework (:mod:`jejaring.core.imports`): the whole
file is checked in a background task — every row, with every bad row listed in Indonesian
(`rows`) — and nothing is written until the user confirms a file without a single bad row
(`participants`).

Checks are set-based: a 10,000-row file costs a handful of queries, not one per row.
"""

from jejaring.training.imports.participants import (
    CHUNK,
    KIND,
    OPEN_STATUSES,
    ParticipantImporter,
    batch_for_import,
    batch_problems,
    enrolment_problems,
    taken_places,
)
from jejaring.training.imports.rows import (
    COLUMNS,
    HEADER,
    SAMPLE_ROW,
    Participant,
    drop_sample_row,
    parse_date,
    parse_rows,
)

__all__ = [
    "CHUNK",
    "COLUMNS",
    "HEADER",
    "KIND",
    "OPEN_STATUSES",
    "SAMPLE_ROW",
    "Participant",
    "ParticipantImporter",
    "batch_for_import",
    "batch_problems",
    "drop_sample_row",
    "enrolment_problems",
    "parse_date",
    "parse_rows",
    "taken_places",
]

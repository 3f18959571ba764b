"""The internships app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes (those of
internship programs, formations and internship agreements still start with "employers."
from before the code moved); services and tests use these constants instead of the strings."""

from __future__ import annotations

INTERNSHIP_PROGRAM_CREATE = "employers.internship_program.create"
INTERNSHIP_PROGRAM_DECIDE = "employers.internship_program.decide"
INTERNSHIP_PROGRAM_SUBMIT = "employers.internship_program.submit"
INTERNSHIP_PROGRAM_UPDATE = "employers.internship_program.update"

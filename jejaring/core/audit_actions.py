"""The core's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings. (The admin's actions are built from the
model: `admin.<app>.<model>.<verb>`.)"""

from __future__ import annotations

IMPORT_JOB_CREATE = "import_job.create"
IMPORT_JOB_CONFIRM = "import_job.confirm"

"""The accounts app's audit actions: the names stored in `AuditEvent.action`.

Stored rows keep the name they were written with, so a name never changes; services and
tests use these constants instead of the strings."""

from __future__ import annotations

USER_INVITE = "accounts.user.invite"
LOCKOUT_RELEASE = "accounts.lockout.release"

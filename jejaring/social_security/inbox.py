"""What social security puts in the "Perlu tindakan" inbox (found by jejaring.core.inbox)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jejaring.core.inbox import InboxItem, InboxSource, as_role, summarise
from jejaring.core.scope import Role
from jejaring.social_security import selectors
from jejaring.social_security.models import Coverage


def lists_to_register(*, actor: Any, today: date) -> list[InboxItem]:
    """Cover waiting to be registered with BPJS Ketenagakerjaan, the earliest start first."""
    waiting = as_role(actor, Role.OFFICE_STAFF, Coverage.objects.all()).filter(
        status=Coverage.Status.TO_REGISTER
    )
    summary = summarise(waiting, "cover_start")
    if not summary.count:
        return []
    return [
        InboxItem(
            _("Daftarkan peserta ke BPJS Ketenagakerjaan"),
            reverse("social_security:coverage_list") + "?status=to_register",
            summary.count,
            summary.due,
            _("Unduh daftar pendaftaran, lalu impor nomor KPJ"),
        )
    ]


def cover_warnings(*, actor: Any, today: date) -> list[InboxItem]:
    """Participants starting soon (or already started) without active JKK/JKM cover."""
    warnings = selectors.warnings_for(actor=actor, today=today)
    if not warnings:
        return []
    return [
        InboxItem(
            _("Peringatan BPJS: peserta belum terlindungi"),
            reverse("social_security:dashboard"),
            sum(len(w.uncovered) for w in warnings),
            min(w.starts_on for w in warnings),
            ", ".join(w.label for w in warnings[:3]),
        )
    ]


SOURCES = [
    InboxSource(Role.OFFICE_STAFF, cover_warnings, 30),
    InboxSource(Role.OFFICE_STAFF, lists_to_register, 31),
]

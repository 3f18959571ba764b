"""Menu entries of the outcomes area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_OFFICE = frozenset({Role.OFFICE_STAFF})
_SECTION = Section.OUTCOMES

ENTRIES = [
    NavEntry(
        _("Keterserapan"),
        "outcomes:dashboard",
        frozenset({Role.OFFICE_STAFF, Role.VIEWER}),
        500,
        section=_SECTION,
    ),
    NavEntry(
        _("Informasi pasar kerja"),
        "outcomes:ipk_report",
        frozenset({Role.OFFICE_STAFF, Role.VIEWER}),
        505,
        section=_SECTION,
    ),
    NavEntry(
        _("Penelusuran alumni"),
        "outcomes:follow_up_list",
        frozenset({Role.OFFICE_STAFF, Role.OPERATOR}),
        510,
        section=_SECTION,
    ),
    NavEntry(
        _("Penelusuran saya"),
        "outcomes:my_follow_ups",
        frozenset({Role.TRAINEE}),
        520,
        section=_SECTION,
    ),
    NavEntry(
        _("Konfirmasi karyawan"),
        "outcomes:company_confirmations",
        frozenset({Role.COMPANY_HR}),
        530,
        section=_SECTION,
    ),
    NavEntry(_("Definisi indikator"), "outcomes:definition_list", _OFFICE, 540, section=_SECTION),
    NavEntry(
        _("Pengaturan penelusuran"),
        "outcomes:tracer_settings",
        _OFFICE,
        550,
        section=_SECTION,
    ),
]

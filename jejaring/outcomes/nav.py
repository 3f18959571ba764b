"""Menu entries of the outcomes area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry

ENTRIES = [
    NavEntry(
        _("Keterserapan"), "outcomes:dashboard", frozenset({Role.OFFICE_STAFF, Role.VIEWER}), 500
    ),
    NavEntry(
        _("Penelusuran alumni"),
        "outcomes:follow_up_list",
        frozenset({Role.OFFICE_STAFF, Role.OPERATOR}),
        510,
    ),
    NavEntry(_("Penelusuran saya"), "outcomes:my_follow_ups", frozenset({Role.TRAINEE}), 520),
    NavEntry(
        _("Konfirmasi karyawan"),
        "outcomes:company_confirmations",
        frozenset({Role.COMPANY_HR}),
        530,
    ),
]

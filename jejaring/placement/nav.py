"""Menu entries of the placement area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry

ENTRIES = [
    NavEntry(_("Putaran penyaluran"), "placement:round_list", frozenset({Role.OFFICE_STAFF}), 400),
    NavEntry(
        _("Penyaluran"),
        "placement:referral_list",
        frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        410,
    ),
    NavEntry(
        _("Peringkat pelamar"), "placement:company_rankings", frozenset({Role.COMPANY_HR}), 420
    ),
    NavEntry(_("Lamaran penyaluran"), "placement:my_applications", frozenset({Role.TRAINEE}), 430),
]

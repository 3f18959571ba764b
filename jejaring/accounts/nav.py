"""Menu entries of the accounts app."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

ENTRIES = [
    NavEntry(
        _("Akun terkunci"),
        "accounts:lockouts",
        frozenset({Role.OFFICE_STAFF}),
        order=890,
        section=Section.ADMIN,
    ),
]

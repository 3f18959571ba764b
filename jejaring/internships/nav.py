"""Menu entries of the internships area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_BOTH = frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR})

ENTRIES = [
    NavEntry(
        _("Program magang"),
        "internships:internship_program_list",
        _BOTH,
        320,
        section=Section.PLACEMENT,
    ),
]

"""Menu entries of vacancy reporting."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_OFFICE = frozenset({Role.OFFICE_STAFF})
_HR = frozenset({Role.COMPANY_HR})

ENTRIES = [
    NavEntry(
        _("Lowongan"), "vacancies:vacancy_list", _OFFICE | _HR, 302, section=Section.PLACEMENT
    ),
    NavEntry(
        _("Laporan lowongan umum"),
        "vacancies:employer_report_list",
        _OFFICE,
        303,
        section=Section.PLACEMENT,
    ),
]

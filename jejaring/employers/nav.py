"""Menu entries of the employers area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_OFFICE = frozenset({Role.OFFICE_STAFF})
_HR = frozenset({Role.COMPANY_HR})

ENTRIES = [
    NavEntry(_("Perusahaan"), "employers:company_list", _OFFICE, 300, section=Section.PLACEMENT),
    NavEntry(_("Perusahaan saya"), "employers:my_company", _HR, 300, section=Section.PLACEMENT),
    NavEntry(
        _("Kerja sama"),
        "employers:agreement_list",
        _OFFICE | _HR,
        305,
        section=Section.PLACEMENT,
    ),
]

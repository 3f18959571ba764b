"""Menu entries of the employers area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry

_OFFICE = frozenset({Role.OFFICE_STAFF})
_HR = frozenset({Role.COMPANY_HR})
_BOTH = frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR})

ENTRIES = [
    NavEntry(_("Perusahaan"), "employers:company_list", _OFFICE, 300),
    NavEntry(_("Perusahaan saya"), "employers:my_company", _HR, 300),
]

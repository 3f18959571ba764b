"""Menu entries of the entrepreneurship path."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_OFFICE = frozenset({Role.OFFICE_STAFF})
_TRAINEE = frozenset({Role.TRAINEE})

ENTRIES = [
    NavEntry(_("Wirausaha"), "enterprise:business_list", _OFFICE, 450, section=Section.OUTCOMES),
    NavEntry(
        _("Kelompok & bantuan TKM"), "enterprise:group_list", _OFFICE, 451, section=Section.OUTCOMES
    ),
    NavEntry(
        _("Dukungan wirausaha"), "enterprise:support_list", _OFFICE, 452, section=Section.OUTCOMES
    ),
    NavEntry(
        _("Indikator wirausaha"),
        "enterprise:indicators",
        frozenset({Role.OFFICE_STAFF, Role.VIEWER}),
        453,
        section=Section.OUTCOMES,
    ),
    NavEntry(_("Usaha saya"), "enterprise:business_list", _TRAINEE, 60, section=Section.HOME),
]

"""Menu entries of the planning app."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_STAFF = frozenset({Role.OFFICE_STAFF})
_SECTION = Section.PLANNING

ENTRIES = [
    NavEntry(
        _("Kebutuhan industri"),
        "planning:need_list",
        frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        order=600,
        section=_SECTION,
    ),
    NavEntry(_("Rapat koordinasi"), "planning:meeting_list", _STAFF, order=610, section=_SECTION),
    NavEntry(_("Analisis kesenjangan"), "planning:gap", _STAFF, order=620, section=_SECTION),
    NavEntry(_("Rencana pelatihan"), "planning:plan_list", _STAFF, order=630, section=_SECTION),
    NavEntry(
        _("Kesenjangan instruktur"),
        "planning:instructor_gap",
        _STAFF,
        order=640,
        section=_SECTION,
    ),
]

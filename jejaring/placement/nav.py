"""Menu entries of the placement area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_STAFF_AND_HR = frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR})
_SECTION = Section.PLACEMENT

ENTRIES = [
    NavEntry(_("Formasi"), "formations:formation_list", _STAFF_AND_HR, 310, section=_SECTION),
    NavEntry(
        _("Perjanjian magang"),
        "internship_agreements:internship_agreement_list",
        _STAFF_AND_HR,
        330,
        section=_SECTION,
    ),
    NavEntry(
        _("Putaran penyaluran"),
        "placement:round_list",
        frozenset({Role.OFFICE_STAFF}),
        400,
        section=_SECTION,
    ),
    NavEntry(_("Penyaluran"), "placement:referral_list", _STAFF_AND_HR, 410, section=_SECTION),
    NavEntry(
        _("Peringkat pelamar"),
        "placement:company_rankings",
        frozenset({Role.COMPANY_HR}),
        420,
        section=_SECTION,
    ),
    NavEntry(
        _("Lamaran penyaluran"),
        "placement:my_applications",
        frozenset({Role.TRAINEE}),
        430,
        section=_SECTION,
    ),
]

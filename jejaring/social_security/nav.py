"""Menu entries of the BPJS Ketenagakerjaan area."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_SECTION = Section.SOCIAL_SECURITY

ENTRIES = [
    NavEntry(
        _("BPJS Ketenagakerjaan"),
        "social_security:dashboard",
        frozenset({Role.OFFICE_STAFF}),
        700,
        section=_SECTION,
    ),
    NavEntry(
        _("Kepesertaan"),
        "social_security:coverage_list",
        frozenset({Role.OFFICE_STAFF}),
        705,
        section=_SECTION,
    ),
    NavEntry(
        _("Kejadian kecelakaan"),
        "social_security:incident_list",
        frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        710,
        section=_SECTION,
    ),
    NavEntry(
        _("BPJS peserta magang"),
        "social_security:company_interns",
        frozenset({Role.COMPANY_HR}),
        720,
        section=_SECTION,
    ),
    NavEntry(
        _("Perlindungan BPJS saya"),
        "social_security:my_cover",
        frozenset({Role.TRAINEE}),
        730,
        section=_SECTION,
    ),
]

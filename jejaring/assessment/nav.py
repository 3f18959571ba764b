"""Menu entries of the assessment app."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_MANAGERS = frozenset({Role.OFFICE_STAFF, Role.OPERATOR})
_SECTION = Section.ASSESSMENT

ENTRIES = [
    NavEntry(
        _("Sesi uji kompetensi"),
        "assessment:session_list",
        _MANAGERS | {Role.ASSESSOR},
        order=200,
        section=_SECTION,
    ),
    NavEntry(
        _("Skema sertifikasi"), "assessment:scheme_list", _MANAGERS, order=210, section=_SECTION
    ),
    NavEntry(
        _("Sertifikat pelatihan"),
        "assessment:certificate_list",
        _MANAGERS,
        order=220,
        section=_SECTION,
    ),
    NavEntry(
        _("Sertifikat kompetensi"),
        "assessment:competency_list",
        _MANAGERS,
        order=230,
        section=_SECTION,
    ),
    NavEntry(
        _("Hasil uji & sertifikat saya"),
        "assessment:my_results",
        frozenset({Role.TRAINEE}),
        order=240,
        section=_SECTION,
    ),
]

"""Menu entries of the training app."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

_MANAGERS = frozenset({Role.OFFICE_STAFF, Role.OPERATOR})
_SECTION = Section.TRAINING

ENTRIES = [
    NavEntry(_("Paket pelatihan"), "training:batch_list", _MANAGERS, order=100, section=_SECTION),
    NavEntry(
        _("Lembaga pelatihan"), "training:institution_list", _MANAGERS, order=110, section=_SECTION
    ),
    NavEntry(
        _("Program pelatihan"), "training:program_list", _MANAGERS, order=112, section=_SECTION
    ),
    NavEntry(_("Instruktur"), "training:instructor_list", _MANAGERS, order=114, section=_SECTION),
    NavEntry(
        _("Verifikasi identitas"),
        "training:identity_inbox",
        frozenset({Role.OFFICE_STAFF}),
        order=115,
        section=_SECTION,
    ),
    NavEntry(
        _("Pelatihan saya"),
        "my_training:enrolments",
        frozenset({Role.TRAINEE}),
        order=140,
        section=_SECTION,
    ),
]

"""Menu entries of the training app."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry

_MANAGERS = frozenset({Role.OFFICE_STAFF, Role.OPERATOR})

# Programs and instructors are one tap away from both pages, in their sub-menu; the main
# menu is already long for office staff.
ENTRIES = [
    NavEntry(_("Paket pelatihan"), "training:batch_list", _MANAGERS, order=100),
    NavEntry(_("Lembaga pelatihan"), "training:institution_list", _MANAGERS, order=110),
    NavEntry(
        _("Verifikasi identitas"),
        "training:identity_inbox",
        frozenset({Role.OFFICE_STAFF}),
        order=115,
    ),
    NavEntry(_("Pelatihan saya"), "my_training:enrolments", frozenset({Role.TRAINEE}), order=140),
]

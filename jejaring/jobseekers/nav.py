"""Menu entries of the job-seeker card (AK/1)."""

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.core.context_processors import NavEntry, Section

ENTRIES = [
    NavEntry(
        _("Pencari kerja (AK/1)"),
        "jobseekers:card_list",
        frozenset({Role.OFFICE_STAFF}),
        305,
        section=Section.PLACEMENT,
    ),
    NavEntry(
        _("Kartu pencari kerja saya"),
        "jobseekers:my_cards",
        frozenset({Role.TRAINEE}),
        150,
        section=Section.HOME,
    ),
]

"""Menu entries of the notifications app. Everyone's own notifications are linked from
the account bar (templates/base.html), with the unread count."""

from django.utils.translation import gettext_lazy as _

from jejaring.core.context_processors import NavEntry, Section
from jejaring.core.scope import Role

ENTRIES = [
    NavEntry(
        _("Kirim lewat WhatsApp"),
        "notices:whatsapp",
        frozenset({Role.OFFICE_STAFF}),
        900,
        section=Section.ADMIN,
    ),
]

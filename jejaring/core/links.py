"""Personal no-login links: a signed token naming one record and its current nonce.

Used by every app that asks someone to answer without logging in (the outcomes tracer, the
enterprise business follow-up). Rotating the record's nonce invalidates earlier links; a
forged, expired or replaced token is a `NotFound`, whatever the reason, so links cannot be
probed. How long a link stays valid after it was sent is the caller's rule."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext_lazy as _

from jejaring.core.errors import NotFound

#: No link is honoured after this long, whatever a caller's own rule says.
MAX_AGE = timedelta(days=365)


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def link_token(*, salt: str, pk: int, nonce: str) -> str:
    return signing.dumps({"f": pk, "n": nonce}, salt=salt, compress=True)


def link_target(token: str, *, salt: str) -> tuple[int, str]:
    """The (pk, nonce) a token names; the caller loads the record and compares the nonce."""
    try:
        unsigned = signing.loads(token, salt=salt, max_age=MAX_AGE)
        return int(unsigned["f"]), str(unsigned["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise NotFound(_("Tautan tidak berlaku.")) from None

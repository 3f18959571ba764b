"""The document kit: what every official paper of the office shares — the letterhead (kop
surat), the signatory block, and the verification footer with a short code printed in
words and as a QR code — rendered through one base template (`core/pdf/base.html`).

The short code is stored with the document (`DocumentCode`), random and unguessable, so
the public verification page can find the document without the code revealing anything
or letting anyone walk from one document to the next. The apps that issue documents say
what the public may learn about each kind in their `verification.py` (see `PublicKind`);
the core finds them by name, never by import (docs/adr/0005-app-layers.md).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

import segno
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from jejaring.core.discovery import app_modules
from jejaring.core.models import DocumentCode
from jejaring.core.pdf import render_pdf

#: Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not
#: mistaken; 12 characters carry 60 random bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
GROUP = 4
#: What people type for the letters the alphabet leaves out.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """`K7QXM2PA9CRT` → `K7QX-M2PA-9CRT`: groups of four, as printed."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(text: str) -> str | None:
    """The stored form of a short code as someone typed or scanned it (any case, spaces,
    dashes, O for 0, I or L for 1), or None when `text` cannot be one."""
    compact = _SEPARATORS.sub("", text).upper().translate(_LOOKALIKES)
    if len(compact) != CODE_LENGTH or any(ch not in ALPHABET for ch in compact):
        return None
    return compact


def code_for(document: models.Model) -> str:
    """The document's short code, created the first time it is issued or printed and the
    same on every later print."""
    content_type = ContentType.objects.get_for_model(document, for_concrete_model=False)
    existing = DocumentCode.objects.filter(content_type=content_type, object_id=document.pk)
    found = existing.values_list("code", flat=True).first()
    if found:
        return str(found)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return DocumentCode.objects.create(
                    code=new_code(), content_type=content_type, object_id=document.pk
                ).code
        except IntegrityError:
            # Either a concurrent print created this document's code, or (one in 2**60)
            # the random code is taken: read the one, retry the other.
            found = existing.values_list("code", flat=True).first()
            if found:
                return str(found)
    raise RuntimeError("no free verification code after five tries")


def document_for_code(code: str) -> models.Model | None:
    """The document whose short code is `code` (already normalised), or None."""
    row = DocumentCode.objects.filter(code=code).select_related("content_type").first()
    if row is None:
        return None
    model = row.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=row.object_id).first()


# --- what the public may learn -------------------------------------------------------


@dataclass(frozen=True)
class PublicDocument:
    """What the public verification page shows of one document: never a NIK, a contact
    or a full name."""

    kind: str
    number: str
    masked_name: str
    valid: bool
    status: str
    revoked_at: datetime | date | None = None
    rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class PublicKind:
    """One kind of verifiable document, declared in an app's `verification.py` as
    `PUBLIC_KINDS = [PublicKind(...)]`: its model, how to describe it to the public, and
    how to find it by its printed number (None when the number is not unique)."""

    model: type[models.Model]
    describe: Callable[[Any], PublicDocument]
    by_number: Callable[[str], Any] | None = None


@cache
def public_kinds() -> tuple[PublicKind, ...]:
    return tuple(kind for module in app_modules("verification") for kind in module.PUBLIC_KINDS)


def describe(document: models.Model) -> PublicDocument | None:
    for kind in public_kinds():
        if isinstance(document, kind.model):
            return kind.describe(document)
    return None


def find_by_number(number: str) -> models.Model | None:
    """The first document of any kind whose printed number is `number`."""
    for kind in public_kinds():
        found: models.Model | None = kind.by_number(number) if kind.by_number else None
        if found is not None:
            return found
    return None


def mask_name(full_name: str) -> str:
    """`Siti Nurhaliza` → `Sit* Nur*******`: three letters of each word, the rest starred."""
    return " ".join(word[:3] + "*" * max(len(word) - 3, 0) for word in full_name.split())


# --- the printed parts ---------------------------------------------------------------


@dataclass(frozen=True)
class Letterhead:
    """The kop surat: the government, the office, its address; `logo` is a URL under
    /static/ or a data: URI."""

    government: str
    office: str
    address: str
    contact: str
    logo: str
    place: str


@dataclass(frozen=True)
class Signatory:
    position: str
    name: str
    rank: str = ""
    nip: str = ""
    #: A data: URI of the scanned signature, or "".
    signature: str = ""

    @property
    def nip_display(self) -> str:
        """`197001011995031001` → `19700101 199503 1 001`, as a NIP is printed."""
        nip = self.nip
        if len(nip) != 18:
            return nip
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


@dataclass(frozen=True)
class Verification:
    code: str
    url: str

    @property
    def words(self) -> str:
        return format_code(self.code)

    @property
    def qr(self) -> SafeString:
        """The URL as an inline SVG QR code (WeasyPrint draws inline SVG)."""
        svg = segno.make(self.url, error="m").svg_inline(scale=3, border=0, omitsize=True)
        return mark_safe(svg)  # noqa: S308 - segno's own SVG, the URL is escaped by it


def public_url(path: str, request: Any = None) -> str:
    """An absolute URL for printing: from PUBLIC_BASE_URL when set (behind a proxy the
    request's host may be internal), else from the request, else the bare path."""
    base = getattr(settings, "PUBLIC_BASE_URL", "")
    if base:
        return str(base).rstrip("/") + path
    if request is not None:
        return str(request.build_absolute_uri(path))
    return path


def verification_of(document: models.Model, request: Any = None) -> Verification:
    code = code_for(document)
    path = reverse("verify:detail", kwargs={"verification_code": format_code(code)})
    return Verification(code=code, url=public_url(path, request))


def render_document(
    template_name: str,
    context: dict[str, Any],
    *,
    letterhead: Letterhead,
    signatory: Signatory | None,
    verification: Verification | None = None,
    place_date: date | None = None,
) -> bytes:
    """Render an official document on the base template (`core/pdf/base.html`)."""
    return render_pdf(
        template_name,
        {
            **context,
            "letterhead": letterhead,
            "signatory": signatory,
            "verification": verification,
            "place_date": place_date,
        },
    )

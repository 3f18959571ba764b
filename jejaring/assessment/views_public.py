"""The public verification page, the target of every printed document's QR code: no
login, no NIK, no contact data; the name is partly masked. A document is found by its
short code, a certificate's QR token, or its printed number, typed or scanned."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from jejaring.assessment import selectors
from jejaring.assessment.forms import VerifyForm
from jejaring.assessment.models import TrainingCertificate
from jejaring.core import documents
from jejaring.core.clientip import client_address
from jejaring.core.errors import NotFound, TooManyRequests


def _canonical(typed: str) -> str:
    """The page address of what was typed: a short code in its printed groups, a printed
    number with its slashes in capitals, a number printed in groups with single spaces,
    anything else (a QR token) in lower case without spaces."""
    short = documents.normalise_code(typed) if "/" not in typed else None
    if short is not None:
        return documents.format_code(short)
    words = typed.split()
    compact = "".join(words)
    if "/" in compact:
        return compact.upper()
    if len(words) > 1:
        return " ".join(words).upper()
    return compact.lower()


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("verify:detail", verification_code=_canonical(form.cleaned_data["code"]))
    return render(request, "verify/lookup.html", {"form": form})


@require_GET
def detail(request: HttpRequest, verification_code: str) -> HttpResponse:
    try:
        document = selectors.public_document_lookup(
            code=verification_code, client=client_address(request)
        )
    except TooManyRequests as error:
        return render(
            request,
            "verify/lookup.html",
            {"form": VerifyForm(), "problem": error.message},
            status=error.status,
        )
    except NotFound:
        return render(request, "verify/not_found.html", {"form": VerifyForm()}, status=404)
    if isinstance(document, TrainingCertificate):
        verification = selectors.certificate_verification(document)
        return render(request, "verify/detail.html", {"v": verification, "form": VerifyForm()})
    return render(
        request,
        "verify/document.html",
        {"d": documents.describe(document), "form": VerifyForm()},
    )

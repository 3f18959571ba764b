"""The public verification page, the target of the certificate's QR code: no login, no
NIK, no contact data; the name is partly masked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from jejaring.assessment import selectors
from jejaring.assessment.forms import VerifyForm
from jejaring.core.clientip import client_address
from jejaring.core.errors import NotFound, TooManyRequests


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        # A printed number (`BLK-1/2026/0007`) keeps its slashes and capitals; a token
        # from the QR code is lower-case hex.
        code = "".join(form.cleaned_data["code"].split())
        code = code.upper() if "/" in code else code.lower()
        return redirect("verify:detail", verification_code=code)
    return render(request, "verify/lookup.html", {"form": form})


@require_GET
def detail(request: HttpRequest, verification_code: str) -> HttpResponse:
    try:
        verification = selectors.verification_lookup(
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
    return render(request, "verify/detail.html", {"v": verification, "form": VerifyForm()})

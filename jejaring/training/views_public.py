"""Public registration pages (no login): batches open for registration, one batch with
its criteria, and the registration form for a phone.

Abuse is kept small: CSRF on the form, a honeypot input, a cap on the request size
before anything is parsed, and limits on accepted submissions per client address and
per NIK, kept in the shared "limits" cache so that they hold across processes and
restarts."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jejaring.core import limits
from jejaring.core.clientip import client_address
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.training import registration
from jejaring.training.forms_public import HONEYPOT, RegistrationForm
from jejaring.training.models import Batch

#: Accepted submissions per client address per hour (a family, a school or an internet
#: café may share one address).
PER_ADDRESS = limits.Rate("registration.address", count=10, seconds=60 * 60)
#: Accepted submissions per NIK per day: enough for a person choosing a few batches.
PER_NIK = limits.Rate("registration.nik", count=3, seconds=24 * 60 * 60)
#: Largest request accepted: every document at its limit plus the text fields.
MAX_REQUEST_BYTES = registration.MAX_DOCUMENTS * registration.MAX_DOCUMENT_BYTES + 256 * 1024


def _too_many(
    request: HttpRequest, context: dict[str, object], form: RegistrationForm
) -> HttpResponse:
    # One message whichever limit was reached, and nothing about the NIK's state.
    form.add_error(None, _("Terlalu banyak pendaftaran. Silakan coba lagi nanti."))
    return render(request, "training/public/register.html", {**context, "form": form}, status=429)


def _open_batch(open_batch_id: int) -> Batch:
    try:
        return registration.open_batch_get(batch_id=open_batch_id)
    except NotFound:
        raise Http404 from None


@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    batches = registration.open_batch_list()
    regions = registration.open_batch_regions()
    region = request.GET.get("wilayah", "")
    if region in {slug for slug, _name in regions}:
        batches = batches.filter(region__slug=region)
    else:
        region = ""
    page = Paginator(batches, 20).get_page(request.GET.get("page"))
    rows = [(batch, registration.seats_left(batch)) for batch in page]
    return render(
        request,
        "training/public/batch_list.html",
        {"rows": rows, "page_obj": page, "regions": regions, "region": region},
    )


@require_GET
def batch_detail(request: HttpRequest, open_batch_id: int) -> HttpResponse:
    batch = _open_batch(open_batch_id)
    return render(
        request,
        "training/public/batch_detail.html",
        {"batch": batch, "seats_left": registration.seats_left(batch)},
    )


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, open_batch_id: int) -> HttpResponse:
    batch = _open_batch(open_batch_id)
    context = {"batch": batch, "honeypot": HONEYPOT}
    if request.method != "POST":
        form = RegistrationForm(initial=registration.registration_form_defaults(batch))
        return render(request, "training/public/register.html", {**context, "form": form})

    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > MAX_REQUEST_BYTES:
        form = RegistrationForm(initial=registration.registration_form_defaults(batch))
        problem = _("Berkas yang dikirim terlalu besar; maksimal %(mb)d MB per dokumen.") % {
            "mb": registration.MAX_DOCUMENT_BYTES // (1024 * 1024)
        }
        return render(
            request,
            "training/public/register.html",
            {**context, "form": form, "problem": problem},
            status=413,
        )
    form = RegistrationForm(request.POST, request.FILES)
    address = client_address(request) or ""
    if limits.exceeded([(PER_ADDRESS, address)]):
        form.is_valid()
        return _too_many(request, context, form)
    if form.is_bot:
        # Answer like a success so the bot learns nothing; nothing is written.
        return redirect("registration:done", open_batch_id=batch.pk)
    if form.is_valid():
        checks = [(PER_ADDRESS, address), (PER_NIK, form.cleaned_data["nik"])]
        if limits.exceeded(checks):
            return _too_many(request, context, form)
        try:
            registration.registration_submit(
                batch_id=batch.pk,
                data=form.registration_data(),
                base_url=request.build_absolute_uri("/"),
                ip_address=address or None,
                submitter=request.user,
            )
        except ApplicationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            # Only accepted submissions count; a refused one changed nothing.
            limits.record(checks)
            return redirect("registration:done", open_batch_id=batch.pk)
    return render(request, "training/public/register.html", {**context, "form": form}, status=422)


@require_GET
def done(request: HttpRequest, open_batch_id: int) -> HttpResponse:
    batch = registration.open_batch_list().filter(pk=open_batch_id).first()
    return render(request, "training/public/done.html", {"batch": batch})

"""Public registration pages (no login): batches open for registration, one batch with
its criteria, and the registration form for a phone.

Abuse is kept small: CSRF on the form, a honeypot input, a cap on the request size
before anything is parsed, and a per-address limit on submissions."""

from __future__ import annotations

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jejaring.core.errors import ApplicationError, NotFound
from jejaring.training import registration
from jejaring.training.forms_public import HONEYPOT, RegistrationForm
from jejaring.training.models import Batch

#: Submissions allowed per client address per hour (a family may share one phone).
SUBMISSIONS_PER_HOUR = 10
#: Largest request accepted: every document at its limit plus the text fields.
MAX_REQUEST_BYTES = registration.MAX_DOCUMENTS * registration.MAX_DOCUMENT_BYTES + 256 * 1024


def _client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def _over_the_limit(request: HttpRequest) -> bool:
    key = "training:registration:" + _client_address(request)
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > SUBMISSIONS_PER_HOUR


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
    if _over_the_limit(request):
        form.is_valid()
        form.add_error(
            None, _("Terlalu banyak pendaftaran dari perangkat ini. Coba lagi dalam satu jam.")
        )
        return render(
            request, "training/public/register.html", {**context, "form": form}, status=429
        )
    if form.is_bot:
        # Answer like a success so the bot learns nothing; nothing is written.
        return redirect("registration:done", open_batch_id=batch.pk)
    if form.is_valid():
        try:
            registration.registration_submit(
                batch_id=batch.pk,
                data=form.registration_data(),
                base_url=request.build_absolute_uri("/"),
                ip_address=request.META.get("REMOTE_ADDR") or None,
            )
        except ApplicationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            return redirect("registration:done", open_batch_id=batch.pk)
    return render(request, "training/public/register.html", {**context, "form": form}, status=422)


@require_GET
def done(request: HttpRequest, open_batch_id: int) -> HttpResponse:
    batch = registration.open_batch_list().filter(pk=open_batch_id).first()
    return render(request, "training/public/done.html", {"batch": batch})

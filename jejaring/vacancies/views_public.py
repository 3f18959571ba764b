"""Public vacancy pages (no login): published, open vacancies with filters, one vacancy,
and the form for employers without an account to report a vacancy.

No personal data is shown: a published vacancy's company name and place are public, its
contact person is not (applicants go through the office). The report form never looks a
company up, so its answer is the same whether the company is registered or not. Abuse is
kept small as on the training registration form: CSRF, a honeypot input, a cap on the
request size before anything is parsed, and limits on accepted reports per client address
and per NPWP/NIB in the shared "limits" cache."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jejaring.core import limits
from jejaring.core.clientip import client_address
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.pagination import CURSOR_PARAM, seek_page
from jejaring.regions.calendar import today_in
from jejaring.vacancies import kbji, public_reports, selectors, services
from jejaring.vacancies.forms import HONEYPOT, PublicFilterForm, PublicReportForm

#: Accepted reports per client address per hour.
PER_ADDRESS = limits.Rate("vacancy_report.address", count=5, seconds=60 * 60)
#: Accepted reports per NPWP or NIB per day: a company reports a handful of vacancies.
PER_EMPLOYER = limits.Rate("vacancy_report.employer", count=5, seconds=24 * 60 * 60)
#: Largest request accepted: text fields only.
MAX_REQUEST_BYTES = 64 * 1024
PAGE_SIZE = 20


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    regions = selectors.public_regions()
    form = PublicFilterForm(request.GET or None, regions=regions)
    filters = form.cleaned_data if form.is_valid() else {}
    page = seek_page(
        selectors.open_vacancies(
            today=today_in(None),
            occupation_group=filters.get("golongan", ""),
            place_code=filters.get("wilayah", ""),
            education=filters.get("pendidikan", ""),
        ),
        ordering=selectors.PUBLIC_ORDER,
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
    )
    rows = [(vacancy, services.place_label(vacancy)) for vacancy in page]
    return render(request, "vacancies/public/list.html", {"form": form, "page": page, "rows": rows})


@require_GET
def public_detail(request: HttpRequest, public_vacancy_id: int) -> HttpResponse:
    try:
        vacancy = selectors.public_vacancy_get(vacancy_id=public_vacancy_id, today=today_in(None))
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "vacancies/public/detail.html",
        {
            "vacancy": vacancy,
            "place": services.place_label(vacancy),
            "occupation": kbji.title_of(vacancy.kbji_code, get_language()),
        },
    )


def _refused(
    request: HttpRequest, form: PublicReportForm, message: str, status: int
) -> HttpResponse:
    form.add_error(None, message)
    return render(
        request, "vacancies/public/report.html", {"form": form, "honeypot": HONEYPOT}, status=status
    )


@require_http_methods(["GET", "POST"])
def public_report(request: HttpRequest) -> HttpResponse:
    regions = selectors.public_regions()
    if request.method != "POST":
        form = PublicReportForm(regions=regions)
        return render(request, "vacancies/public/report.html", {"form": form, "honeypot": HONEYPOT})
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES:
        return _refused(
            request, PublicReportForm(regions=regions), _("Isian terlalu panjang."), 413
        )
    form = PublicReportForm(request.POST, regions=regions)
    address = client_address(request) or ""
    too_many = _("Terlalu banyak laporan. Silakan coba lagi nanti.")
    if limits.exceeded([(PER_ADDRESS, address)]):
        return _refused(request, form, too_many, 429)
    if form.is_bot:
        # Answer like a success so the bot learns nothing; nothing is written.
        return redirect("vacancies_public:report_done")
    if form.is_valid():
        employer = form.cleaned_data["npwp"] or form.cleaned_data["nib"]
        checks = [(PER_ADDRESS, address), (PER_EMPLOYER, employer)]
        if limits.exceeded(checks):
            return _refused(request, form, too_many, 429)
        try:
            public_reports.employer_report_submit(
                region=form.chosen_region,
                employer=form.employer_data(),
                vacancy=form.vacancy_data(),
                ip_address=address or None,
            )
        except ApplicationError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            limits.record(checks)
            return redirect("vacancies_public:report_done")
    return render(
        request, "vacancies/public/report.html", {"form": form, "honeypot": HONEYPOT}, status=422
    )


@require_GET
def report_done(request: HttpRequest) -> HttpResponse:
    return render(request, "vacancies/public/done.html")

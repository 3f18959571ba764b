"""Training pages for batches (paket): the list and its spreadsheet, creating and
changing one, its detail page and participant spreadsheet, moving its status on and
generating its sessions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import scope_of
from jejaring.core import confirm
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.numbers import format_percent
from jejaring.core.policies import policy_for
from jejaring.core.spreadsheets import Sheet, xlsx_download, xlsx_response
from jejaring.training import selectors, services
from jejaring.training.exports import batch_participants_xlsx
from jejaring.training.forms import (
    BatchFilterForm,
    BatchForm,
    CancelForm,
    EarlyStartForm,
    OverrideForm,
)
from jejaring.training.models import Batch
from jejaring.training.views_common import form_error, staff_page

# --- batches ---------------------------------------------------------------------------


@staff_page
@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    filter_form = BatchFilterForm(request.GET or None, actor=request.user)
    batches = selectors.batch_list_for(actor=request.user, filters=filter_form.filters())
    page = Paginator(batches, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "training/batch_list.html",
        {
            "page_obj": page,
            "filter_form": filter_form,
            "can_create": policy_for(Batch).can_any(request.user, "create"),
        },
    )


@staff_page
@require_GET
def batch_list_export(request: HttpRequest) -> HttpResponse:
    """The filtered batch list as a spreadsheet (no personal data in it)."""
    filter_form = BatchFilterForm(request.GET or None, actor=request.user)
    batches = selectors.batch_list_for(actor=request.user, filters=filter_form.filters())
    headers = [
        _("Kode paket"),
        _("Nama paket"),
        _("Lembaga"),
        _("Program"),
        _("Tahun"),
        _("Sumber dana"),
        _("Tanggal mulai"),
        _("Tanggal selesai"),
        _("Kuota"),
        _("Pendaftar"),
        _("Peserta"),
        _("Status"),
    ]
    rows = [
        [
            batch.code,
            batch.name,
            str(batch.institution),
            batch.program.name,
            batch.year,
            batch.get_funding_source_display(),
            batch.start_date,
            batch.end_date,
            batch.capacity,
            getattr(batch, "applicant_count", 0),
            getattr(batch, "participant_count", 0),
            batch.get_status_display(),
        ]
        for batch in batches.iterator(chunk_size=2000)
    ]
    return xlsx_response("paket-pelatihan.xlsx", [Sheet(_("Paket"), headers, rows)])


@staff_page
@require_http_methods(["GET", "POST"])
def batch_create(request: HttpRequest) -> HttpResponse:
    if not policy_for(Batch).can_any(request.user, "create"):
        raise Http404
    form = BatchForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(actor=request.user, data=form.data_object())
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Paket %(code)s dibuat.") % {"code": batch.code})
            return redirect("training:batch_detail", batch_id=batch.pk)
    return render(request, "training/batch_form.html", {"form": form, "batch": None})


@staff_page
@require_http_methods(["GET", "POST"])
def batch_edit(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    if not policy_for(Batch).can(request.user, "change", batch):
        raise Http404
    form = BatchForm(
        request.POST or None, actor=request.user, batch=batch, initial=BatchForm.initial_for(batch)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.batch_update(actor=request.user, batch=batch, data=form.data_object())
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Paket tersimpan."))
            return redirect("training:batch_detail", batch_id=batch.pk)
    return render(request, "training/batch_form.html", {"form": form, "batch": batch})


def _import_url(batch: Batch) -> str:
    """The participant import page, when that part of the site is installed."""
    try:
        return reverse("training_import:upload", kwargs={"batch_id": batch.pk})
    except NoReverseMatch:
        return ""


def _batch_context(request: HttpRequest, batch: Batch, **extra: Any) -> dict[str, Any]:
    can_change = policy_for(Batch).can(request.user, "change", batch)
    context: dict[str, Any] = {
        "batch": batch,
        "can_change": can_change,
        "is_office": scope_of(request.user).is_office,
        "quota": selectors.batch_quota(batch=batch),
        "status_counts": selectors.batch_status_counts(batch=batch),
        "instructors": selectors.batch_instructors(batch=batch),
        "sessions": selectors.batch_sessions(batch=batch),
        "next_statuses": services.next_batch_statuses(batch) if can_change else [],
        "early_form": EarlyStartForm()
        if can_change
        and batch.status == Batch.Status.SELECTION
        and services.batch_starts_early(batch)
        else None,
        "early_start_reason": "",
        "may_cancel": can_change and services.batch_may_cancel(batch),
        "editable": can_change
        and batch.status in {Batch.Status.PLANNED, Batch.Status.OPEN, Batch.Status.SELECTION},
        "cancel_form": CancelForm(),
        "blocked": None,
        "override_form": None,
        "import_url": _import_url(batch),
        "selecting": batch.status in {Batch.Status.OPEN, Batch.Status.SELECTION},
        "running": batch.status == Batch.Status.RUNNING,
    }
    context.update(extra)
    return context


@login_required
@require_GET
def batch_export(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The batch's participant list (NIK masked) as a spreadsheet; the export is audited."""
    try:
        filename, data = batch_participants_xlsx(actor=request.user, batch_id=batch_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    return xlsx_download(data, filename)


@staff_page
@require_GET
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    return render(request, "training/batch_detail.html", _batch_context(request, batch))


@staff_page
@require_POST
def batch_status(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Move the batch on; a refused start shows the gate's problems and, to office staff,
    a form to start anyway with a reason."""
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    if not policy_for(Batch).can(request.user, "change", batch):
        raise Http404
    status = request.POST.get("status", "")[:20]
    cancel_form = CancelForm(request.POST if status == Batch.Status.CANCELLED else None)
    if status == Batch.Status.CANCELLED and not cancel_form.is_valid():
        context = _batch_context(request, batch, cancel_form=cancel_form)
        return render(request, "training/batch_detail.html", context, status=422)
    override_reason = request.POST.get("override_reason", "")[:2000]
    early_start_reason = request.POST.get("early_start_reason", "")[:1000]
    reason = cancel_form.cleaned_data["reason"] if cancel_form.is_bound else ""
    if (
        status in (Batch.Status.FINISHED, Batch.Status.CANCELLED)
        and services.batch_may_move(batch, status)
        and not confirm.confirmed(request)
    ):
        return confirm.ask(request, _status_confirmation(batch, status))
    try:
        services.batch_change_status(
            actor=request.user,
            batch=batch,
            status=status,
            reason=reason,
            override_reason=override_reason,
            early_start_reason=early_start_reason,
        )
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        if error.code == "batch_start_early":
            early_form = EarlyStartForm(request.POST)
            early_form.is_valid()
            early_form.add_error("early_start_reason", str(error.message))
            context = _batch_context(request, batch, early_form=early_form)
            return render(request, "training/batch_detail.html", context, status=422)
        if error.code == "batch_start_blocked":
            override_form = None
            if scope_of(request.user).is_office:
                override_form = OverrideForm(request.POST if override_reason else None)
                if "override_reason" in request.POST and not override_reason.strip():
                    override_form = OverrideForm(request.POST)
                    override_form.is_valid()
            context = _batch_context(
                request,
                batch,
                blocked=error.detail.get("problems", []),
                override_form=override_form,
                early_start_reason=early_start_reason,
                **({"early_form": None} if early_start_reason.strip() else {}),
            )
            return render(request, "training/batch_detail.html", context, status=409)
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Status paket sekarang: %(status)s.") % {"status": batch.get_status_display()},
        )
    return redirect("training:batch_detail", batch_id=batch.pk)


def _status_confirmation(batch: Batch, status: str) -> confirm.Confirmation:
    """What finishing or cancelling the batch will do, counted now."""
    back = reverse("training:batch_detail", kwargs={"batch_id": batch.pk})
    if status == Batch.Status.FINISHED:
        outcome = services.batch_completion_preview(batch)
        count = outcome["participants"]
        return confirm.Confirmation(
            title=_("Selesaikan pelatihan %(name)s?") % {"name": batch.name},
            summary=ngettext(
                "Pelatihan ditutup dan %(count)d peserta dinilai menurut kehadirannya "
                "(minimal %(pct)s).",
                "Pelatihan ditutup dan %(count)d peserta dinilai menurut kehadirannya "
                "(minimal %(pct)s).",
                count,
            )
            % {"count": count, "pct": format_percent(batch.program.min_attendance_pct, 0)},
            details=[
                _("%(count)d orang lulus pada %(day)s.")
                % {
                    "count": outcome["graduated"],
                    "day": date_format(batch.end_date, "DATE_FORMAT"),
                },
                _("%(count)d orang tidak menyelesaikan pelatihan.")
                % {"count": outcome["dropped_out"]},
            ],
            action=str(services.STATUS_ACTIONS[Batch.Status.FINISHED]),
            back_url=back,
            people=count,
        )
    count = services.batch_cancel_preview(batch)
    return confirm.Confirmation(
        title=_("Batalkan paket %(name)s?") % {"name": batch.name},
        summary=ngettext(
            "Paket dibatalkan; %(count)d pendaftar dan peserta tidak dapat melanjutkan "
            "di paket ini.",
            "Paket dibatalkan; %(count)d pendaftar dan peserta tidak dapat melanjutkan "
            "di paket ini.",
            count,
        )
        % {"count": count},
        action=str(services.STATUS_ACTIONS[Batch.Status.CANCELLED]),
        back_url=back,
        people=count,
    )


@staff_page
@require_POST
def batch_generate_sessions(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    if not policy_for(Batch).can(request.user, "change", batch):
        raise Http404
    try:
        created = services.batch_generate_sessions(actor=request.user, batch=batch)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("%(count)d sesi ditambahkan (hari kerja).") % {"count": len(created)}
        )
    return redirect("training:batch_detail", batch_id=batch.pk)

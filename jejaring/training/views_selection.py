"""Training pages for selecting a batch's applicants, opening their documents and
recording that a participant dropped out."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from jejaring.core import bulk_select, confirm
from jejaring.core.errors import ApplicationError
from jejaring.core.policies import policy_for
from jejaring.training import selectors, services
from jejaring.training.forms import DECISIONS, DropOutForm, SelectionForm
from jejaring.training.models import Batch, Enrolment
from jejaring.training.views_common import form_error, staff_page

# --- selection -------------------------------------------------------------------------

_SELECTION_FILTERS = [
    Enrolment.Status.APPLIED,
    Enrolment.Status.SHORTLISTED,
    Enrolment.Status.WAITLISTED,
    Enrolment.Status.ACCEPTED,
    Enrolment.Status.REJECTED,
]


@staff_page
@require_http_methods(["GET", "POST"])
def batch_selection(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Applicants with the criteria each meets; one decision for the ticked applicants,
    or for one applicant through the buttons on their card."""
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    if not policy_for(Batch).can(request.user, "select", batch):
        raise Http404
    shown = request.GET.get("status", "")
    if shown not in _SELECTION_FILTERS:
        shown = ""
    candidates = selectors.selection_candidates(batch=batch, status=shown)
    # Decisions may concern any enrolment of the batch, whatever the filter shows.
    all_ids = selectors.selection_enrolment_ids(batch=batch)
    form = SelectionForm(enrolment_ids=all_ids)
    status = 200
    if request.method == "POST":
        data = bulk_select.chosen(request.POST, "enrolments")
        decision, _sep, single = request.POST.get("single", "").partition(":")
        if single:
            data.setlist("enrolments", [single])
            data["decision"] = decision
        form = SelectionForm(data, enrolment_ids=all_ids)
        if form.is_valid() and _needs_confirmation(request, form.cleaned_data):
            return confirm.ask(request, _decision_confirmation(request, form.cleaned_data))
        if form.is_valid():
            try:
                decided = services.enrolment_decide(
                    actor=request.user,
                    batch=batch,
                    enrolment_ids=form.cleaned_data["enrolments"],
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                )
            except ApplicationError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(count)d pendaftar: %(decision)s.")
                    % {
                        "count": len(decided),
                        "decision": Enrolment.Status(form.cleaned_data["decision"]).label,
                    },
                )
                return redirect(request.get_full_path())
        status = 422
    return render(
        request,
        "training/batch_selection.html",
        {
            "batch": batch,
            "candidates": candidates,
            "form": form,
            "quota": selectors.batch_quota(batch=batch),
            "status_counts": selectors.batch_status_counts(batch=batch),
            "shown": shown,
            "filters": [(value, Enrolment.Status(value).label) for value in _SELECTION_FILTERS],
            "decidable": batch.status in {Batch.Status.OPEN, Batch.Status.SELECTION},
            "decisions": DECISIONS,
        },
        status=status,
    )


def _needs_confirmation(request: HttpRequest, data: dict[str, Any]) -> bool:
    """A decision ticked for several applicants at once is confirmed first; one
    applicant's own button, and a rejection still lacking its reason (refused anyway),
    are not."""
    if confirm.confirmed(request) or request.POST.get("single"):
        return False
    if data["decision"] == Enrolment.Status.REJECTED and not data["reason"].strip():
        return False
    return len(data["enrolments"]) > 1


def _decision_confirmation(request: HttpRequest, data: dict[str, Any]) -> confirm.Confirmation:
    count = len(data["enrolments"])
    label = Enrolment.Status(data["decision"]).label
    return confirm.Confirmation(
        title=_("Tetapkan %(count)d pendaftar: %(decision)s?")
        % {"count": count, "decision": label},
        summary=ngettext(
            "%(count)d pendaftar ditetapkan “%(decision)s” dan masing-masing diberi tahu.",
            "%(count)d pendaftar ditetapkan “%(decision)s” dan masing-masing diberi tahu.",
            count,
        )
        % {"count": count, "decision": label},
        details=[_("Alasan: %(reason)s") % {"reason": data["reason"]}] if data["reason"] else [],
        action=str(dict(DECISIONS)[data["decision"]]),
        back_url=request.get_full_path(),
        people=count,
        danger=data["decision"] == Enrolment.Status.REJECTED,
    )


_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


@staff_page
@require_GET
def enrolment_document(request: HttpRequest, enrolment_document_id: int) -> FileResponse:
    """An applicant's uploaded document, for staff selecting the batch (audited)."""
    document = selectors.enrolment_document_get_for(
        actor=request.user, document_id=enrolment_document_id
    )
    try:
        handle = services.enrolment_document_open(actor=request.user, document=document)
    except ApplicationError:
        raise Http404 from None
    name = PurePath(document.file.name).name
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Content-Type"] = _DOCUMENT_TYPES.get(
        PurePath(name).suffix.lower(), "application/octet-stream"
    )
    return response


@staff_page
@require_http_methods(["GET", "POST"])
def enrolment_drop_out(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.enrolment_get_for(actor=request.user, enrolment_id=enrolment_id)
    if not policy_for(Enrolment).can(request.user, "change", enrolment):
        raise Http404
    form = DropOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_drop_out(
                actor=request.user, enrolment=enrolment, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s dicatat tidak menyelesaikan pelatihan.")
                % {"name": enrolment.person.full_name},
            )
            return redirect("training:batch_attendance", batch_id=enrolment.batch_id)
    return render(
        request, "training/enrolment_drop_out.html", {"enrolment": enrolment, "form": form}
    )

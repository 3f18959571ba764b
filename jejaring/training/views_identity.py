"""Identity pages: the KTP check at selection, the home office's inbox of matches from
other regions, review items and transfer requests, and a person settling registrations
that name them (docs/security.md)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.policies import policy_for
from jejaring.trainees import services as person_services
from jejaring.trainees.models import TransferRequest
from jejaring.training import identity, selectors
from jejaring.training.models import Batch, Enrolment


class VerifyForm(forms.Form):
    ktp_seen = forms.BooleanField(
        label=gettext_lazy("KTP asli pendaftar telah saya periksa dan cocok dengan NIK ini"),
        required=True,
    )
    full_name = forms.CharField(
        label=gettext_lazy("Nama sesuai KTP"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Perbaiki ejaan bila berbeda dengan KTP."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan"), max_length=500)


def _enrolment_for_selection(request: HttpRequest, enrolment_id: int) -> Enrolment:
    """An enrolment of a batch the actor selects; anything else is a 404."""
    try:
        enrolment = selectors.enrolment_get_for(actor=request.user, enrolment_id=enrolment_id)
    except NotFound:
        raise Http404 from None
    if not policy_for(Batch).can(request.user, "select", enrolment.batch):
        raise Http404
    return enrolment


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_verify(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.OPERATOR)
    enrolment = _enrolment_for_selection(request, enrolment_id)
    applicant = selectors.applicant_of(enrolment)
    form = VerifyForm(request.POST or None, initial={"full_name": applicant.full_name})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                done = identity.enrolment_verify_identity(
                    actor=request.user,
                    enrolment=enrolment,
                    full_name=form.cleaned_data["full_name"],
                )
            except NotFound:
                raise Http404 from None
            except ApplicationError as error:
                form.add_error(None, str(error.message))
            else:
                if done.is_confirmed:
                    messages.success(request, _("Identitas terverifikasi."))
                else:
                    messages.info(
                        request,
                        _(
                            "KTP tercatat sudah diperiksa. Data orang ini dikelola kantor lain; "
                            "pendaftaran menunggu konfirmasi kantor tersebut atau orangnya."
                        ),
                    )
                return redirect("training:batch_selection", batch_id=enrolment.batch_id)
        status = 422
    return render(
        request,
        "training/enrolment_verify.html",
        {"enrolment": enrolment, "applicant": applicant, "form": form},
        status=status,
    )


@login_required
@require_GET
def identity_inbox(request: HttpRequest) -> HttpResponse:
    """The home office's identity work: matches from other regions, review items and
    transfer requests."""
    require_any_role(request.user, Role.OFFICE_STAFF)
    return render(
        request,
        "training/identity_inbox.html",
        {
            "awaiting": identity.awaiting_home_list_for(actor=request.user),
            "reviews": identity.identity_review_list_for(actor=request.user)[:200],
            "transfers": [
                (transfer, policy_for(TransferRequest).can(request.user, "decide", transfer))
                for transfer in person_services.transfer_request_list_for(actor=request.user)
            ],
            "decline_form": DeclineForm(),
        },
    )


def _done(request: HttpRequest, error: ApplicationError | None, message: str) -> HttpResponse:
    if error is not None:
        if error.status == 404:
            raise Http404
        messages.error(request, str(error.message))
    else:
        messages.success(request, message)
    return redirect("training:identity_inbox")


@login_required
@require_POST
def identity_accept(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    try:
        enrolment = identity.awaiting_home_get_for(actor=request.user, enrolment_id=enrolment_id)
        identity.enrolment_identity_accept(actor=request.user, enrolment=enrolment)
    except ApplicationError as error:
        return _done(request, error, "")
    return _done(request, None, _("Pendaftaran dikonfirmasi milik orang ini."))


@login_required
@require_POST
def identity_decline(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    form = DeclineForm(request.POST)
    try:
        enrolment = identity.awaiting_home_get_for(actor=request.user, enrolment_id=enrolment_id)
        identity.enrolment_identity_decline(
            actor=request.user,
            enrolment=enrolment,
            reason=form.data.get("reason", "")[:500],
        )
    except ApplicationError as error:
        return _done(request, error, "")
    return _done(request, None, _("Pendaftaran ditolak: identitas tidak cocok."))


@login_required
@require_POST
def identity_review_resolve(request: HttpRequest, identity_review_id: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    try:
        review = identity.identity_review_get_for(actor=request.user, review_id=identity_review_id)
        identity.identity_review_resolve(actor=request.user, review=review)
    except ApplicationError as error:
        return _done(request, error, "")
    return _done(request, None, _("Tinjauan ditandai selesai."))


@login_required
@require_POST
def transfer_decide(request: HttpRequest, transfer_request_id: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    transfer = (
        person_services.transfer_request_list_for(actor=request.user)
        .filter(pk=transfer_request_id)
        .first()
    )
    # The asking office sees its request but only the home office decides it.
    if transfer is None or not policy_for(TransferRequest).can(request.user, "decide", transfer):
        raise Http404
    accept = request.POST.get("decision") == "accept"
    try:
        person_services.transfer_request_decide(actor=request.user, request=transfer, accept=accept)
    except ApplicationError as error:
        return _done(request, error, "")
    return _done(
        request,
        None,
        _("Permintaan pindah disetujui.") if accept else _("Permintaan pindah ditolak."),
    )


# --- the person settles registrations that name them -----------------------------------


@login_required
@require_POST
def own_claim_decide(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The signed-in, verified person says whether a registration naming their NIK is
    theirs."""
    require_any_role(request.user, Role.TRAINEE)
    if scope_of(request.user).person_id is None:
        raise Http404
    enrolment = identity.claims_on_own_person(actor=request.user).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    try:
        if request.POST.get("decision") == "accept":
            identity.enrolment_identity_accept(actor=request.user, enrolment=enrolment)
            messages.success(request, _("Pendaftaran ini sekarang tercatat sebagai milik Anda."))
        else:
            identity.enrolment_identity_decline(
                actor=request.user,
                enrolment=enrolment,
                reason=_("bukan pendaftaran saya (dinyatakan pemilik NIK)"),
            )
            messages.success(request, _("Pendaftaran itu ditolak; kantor Anda dapat melihatnya."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("my_training:enrolments")

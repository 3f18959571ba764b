"""Pages of groups and grants: members, proposal, the office's decisions, disbursement
and the accountability report with its receipts and photos."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError, NotFound, ValidationError
from jejaring.core.forms import add_service_error
from jejaring.enterprise import selectors, services
from jejaring.enterprise.forms import (
    DecisionForm,
    DisburseForm,
    GroupForm,
    MemberForm,
    ProposalForm,
    ReportFileForm,
    SupportForm,
)
from jejaring.enterprise.models import GrantProposal
from jejaring.enterprise.views import record_support
from jejaring.regions.calendar import today_in
from jejaring.regions.selectors import home_region_for
from jejaring.trainees.selectors import person_get_for


@login_required
@require_http_methods(["GET", "POST"])
def group_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.TRAINEE)
    region = home_region_for(actor=request.user) if scope_of(request.user).is_office else None
    form = GroupForm(request.POST or None) if region is not None else None
    if request.method == "POST":
        if form is None or region is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                group = services.group_create(
                    actor=request.user,
                    region=region,
                    data=services.GroupData(
                        name=data["name"],
                        kind=data["kind"],
                        scheme=data["scheme"],
                        kbli_code=data["kbli_code"],
                        place_district_code=data["place_district_code"],
                    ),
                )
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                return redirect("enterprise:group_detail", enterprise_group_id=group.pk)
    return render(
        request,
        "enterprise/group_list.html",
        {
            "groups": selectors.group_list_for(actor=request.user)[:200],
            "proposals": selectors.proposal_list_for(actor=request.user)[:200],
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_detail(request: HttpRequest, enterprise_group_id: int) -> HttpResponse:
    group = selectors.group_get_for(actor=request.user, enterprise_group_id=enterprise_group_id)
    office = scope_of(request.user).is_office_of(group.region_id)
    member_form = MemberForm(request.POST or None, prefix="m") if office else None
    proposal_form = ProposalForm(None, prefix="p") if office else None
    if request.method == "POST":
        if member_form is None:
            raise Http404
        if member_form.is_valid():
            try:
                person = person_get_for(
                    actor=request.user, person_id=member_form.cleaned_data["person"]
                )
                services.group_member_add(
                    actor=request.user,
                    group=group,
                    person=person,
                    chair=member_form.cleaned_data["chair"],
                )
            except NotFound:
                member_form.add_error("person", _("Orang tidak ditemukan."))
            except ApplicationError as error:
                add_service_error(member_form, error)
            else:
                messages.success(request, _("Anggota ditambahkan."))
                return redirect("enterprise:group_detail", enterprise_group_id=group.pk)
    return render(
        request,
        "enterprise/group_detail.html",
        {
            "group": group,
            "members": group.members.select_related("person").order_by("role", "id"),
            "proposals": group.proposals.order_by("-proposed_on"),
            "member_form": member_form,
            "proposal_form": proposal_form,
            "office": office,
            "support": group.support_cases.order_by("-started_on", "-id"),
            "support_form": (
                SupportForm(initial={"started_on": today_in(group.region)}) if office else None
            ),
        },
    )


@login_required
@require_POST
def group_support(request: HttpRequest, enterprise_group_id: int) -> HttpResponse:
    """Office staff record support given to a whole group (a start-up kit, mentoring)."""
    group = selectors.group_get_for(actor=request.user, enterprise_group_id=enterprise_group_id)
    if not scope_of(request.user).is_office_of(group.region_id):
        raise Http404
    return record_support(
        request,
        region=group.region,
        group=group,
        back=redirect("enterprise:group_detail", enterprise_group_id=group.pk),
    )


def _lines(text: str, category: str) -> list[services.LineData]:
    lines = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        description, _sep, amount = raw.rpartition(";")
        digits = "".join(ch for ch in amount if ch.isdigit())
        if not description.strip() or not digits:
            raise ValidationError(
                _("Tulis setiap baris sebagai: uraian; nilai Rp."),
                code="budget_line_format",
                field=category,
            )
        lines.append(services.LineData(category, description.strip(), int(digits)))
    return lines


@login_required
@require_POST
def proposal_create(request: HttpRequest, enterprise_group_id: int) -> HttpResponse:
    group = selectors.group_get_for(actor=request.user, enterprise_group_id=enterprise_group_id)
    if not scope_of(request.user).is_office_of(group.region_id):
        raise Http404
    form = ProposalForm(request.POST, prefix="p")
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                actor=request.user,
                group=group,
                business_plan=data["business_plan"],
                lines=_lines(data["tools"], "tools") + _lines(data["materials"], "materials"),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect("enterprise:proposal_detail", grant_proposal_id=proposal.pk)
    return render(
        request,
        "enterprise/group_detail.html",
        {
            "group": group,
            "members": group.members.select_related("person"),
            "proposals": group.proposals.order_by("-proposed_on"),
            "member_form": MemberForm(prefix="m"),
            "proposal_form": form,
            "office": True,
        },
        status=422,
    )


def _proposal_page(request: HttpRequest, proposal: GrantProposal, **forms: object) -> HttpResponse:
    office = scope_of(request.user).is_office_of(proposal.region_id)
    lines = list(proposal.lines.all())
    S = GrantProposal.Status
    context = {
        "proposal": proposal,
        "lines": lines,
        "planned": sum(line.planned for line in lines),
        "spent": sum(line.spent or 0 for line in lines),
        "files": proposal.files.select_related("line"),
        "office": office,
        "decision_form": DecisionForm() if office else None,
        "disburse_form": DisburseForm(
            initial={"on": today_in(proposal.region), "amount": proposal.rule.amount}
        )
        if office and proposal.status == S.SELECTED
        else None,
        "file_form": ReportFileForm(lines=lines) if proposal.status == S.DISBURSED else None,
        "can_report": proposal.status == S.DISBURSED,
    }
    context.update(forms)
    return render(request, "enterprise/proposal_detail.html", context)


@login_required
def proposal_detail(request: HttpRequest, grant_proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(actor=request.user, grant_proposal_id=grant_proposal_id)
    return _proposal_page(request, proposal)


@login_required
@require_POST
def proposal_action(request: HttpRequest, grant_proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(actor=request.user, grant_proposal_id=grant_proposal_id)
    if not scope_of(request.user).is_office_of(proposal.region_id):
        raise Http404
    form = DecisionForm(request.POST)
    disburse = DisburseForm(request.POST) if "amount" in request.POST else None
    try:
        if disburse is not None:
            if not disburse.is_valid():
                raise ValidationError(_("Isi nilai dan tanggal penyaluran."), code="invalid")
            services.proposal_disburse(
                actor=request.user,
                proposal=proposal,
                amount=disburse.cleaned_data["amount"],
                on=disburse.cleaned_data["on"],
            )
        elif form.is_valid():
            action, note = form.cleaned_data["action"], form.cleaned_data["note"]
            if action == "submit":
                services.proposal_submit(actor=request.user, proposal=proposal)
            elif action in ("select", "reject"):
                services.proposal_decide(
                    actor=request.user, proposal=proposal, select=action == "select", note=note
                )
            else:
                services.proposal_check(
                    actor=request.user, proposal=proposal, accept=action == "accept", note=note
                )
        else:
            raise ValidationError(_("Pilih tindakan."), code="invalid")
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Usulan diperbarui."))
    return redirect("enterprise:proposal_detail", grant_proposal_id=proposal.pk)


@login_required
@require_POST
def proposal_file(request: HttpRequest, grant_proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(actor=request.user, grant_proposal_id=grant_proposal_id)
    form = ReportFileForm(request.POST, request.FILES, lines=list(proposal.lines.all()))
    if form.is_valid():
        try:
            services.report_file_add(
                actor=request.user,
                proposal=proposal,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                line_id=form.cleaned_data["line"],
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Berkas terunggah."))
            return redirect("enterprise:proposal_detail", grant_proposal_id=proposal.pk)
    response = _proposal_page(request, proposal, file_form=form)
    response.status_code = 422
    return response


@login_required
@require_POST
def proposal_report(request: HttpRequest, grant_proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get_for(actor=request.user, grant_proposal_id=grant_proposal_id)
    spent = {}
    for line in proposal.lines.all():
        raw = "".join(ch for ch in request.POST.get(f"spent_{line.pk}", "") if ch.isdigit())
        if raw:
            spent[line.pk] = int(raw)
    try:
        services.proposal_report(actor=request.user, proposal=proposal, spent=spent)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Laporan penggunaan bantuan diserahkan."))
    return redirect("enterprise:proposal_detail", grant_proposal_id=proposal.pk)


@login_required
def report_file(request: HttpRequest, report_file_id: int) -> FileResponse:
    found = selectors.report_file_get_for(actor=request.user, report_file_id=report_file_id)
    return FileResponse(found.file.open("rb"), filename=str(found))

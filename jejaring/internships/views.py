"""Internship program pages: company HR draw up and submit a program, the office decides
on it within its working-day clock, and both follow its formations. Each view parses,
checks, calls one service or selector and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import require_any_role
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.policies import policy_for
from jejaring.employers import selectors as employer_selectors
from jejaring.employers.pages import STAFF_AND_HR, download, get_or_404, own_companies
from jejaring.internships import selectors, services
from jejaring.internships.forms import DecisionForm, InternshipProgramForm
from jejaring.internships.models import InternshipProgram


@login_required
@require_GET
def internship_program_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *STAFF_AND_HR)
    status = request.GET.get("status", "")
    if status not in InternshipProgram.Status.values:
        status = ""
    programs = selectors.internship_program_list_for(actor=request.user, status=status)
    page = Paginator(programs, 30).get_page(request.GET.get("page"))
    companies = own_companies(request)
    return render(
        request,
        "internships/internship_program_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": InternshipProgram.Status.choices,
            "companies": companies,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def internship_program_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = get_or_404(
        employer_selectors.company_get_for, actor=request.user, company_id=company_id
    )
    form = InternshipProgramForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.internship_program_create(
                actor=request.user,
                company=company,
                data=form.data_object(),
                draft_agreement=form.cleaned_data["draft_agreement"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Program tersimpan sebagai konsep; ajukan ke dinas."))
            return redirect(
                "internships:internship_program_detail", internship_program_id=program.pk
            )
    return render(
        request,
        "employers/simple_form.html",
        {"form": form, "title": _("Program pemagangan baru"), "back": company, "multipart": True},
    )


@login_required
@require_GET
def internship_program_detail(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = get_or_404(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    policy = policy_for(InternshipProgram)
    editable = program.status in (InternshipProgram.Status.DRAFT, InternshipProgram.Status.RETURNED)
    may_decide = program.status == InternshipProgram.Status.SUBMITTED and policy.can(
        request.user, "decide", program
    )
    return render(
        request,
        "internships/internship_program_detail.html",
        {
            "program": program,
            "can_edit": editable and policy.can(request.user, "change", program),
            "decision_form": DecisionForm() if may_decide else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def internship_program_edit(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = get_or_404(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    if not policy_for(InternshipProgram).can(request.user, "change", program):
        raise Http404
    initial = {
        name: getattr(program, name)
        for name in InternshipProgramForm.base_fields
        if name != "draft_agreement"
    }
    form = InternshipProgramForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.internship_program_update(
                actor=request.user,
                program=program,
                data=form.data_object(),
                draft_agreement=form.cleaned_data["draft_agreement"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Program tersimpan."))
            return redirect(
                "internships:internship_program_detail", internship_program_id=program.pk
            )
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "title": _("Ubah program pemagangan"),
            "back": program.company,
            "multipart": True,
        },
    )


@login_required
@require_POST
def internship_program_submit(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = get_or_404(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    try:
        program = services.internship_program_submit(actor=request.user, program=program)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Program diajukan; dinas memutuskan paling lambat %(day)s.")
            % {
                "day": program.decision_due_on.strftime("%d-%m-%Y")
                if program.decision_due_on
                else ""
            },
        )
    return redirect("internships:internship_program_detail", internship_program_id=program.pk)


@login_required
@require_POST
def internship_program_decide(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = get_or_404(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    if not policy_for(InternshipProgram).can(request.user, "decide", program):
        raise Http404
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.internship_program_decide(
                actor=request.user,
                program=program,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Keputusan tersimpan."))
            return redirect(
                "internships:internship_program_detail", internship_program_id=program.pk
            )
    return render(
        request,
        "internships/internship_program_detail.html",
        {"program": program, "can_edit": False, "decision_form": form},
        status=422,
    )


@login_required
@require_GET
def internship_program_document(request: HttpRequest, internship_program_id: int) -> FileResponse:
    program = get_or_404(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    return download(program.draft_agreement)

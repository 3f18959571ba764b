"""Training pages for the catalogue: institutions, programs and instructors (with
their credentials). Another region's or institution's record is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import ApplicationError
from jejaring.core.policies import policy_for
from jejaring.regions.selectors import home_region_for
from jejaring.training import selectors, services
from jejaring.training.forms import CredentialForm, InstitutionForm, InstructorForm, ProgramForm
from jejaring.training.models import Instructor, Program, TrainingInstitution
from jejaring.training.views_common import form_error, staff_page

# --- institutions ----------------------------------------------------------------------


@staff_page
@require_GET
def institution_list(request: HttpRequest) -> HttpResponse:
    institutions = selectors.institution_list_for(actor=request.user)
    return render(
        request,
        "training/institution_list.html",
        {"institutions": institutions, "can_create": scope_of(request.user).is_office},
    )


@staff_page
@require_http_methods(["GET", "POST"])
def institution_create(request: HttpRequest) -> HttpResponse:
    if not scope_of(request.user).is_office:
        raise Http404
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            institution = services.institution_create(
                actor=request.user,
                region=home_region_for(actor=request.user),
                data=form.data_object(),
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Lembaga %(name)s terdaftar.") % {"name": institution})
            return redirect("training:institution_detail", institution_id=institution.pk)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Daftarkan lembaga pelatihan")},
    )


@staff_page
@require_GET
def institution_detail(request: HttpRequest, institution_id: int) -> HttpResponse:
    institution = selectors.institution_get_for(actor=request.user, institution_id=institution_id)
    return render(
        request,
        "training/institution_detail.html",
        {
            "institution": institution,
            "programs": selectors.program_list_for(
                actor=request.user, institution_id=institution.pk
            ),
            "instructors": selectors.instructor_list_for(
                actor=request.user, institution_id=institution.pk
            ),
            "batches": selectors.batch_list_for(
                actor=request.user,
                filters=selectors.BatchFilters(institution_id=institution.pk),
            )[:10],
            "can_change": policy_for(TrainingInstitution).can(request.user, "change", institution),
        },
    )


@staff_page
@require_http_methods(["GET", "POST"])
def institution_edit(request: HttpRequest, institution_id: int) -> HttpResponse:
    institution = selectors.institution_get_for(actor=request.user, institution_id=institution_id)
    if not policy_for(TrainingInstitution).can(request.user, "change", institution):
        raise Http404
    form = InstitutionForm(request.POST or None, initial=InstitutionForm.initial_for(institution))
    if request.method == "POST" and form.is_valid():
        try:
            services.institution_update(
                actor=request.user, institution=institution, data=form.data_object()
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Data lembaga tersimpan."))
            return redirect("training:institution_detail", institution_id=institution.pk)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Ubah lembaga: %(name)s") % {"name": institution.name}},
    )


# --- programs --------------------------------------------------------------------------


@staff_page
@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    programs = selectors.program_list_for(actor=request.user)
    page = Paginator(programs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/program_list.html",
        {"page_obj": page, "can_create": policy_for(Program).can_any(request.user, "create")},
    )


@staff_page
@require_http_methods(["GET", "POST"])
def program_create(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(actor=request.user, data=form.data_object())
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Program %(name)s tersimpan.") % {"name": program.name})
            return redirect("training:program_list")
    return render(
        request, "training/form.html", {"form": form, "title": _("Tambah program pelatihan")}
    )


@staff_page
@require_http_methods(["GET", "POST"])
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.program_get_for(actor=request.user, program_id=program_id)
    if not policy_for(Program).can(request.user, "change", program):
        raise Http404
    form = ProgramForm(
        request.POST or None,
        actor=request.user,
        program=program,
        initial=ProgramForm.initial_for(program),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(actor=request.user, program=program, data=form.data_object())
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Program tersimpan."))
            return redirect("training:program_list")
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Ubah program: %(name)s") % {"name": program.name}},
    )


# --- instructors -----------------------------------------------------------------------


@staff_page
@require_GET
def instructor_list(request: HttpRequest) -> HttpResponse:
    instructors = selectors.instructor_list_for(actor=request.user)
    page = Paginator(instructors, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/instructor_list.html",
        {"page_obj": page, "can_create": policy_for(Instructor).can_any(request.user, "create")},
    )


@staff_page
@require_http_methods(["GET", "POST"])
def instructor_create(request: HttpRequest) -> HttpResponse:
    form = InstructorForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            instructor = services.instructor_create(
                actor=request.user,
                region=home_region_for(actor=request.user),
                data=form.data_object(),
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Instruktur tersimpan."))
            return redirect("training:instructor_detail", instructor_id=instructor.pk)
    return render(request, "training/form.html", {"form": form, "title": _("Tambah instruktur")})


def _instructor_page(
    request: HttpRequest, instructor: Instructor, credential_form: CredentialForm | None = None
) -> dict[str, Any]:
    can_change = policy_for(Instructor).can(request.user, "change", instructor)
    return {
        "instructor": instructor,
        "vocations": instructor.vocations.order_by("name"),
        "credentials": selectors.credential_list(instructor=instructor),
        "can_change": can_change,
        "credential_form": credential_form or (CredentialForm() if can_change else None),
    }


@staff_page
@require_GET
def instructor_detail(request: HttpRequest, instructor_id: int) -> HttpResponse:
    instructor = selectors.instructor_get_for(actor=request.user, instructor_id=instructor_id)
    return render(request, "training/instructor_detail.html", _instructor_page(request, instructor))


@staff_page
@require_http_methods(["GET", "POST"])
def instructor_edit(request: HttpRequest, instructor_id: int) -> HttpResponse:
    instructor = selectors.instructor_get_for(actor=request.user, instructor_id=instructor_id)
    if not policy_for(Instructor).can(request.user, "change", instructor):
        raise Http404
    form = InstructorForm(
        request.POST or None, actor=request.user, initial=InstructorForm.initial_for(instructor)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.instructor_update(
                actor=request.user, instructor=instructor, data=form.data_object()
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Instruktur tersimpan."))
            return redirect("training:instructor_detail", instructor_id=instructor.pk)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Ubah instruktur: %(name)s") % {"name": instructor.full_name}},
    )


@staff_page
@require_POST
def credential_add(request: HttpRequest, instructor_id: int) -> HttpResponse:
    instructor = selectors.instructor_get_for(actor=request.user, instructor_id=instructor_id)
    if not policy_for(Instructor).can(request.user, "change", instructor):
        raise Http404
    form = CredentialForm(request.POST)
    if form.is_valid():
        try:
            services.credential_add(actor=request.user, instructor=instructor, **form.cleaned_data)
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Kompetensi instruktur tercatat."))
            return redirect("training:instructor_detail", instructor_id=instructor.pk)
    return render(
        request,
        "training/instructor_detail.html",
        _instructor_page(request, instructor, credential_form=form),
        status=422,
    )


@staff_page
@require_POST
def credential_remove(request: HttpRequest, instructor_credential_id: int) -> HttpResponse:
    credential = selectors.credential_get_for(
        actor=request.user, credential_id=instructor_credential_id
    )
    instructor_id = credential.instructor_id
    try:
        services.credential_remove(actor=request.user, credential=credential)
    except ApplicationError as error:
        if error.status in (403, 404):
            raise Http404 from None
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Kompetensi dihapus."))
    return redirect("training:instructor_detail", instructor_id=instructor_id)

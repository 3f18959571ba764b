"""Training pages for office staff and institution operators: institutions, programs,
instructors, batches with their status, selection of applicants and attendance. Each
view parses, checks, calls one service or selector and renders; another region's or
institution's record is a 404."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.policies import policy_for
from jejaring.core.spreadsheets import Sheet, xlsx_response
from jejaring.regions.selectors import home_region_for
from jejaring.training import selectors, services
from jejaring.training.forms import (
    DECISIONS,
    AttendanceForm,
    BatchFilterForm,
    BatchForm,
    CancelForm,
    CredentialForm,
    DropOutForm,
    InstitutionForm,
    InstructorForm,
    OverrideForm,
    ProgramForm,
    SelectionForm,
    SessionForm,
)
from jejaring.training.models import (
    Attendance,
    Batch,
    Enrolment,
    Instructor,
    Program,
    TrainingInstitution,
)

_MANAGERS = (Role.OFFICE_STAFF, Role.OPERATOR)


def _staff_page(view: Callable[..., Any]) -> Callable[..., HttpResponseBase]:
    """Login, office staff or operator, and any NotFound from a selector as a 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        require_any_role(request.user, *_MANAGERS)
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    return login_required(wrapped)


def _form_error(form: Any, error: ApplicationError) -> None:
    if error.status == 404:
        raise Http404
    form.add_error(error.field if error.field in form.fields else None, str(error.message))


def _is_office(request: HttpRequest) -> bool:
    scope = scope_of(request.user)
    return scope.is_superuser or Role.OFFICE_STAFF in scope.roles


# --- institutions ----------------------------------------------------------------------


@_staff_page
@require_GET
def institution_list(request: HttpRequest) -> HttpResponse:
    institutions = selectors.institution_list_for(actor=request.user)
    return render(
        request,
        "training/institution_list.html",
        {"institutions": institutions, "can_create": _is_office(request)},
    )


@_staff_page
@require_http_methods(["GET", "POST"])
def institution_create(request: HttpRequest) -> HttpResponse:
    if not _is_office(request):
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
            _form_error(form, error)
        else:
            messages.success(request, _("Lembaga %(name)s terdaftar.") % {"name": institution})
            return redirect("training:institution_detail", institution_id=institution.pk)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Daftarkan lembaga pelatihan")},
    )


@_staff_page
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


@_staff_page
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
            _form_error(form, error)
        else:
            messages.success(request, _("Data lembaga tersimpan."))
            return redirect("training:institution_detail", institution_id=institution.pk)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Ubah lembaga: %(name)s") % {"name": institution.name}},
    )


# --- programs --------------------------------------------------------------------------


@_staff_page
@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    programs = selectors.program_list_for(actor=request.user)
    page = Paginator(programs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/program_list.html",
        {"page_obj": page, "can_create": policy_for(Program).can_any(request.user, "create")},
    )


@_staff_page
@require_http_methods(["GET", "POST"])
def program_create(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(actor=request.user, data=form.data_object())
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Program %(name)s tersimpan.") % {"name": program.name})
            return redirect("training:program_list")
    return render(
        request, "training/form.html", {"form": form, "title": _("Tambah program pelatihan")}
    )


@_staff_page
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
            _form_error(form, error)
        else:
            messages.success(request, _("Program tersimpan."))
            return redirect("training:program_list")
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Ubah program: %(name)s") % {"name": program.name}},
    )


# --- instructors -----------------------------------------------------------------------


@_staff_page
@require_GET
def instructor_list(request: HttpRequest) -> HttpResponse:
    instructors = selectors.instructor_list_for(actor=request.user)
    page = Paginator(instructors, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "training/instructor_list.html",
        {"page_obj": page, "can_create": policy_for(Instructor).can_any(request.user, "create")},
    )


@_staff_page
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
            _form_error(form, error)
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


@_staff_page
@require_GET
def instructor_detail(request: HttpRequest, instructor_id: int) -> HttpResponse:
    instructor = selectors.instructor_get_for(actor=request.user, instructor_id=instructor_id)
    return render(request, "training/instructor_detail.html", _instructor_page(request, instructor))


@_staff_page
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
            _form_error(form, error)
        else:
            messages.success(request, _("Instruktur tersimpan."))
            return redirect("training:instructor_detail", instructor_id=instructor.pk)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Ubah instruktur: %(name)s") % {"name": instructor.full_name}},
    )


@_staff_page
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
            _form_error(form, error)
        else:
            messages.success(request, _("Kompetensi instruktur tercatat."))
            return redirect("training:instructor_detail", instructor_id=instructor.pk)
    return render(
        request,
        "training/instructor_detail.html",
        _instructor_page(request, instructor, credential_form=form),
        status=422,
    )


@_staff_page
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


# --- batches ---------------------------------------------------------------------------


@_staff_page
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


@_staff_page
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


@_staff_page
@require_http_methods(["GET", "POST"])
def batch_create(request: HttpRequest) -> HttpResponse:
    if not policy_for(Batch).can_any(request.user, "create"):
        raise Http404
    form = BatchForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(actor=request.user, data=form.data_object())
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Paket %(code)s dibuat.") % {"code": batch.code})
            return redirect("training:batch_detail", batch_id=batch.pk)
    return render(request, "training/batch_form.html", {"form": form, "batch": None})


@_staff_page
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
            _form_error(form, error)
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
        "is_office": _is_office(request),
        "quota": selectors.batch_quota(batch=batch),
        "status_counts": selectors.batch_status_counts(batch=batch),
        "instructors": selectors.batch_instructors(batch=batch),
        "sessions": selectors.batch_sessions(batch=batch),
        "next_statuses": services.next_batch_statuses(batch) if can_change else [],
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


@_staff_page
@require_GET
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    return render(request, "training/batch_detail.html", _batch_context(request, batch))


@_staff_page
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
    try:
        services.batch_change_status(
            actor=request.user,
            batch=batch,
            status=status,
            reason=cancel_form.cleaned_data["reason"] if cancel_form.is_bound else "",
            override_reason=override_reason,
        )
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        if error.code == "batch_start_blocked":
            override_form = None
            if _is_office(request):
                override_form = OverrideForm(request.POST if override_reason else None)
                if "override_reason" in request.POST and not override_reason.strip():
                    override_form = OverrideForm(request.POST)
                    override_form.is_valid()
            context = _batch_context(
                request,
                batch,
                blocked=error.detail.get("problems", []),
                override_form=override_form,
            )
            return render(request, "training/batch_detail.html", context, status=409)
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Status paket sekarang: %(status)s.") % {"status": batch.get_status_display()},
        )
    return redirect("training:batch_detail", batch_id=batch.pk)


@_staff_page
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


# --- selection -------------------------------------------------------------------------

_SELECTION_FILTERS = [
    Enrolment.Status.APPLIED,
    Enrolment.Status.SHORTLISTED,
    Enrolment.Status.WAITLISTED,
    Enrolment.Status.ACCEPTED,
    Enrolment.Status.REJECTED,
]


@_staff_page
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
        data = request.POST.copy()
        decision, _sep, single = request.POST.get("single", "").partition(":")
        if single:
            data.setlist("enrolments", [single])
            data["decision"] = decision
        form = SelectionForm(data, enrolment_ids=all_ids)
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
                _form_error(form, error)
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


_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


@_staff_page
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


# --- attendance ------------------------------------------------------------------------


@_staff_page
@require_GET
def batch_attendance(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    sessions, rows = selectors.attendance_summary(batch=batch)
    return render(
        request,
        "training/batch_attendance.html",
        {
            "batch": batch,
            "session_count": sessions,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "can_change": policy_for(Batch).can(request.user, "change", batch),
            "running": batch.status == Batch.Status.RUNNING,
        },
    )


@_staff_page
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, batch_session_id: int) -> HttpResponse:
    session = selectors.batch_session_get_for(actor=request.user, session_id=batch_session_id)
    batch = session.batch
    if not policy_for(Batch).can(request.user, "take_attendance", batch):
        raise Http404
    participants = selectors.session_participants(session=session)
    form = AttendanceForm(request.POST or None, participants=participants)
    status = 200
    running = batch.status == Batch.Status.RUNNING
    if request.method == "POST" and not running:
        form.add_error(None, _("Kehadiran hanya dapat diisi selama paket berjalan."))
        status = 409
    elif request.method == "POST":
        if form.is_valid():
            try:
                changed = services.attendance_record(
                    actor=request.user, session=session, statuses=form.statuses()
                )
            except ApplicationError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request, _("Kehadiran tersimpan (%(count)d perubahan).") % {"count": changed}
                )
                return redirect("training:session_attendance", batch_session_id=session.pk)
        status = 422
    return render(
        request,
        "training/session_attendance.html",
        {
            "session": session,
            "batch": batch,
            "form": form,
            "running": running,
        },
        status=status,
    )


@_staff_page
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, batch_session_id: int) -> HttpResponse:
    session = selectors.batch_session_get_for(actor=request.user, session_id=batch_session_id)
    batch = session.batch
    if not policy_for(Batch).can(request.user, "change", batch):
        raise Http404
    initial = {
        "date": session.date,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "topic": session.topic,
        "instructor": session.instructor_id,
    }
    form = SessionForm(request.POST or None, batch=batch, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.batch_session_update(
                actor=request.user,
                session=session,
                day=data["date"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                topic=data["topic"],
                instructor=data["instructor"],
            )
        except ApplicationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Sesi tersimpan."))
            return redirect("training:batch_detail", batch_id=batch.pk)
    title = _("Ubah sesi %(day)s") % {"day": session.date.strftime("%d-%m-%Y")}
    return render(request, "training/form.html", {"form": form, "title": title})


@_staff_page
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
            _form_error(form, error)
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

"""Pages of spreadsheet import jobs: their list, progress and confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jejaring.core import imports, worker
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.htmx import render_page_or_partial
from jejaring.core.models import ImportJob

FINISHED = {ImportJob.Status.REJECTED, ImportJob.Status.DONE, ImportJob.Status.FAILED}


def _job_or_404(request: HttpRequest, import_job_id: int) -> ImportJob:
    try:
        return imports.import_job_get_for(actor=request.user, job_id=import_job_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = imports.import_job_list_for(actor=request.user)
    return render(request, "core/imports/job_list.html", {"jobs": jobs})


@login_required
@require_GET
def job_detail(request: HttpRequest, import_job_id: int) -> HttpResponse:
    job = _job_or_404(request, import_job_id)
    finished = job.status in FINISHED
    # A job waits on a worker unless the user must act; say so when none is running.
    waiting = not finished and job.status != ImportJob.Status.VALIDATED
    return render_page_or_partial(
        request,
        "core/imports/job_detail.html",
        "core/imports/_job_status.html",
        {"job": job, "finished": finished, "no_worker": waiting and not _worker_expected()},
    )


def _worker_expected() -> bool:
    """Whether a worker will pick the job up: always with a backend that runs tasks in
    the process (tests), else only while some worker's heartbeat is fresh."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return True
    return worker.worker_alive()


@login_required
@require_POST
def job_confirm(request: HttpRequest, import_job_id: int) -> HttpResponse:
    job = _job_or_404(request, import_job_id)
    try:
        imports.import_job_confirm(actor=request.user, job=job)
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("imports:job_detail", import_job_id=job.pk)

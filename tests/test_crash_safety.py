"""Kill -9 in the middle: a real worker process (`manage.py worker`, through
tests/crash_process.py) is stopped dead inside the write of a participant import, of an
insurer-return import and of an allocation round. Nothing it began may remain, the next
worker must recover the task (jejaring/core/worker.py) and finish it, and running it yet
again must change nothing. PostgreSQL only: the worker is another process and needs the
committed test database (SQLite's test database lives in this process's memory)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jejaring.core import imports
from jejaring.core.models import ImportJob
from jejaring.placement import audit_actions

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SCRIPT = Path(__file__).resolve().parent / "crash_process.py"


@pytest.fixture
def real_tasks(settings, tmp_path):
    """Tasks go to the database queue and files to a folder, as in production, so that a
    worker in another process sees them."""
    media = tmp_path / "media"
    media.mkdir()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = str(media)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "CRASH_DB_NAME": str(connection.settings_dict["NAME"]),
        "CRASH_MEDIA_ROOT": str(tmp / "media"),
        "CRASH_MARKER": str(tmp / "in-the-middle"),
        **extra,
    }


def run_to_end(tmp: Path, *args: str) -> None:
    """A worker that takes every waiting task (recovering lost ones first), then exits."""
    argv = list(args) or ["worker", "--batch", "--no-startup-delay", "--interval", "0"]
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(SCRIPT), *argv],
        env=_env(tmp),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def kill_in_the_middle(tmp: Path, pause_sql: str, *args: str, after: int = 1) -> None:
    """Start a real process, wait until it is inside its write transaction, SIGKILL it."""
    marker = tmp / "in-the-middle"
    marker.unlink(missing_ok=True)
    argv = list(args) or ["worker", "--no-startup-delay", "--interval", "0.1"]
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, str(SCRIPT), *argv],
        env=_env(tmp, CRASH_PAUSE_SQL=pause_sql, CRASH_PAUSE_AFTER=str(after)),
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None, "the process ended before reaching the middle"
            assert time.monotonic() < deadline, "the process never reached the middle"
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL


def one_task_running() -> DBTaskResult:
    (task,) = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    return task


def test_a_participant_import_killed_mid_write_leaves_nothing_and_completes_once(cast, real_tasks):
    from jejaring.training.imports import KIND
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import BatchFactory
    from jejaring.training.tests.test_imports import row, xlsx

    batch = BatchFactory(
        region=cast.region_a, program__institution__region=cast.region_a, capacity=100
    )
    rows = 30
    job = imports.import_job_create(
        actor=cast.staff_a, kind=KIND, file=xlsx([row(i) for i in range(rows)]), target=batch
    )
    run_to_end(real_tasks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED, job.errors
    imports.import_job_confirm(actor=cast.staff_a, job=job)
    people_before = _count("trainees_person")

    kill_in_the_middle(real_tasks, 'INSERT INTO "training_enrolment"')

    job.refresh_from_db()
    assert job.status == ImportJob.Status.IMPORTING
    assert Enrolment.objects.filter(batch=batch).count() == 0
    assert _count("trainees_person") == people_before
    task = one_task_running()

    run_to_end(real_tasks)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Enrolment.objects.filter(batch=batch).count() == rows
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert len(task.worker_ids) == 2  # killed once, then recovered and finished

    imports.import_job_write_task.enqueue(job.pk)
    run_to_end(real_tasks)
    assert Enrolment.objects.filter(batch=batch).count() == rows
    assert _count("trainees_person") == people_before + rows


def test_an_insurer_return_killed_mid_write_leaves_nothing_and_completes_once(cast, real_tasks):
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jejaring.social_security.importers import KIND
    from jejaring.social_security.models import Coverage
    from jejaring.social_security.tests.test_insurer_return import registered
    from jejaring.trainees.tests.factories import PersonFactory

    covers = [registered(cast.region_a, PersonFactory(region=cast.region_a)) for _ in range(150)]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Balikan")
    sheet.append(["NIK", "Nomor KPJ"])
    for n, cover in enumerate(covers):
        sheet.append([cover.person.nik, f"{10_000_000_000 + n}"])
    out = io.BytesIO()
    book.save(out)
    job = imports.import_job_create(
        actor=cast.staff_a, kind=KIND, file=SimpleUploadedFile("balikan.xlsx", out.getvalue())
    )
    run_to_end(real_tasks)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALIDATED, job.errors
    imports.import_job_confirm(actor=cast.staff_a, job=job)

    # The card numbers go out in batches of 100: stop after the first.
    kill_in_the_middle(real_tasks, 'UPDATE "social_security_coverage"')

    job.refresh_from_db()
    assert job.status == ImportJob.Status.IMPORTING
    assert not Coverage.objects.exclude(kpj_number="").exists()
    assert not Coverage.objects.filter(status=Coverage.Status.ACTIVE).exists()
    one_task_running()

    run_to_end(real_tasks)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.summary["activated"] == len(covers)
    assert Coverage.objects.filter(status=Coverage.Status.ACTIVE).count() == len(covers)

    imports.import_job_write_task.enqueue(job.pk)
    run_to_end(real_tasks)
    job.refresh_from_db()
    assert job.summary["activated"] == len(covers)
    assert _audits("social_security.insurer_return") == 1


def test_an_allocation_killed_mid_write_leaves_the_round_closed_and_runs_once(cast, real_tasks):
    from jejaring.accounts.tests.factories import UserFactory
    from jejaring.employers.tests.factories import FormationFactory
    from jejaring.placement import services
    from jejaring.placement.models import AllocationResult, AllocationRound
    from jejaring.placement.tests.factories import graduate
    from jejaring.training.tests.factories import VocationFactory

    vocation = VocationFactory(code="menjahit", name="Menjahit")
    formations = []
    for _ in range(3):
        formation = FormationFactory(
            company=cast.company_a, quota=4, accepts_all_vocations=False, closes_on=date(2099, 1, 1)
        )
        formation.vocations.add(vocation)
        formations.append(formation)
    rnd = services.round_create(
        actor=cast.staff_a,
        region=cast.region_a,
        name="Tahap I",
        formation_ids=[f.pk for f in formations],
    )
    applicants = 20
    for i in range(applicants):
        person = graduate(region=cast.region_a, vocation=vocation, score=f"{60 + i}.00")
        person.user = UserFactory()
        person.save()
        services.application_submit(
            actor=person.user, rnd=rnd, formation_ids=[f.pk for f in formations]
        )
    services.round_close(actor=cast.staff_a, rnd=rnd)
    allocate = ["allocate", str(rnd.pk), str(cast.staff_a.pk)]
    seats_before = _seats(rnd)

    # The seats are counted and written first, then the results go in by COPY (which
    # no statement hook sees): stop just after the seats, before the results.
    kill_in_the_middle(real_tasks, 'DELETE FROM "placement_allocationresult"', *allocate)

    assert _seats(rnd) == seats_before
    rnd.refresh_from_db()
    assert rnd.status == AllocationRound.Status.CLOSED
    assert rnd.input_digest == ""
    assert not AllocationResult.objects.filter(round=rnd).exists()
    assert _audits(audit_actions.ROUND_ALLOCATE) == 0

    run_to_end(real_tasks, *allocate)
    rnd.refresh_from_db()
    assert rnd.status == AllocationRound.Status.ALLOCATED
    first = sorted(
        AllocationResult.objects.filter(round=rnd).values_list("application_id", "formation_id")
    )
    assert len(first) == applicants
    assert sum(1 for _app, formation in first if formation is not None) == 12

    run_to_end(real_tasks, *allocate)
    again = sorted(
        AllocationResult.objects.filter(round=rnd).values_list("application_id", "formation_id")
    )
    assert again == first
    assert _seats(rnd) == [4, 4, 4]
    assert _audits(audit_actions.ROUND_ALLOCATE) == 2
    assert services.round_replay(rnd=rnd)


def _seats(rnd: Any) -> list[Any]:
    from jejaring.placement.models import RoundFormation

    return list(
        RoundFormation.objects.filter(round=rnd).order_by("pk").values_list("seats", flat=True)
    )


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
        return int(cursor.fetchone()[0])


def _audits(action: str) -> int:
    from jejaring.core.models import AuditEvent

    return AuditEvent.objects.filter(action=action).count()


def test_a_running_worker_survives_every_hostile_file_and_rejects_each_import(cast, real_tasks):
    """The same worker process (one PID, never restarted) checks one hostile file after
    another: each import ends rejected with its message, nothing is written, and the
    worker is still running afterwards."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jejaring.core.tests import hostile_files
    from jejaring.training.imports import KIND
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import BatchFactory

    batch = BatchFactory(
        region=cast.region_a, program__institution__region=cast.region_a, capacity=100
    )
    corpus = {
        "far-cell.xlsx": hostile_files.far_cell(),
        "huge.xlsx": hostile_files.huge_dimension(),
        "bomb.xlsx": hostile_files.zip_bomb(5),
        "laughs.xlsx": hostile_files.billion_laughs(),
        "locked.xlsx": hostile_files.password_protected(),
        "old.xls": hostile_files.old_xls(),
        "picture.xlsx": hostile_files.png_named_xlsx(),
    }
    jobs = [
        imports.import_job_create(
            actor=cast.staff_a, kind=KIND, file=SimpleUploadedFile(name, data), target=batch
        )
        for name, data in corpus.items()
    ]
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, str(SCRIPT), "worker", "--no-startup-delay", "--interval", "0.1"],
        env=_env(real_tasks),
    )
    try:
        deadline = time.monotonic() + 90
        waiting = {job.pk for job in jobs}
        while waiting:
            assert worker.poll() is None, "a hostile file ended the worker"
            assert time.monotonic() < deadline, "some imports were never answered"
            waiting = set(
                ImportJob.objects.filter(pk__in=waiting)
                .exclude(status=ImportJob.Status.REJECTED)
                .values_list("pk", flat=True)
            )
            time.sleep(0.2)
        assert worker.poll() is None, "the worker is still the same running process"
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    for job in ImportJob.objects.filter(pk__in=[j.pk for j in jobs]):
        assert job.errors and job.errors[0]["message"], job.pk
    assert not Enrolment.objects.filter(batch=batch).exists()

"""The participant importer: checks a whole file against its batch, then writes it.

Writing finds each person by NIK (one person per NIK in the whole deployment) or registers
them in the batch's region through the registry's one write path
(`trainees.services.person_register_many`), and enrols every row as an applicant whose
identity is checked at selection (source "import"), all in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.core import audit, versions
from jejaring.core.errors import NotFound
from jejaring.core.imports import Progress, Rows, import_job_target, register_importer
from jejaring.core.models import ImportJob
from jejaring.core.numbers import format_number
from jejaring.core.policies import policy_for
from jejaring.core.spreadsheets import Column, RowError
from jejaring.trainees.models import Person
from jejaring.trainees.nik import mask_nik
from jejaring.trainees.services import PersonData, RegisterSource, person_register_many
from jejaring.training import audit_actions as actions
from jejaring.training.identity import applicant_snapshot
from jejaring.training.imports.rows import (
    COLUMNS,
    HEADER,
    Participant,
    drop_sample_row,
    parse_rows,
)
from jejaring.training.models import Batch, Enrolment
from jejaring.training.person_links import sync_away_from_home

KIND = ImportJob.Kind.PARTICIPANTS

#: Batches that still take participants: before they run.
OPEN_STATUSES = frozenset({Batch.Status.PLANNED, Batch.Status.OPEN, Batch.Status.SELECTION})
#: Rows per query or insert: below SQLite's limit on query parameters.
CHUNK = 900


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _person_ids(niks: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(list(niks)):
        found.update(Person.objects.filter(nik__in=chunk).values_list("nik", "pk"))
    return found


def _number(value: int) -> str:
    """10000 as 10.000 in Indonesian, 10,000 in English."""
    return format_number(value)


def taken_places(batch: Batch) -> int:
    """Places of the batch's quota already held (accepted or in training)."""
    return Enrolment.objects.filter(batch=batch, status__in=Enrolment.SEATED).count()


def batch_problems(batch: Batch | None, rows: int) -> list[RowError]:
    """Problems of the file as a whole: the batch no longer takes participants, or has
    too few places left for every row."""
    if batch is None:
        return [RowError(0, "", _("Paket tidak ditemukan."))]
    if batch.status not in OPEN_STATUSES:
        return [
            RowError(
                0,
                "",
                _("Paket berstatus %(status)s tidak menerima peserta baru.")
                % {"status": batch.get_status_display()},
            )
        ]
    taken = taken_places(batch)
    if taken + rows > batch.capacity:
        return [
            RowError(
                0,
                "",
                _(
                    "Kuota paket tidak cukup: berkas berisi %(rows)s peserta, "
                    "tersisa %(left)s tempat."
                )
                % {"rows": _number(rows), "left": _number(max(batch.capacity - taken, 0))},
            )
        ]
    return []


def enrolment_problems(batch: Batch, participants: Sequence[Participant]) -> list[RowError]:
    """Rows whose NIK already has an enrolment in this batch (which the importer sees on
    the batch's own selection page). Nothing about enrolments elsewhere is checked or
    said here: that would tell the importer about other regions' records. Overlaps are
    checked when an applicant is accepted, after the KTP check."""
    person_ids = _person_ids(p.nik for p in participants)
    if not person_ids:
        return []
    nik_of = {pk: nik for nik, pk in person_ids.items()}
    here: set[int] = set()
    for chunk in _chunks(list(nik_of)):
        here.update(
            Enrolment.objects.filter(batch=batch, person_id__in=chunk).values_list(
                "person_id", flat=True
            )
        )
    rows = {p.nik: p.row for p in participants}
    return [
        RowError(rows[nik_of[pk]], HEADER["nik"], _("NIK ini sudah mendaftar di paket ini."))
        for pk in sorted(here, key=lambda pk: rows[nik_of[pk]])
    ]


class ParticipantImporter:
    """Participants of one batch (the job's target)."""

    columns: Sequence[Column] = COLUMNS

    def may_use(self, actor: Any, target: Any) -> bool:
        return isinstance(target, Batch) and policy_for(Batch).can(actor, "select", target)

    def region_for(self, actor: Any, target: Any) -> Any:
        return target.region

    def validate(self, job: ImportJob, rows: Rows) -> list[RowError]:
        batch = _batch_of(job)
        sample_only = drop_sample_row(rows)
        participants, errors = parse_rows(rows, today=timezone.localdate())
        errors += sample_only
        errors += batch_problems(batch, len(rows))
        if batch is not None and participants:
            errors += enrolment_problems(batch, participants)
        if job.status == ImportJob.Status.IMPORTING:
            # `write` follows on the same job object; spare it a second pass over the file.
            job._participants = participants  # type: ignore[attr-defined]
        else:
            # The framework keeps the first rows as the preview shown on the job page, where
            # a NIK is never shown in full; the rows read again for writing stay whole.
            for _number, values in rows[:20]:
                values["nik"] = mask_nik(values["nik"])
        return errors

    def write(self, job: ImportJob, rows: Rows, progress: Progress) -> dict[str, Any]:
        """Called inside the framework's transaction after `validate` found no problem."""
        batch = Batch.objects.select_for_update().get(pk=job.target_id)
        participants = getattr(job, "_participants", None)
        if participants is None:
            participants, errors = parse_rows(rows, today=timezone.localdate())
            assert not errors, "validated just before"
        actor = job.created_by
        existing = _person_ids(p.nik for p in participants)
        new_people: list[Person] = []
        for chunk in _chunks([p for p in participants if p.nik not in existing]):
            new_people += person_register_many(
                actor=actor,
                region=batch.region,
                data=[_person_data(p) for p in chunk],
                source=RegisterSource.IMPORT,
            )
        person_ids = {**existing, **{person.nik: person.pk for person in new_people}}
        now = timezone.now()
        # Every row is an applicant whose identity is checked (KTP) at selection, whether
        # or not its NIK was known: an import links nobody's record by NIK alone, and
        # what it writes does not tell the importer which NIKs were known.
        enrolments = [
            Enrolment(
                region_id=batch.region_id,
                batch=batch,
                institution_id=batch.institution_id,
                person_id=person_ids[p.nik],
                status=Enrolment.Status.APPLIED,
                source=Enrolment.Source.IMPORT,
                applied_at=now,
                identity=Enrolment.Identity.UNVERIFIED,
                applicant=_typed(p),
            )
            for p in participants
        ]
        done = 0
        for chunk in _chunks(enrolments):
            Enrolment.objects.bulk_create(chunk)
            done += len(chunk)
            progress(done)
        # bulk_create skips Enrolment.save: mark the people whose home is elsewhere.
        sync_away_from_home(Enrolment.objects.filter(batch=batch))
        summary = {"enrolled": len(enrolments)}
        versions.bump(batch.region_id, versions.PEOPLE, versions.TRAINING)
        audit.record(
            actor=actor,
            action=actions.ENROLMENT_IMPORT,
            target=batch,
            changes={
                "import_job": [None, job.pk],
                "enrolled": [0, len(enrolments)],
                "persons_created": [0, len(new_people)],
            },
        )
        return summary


def _batch_of(job: ImportJob) -> Batch | None:
    """The job's batch; locked while writing (the framework checks the file again inside
    the write transaction), so that two imports into one batch never pass its quota."""
    if job.status == ImportJob.Status.IMPORTING:
        return Batch.objects.select_for_update().filter(pk=job.target_id).first()
    target = import_job_target(job)
    return target if isinstance(target, Batch) else None


def _person_data(p: Participant) -> PersonData:
    return PersonData(
        nik=p.nik,
        full_name=p.full_name,
        education=p.education,
        sex=p.sex,
        birth_date=p.birth_date,
        birth_place=p.birth_place,
        address=p.address,
        domicile_regency_code=p.regency_code,
        domicile_district_code=p.district_code,
        domicile_village_code=p.village_code,
        phone=p.phone,
        email=p.email,
    )


def _typed(p: Participant) -> dict[str, Any]:
    return applicant_snapshot(
        full_name=p.full_name,
        education=p.education,
        birth_place=p.birth_place,
        address=p.address,
        domicile_regency_code=p.regency_code,
        domicile_district_code=p.district_code,
        domicile_village_code=p.village_code,
        phone=p.phone,
        email=p.email,
    )


def batch_for_import(*, actor: Any, batch_id: int) -> Batch:
    """The batch whose participants `actor` may import, or NotFound (also for a batch of
    another region or institution, which is not told apart from one that does not exist)."""
    batch = (
        Batch.objects.for_actor(actor)
        .select_related("program", "institution")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None or not ParticipantImporter().may_use(actor, batch):
        raise NotFound(_("Paket tidak ditemukan."), code="batch_not_found")
    return batch


register_importer(KIND, ParticipantImporter())

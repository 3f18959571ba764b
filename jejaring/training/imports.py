"""Importing a batch's participants from a spreadsheet (XLSX or CSV), all or nothing.

The importer plugs into the import-job framework (:mod:`jejaring.core.imports`): the whole
file is checked in a background task — every row, with every bad row listed in Indonesian —
and nothing is written until the user confirms a file without a single bad row. Writing then
finds each person by NIK (one person per NIK in the whole deployment) or registers them in
the batch's region, and enrols everyone as an accepted participant (source "import"), all in
one transaction.

Checks are set-based: a 10,000-row file costs a handful of queries, not one per row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.core import audit
from jejaring.core.errors import NotFound
from jejaring.core.imports import Progress, Rows, import_job_target, register_importer
from jejaring.core.models import AuditEvent, ImportJob
from jejaring.core.phone import PhoneError, normalise_phone
from jejaring.core.policies import policy_for
from jejaring.core.spreadsheets import Column, RowError
from jejaring.core.validation_messages import message_for
from jejaring.regions.areas import load_areas
from jejaring.trainees.models import Education, Person
from jejaring.trainees.nik import NikError, mask_nik, parse_nik
from jejaring.training.identity import applicant_snapshot
from jejaring.training.models import Batch, Enrolment

KIND = ImportJob.Kind.PARTICIPANTS

#: The file's columns. Headers are matched loosely (case, spaces, punctuation ignored).
COLUMNS: tuple[Column, ...] = (
    Column("nik", "NIK", aliases=("nomor induk kependudukan", "no ktp", "nomor ktp")),
    Column("full_name", "Nama", aliases=("nama lengkap", "nama peserta")),
    Column("birth_date", "Tanggal lahir", aliases=("tgl lahir",), required=False),
    Column("birth_place", "Tempat lahir", aliases=("tmp lahir",), required=False),
    Column("sex", "Jenis kelamin", aliases=("l/p", "jk", "gender"), required=False),
    Column("education", "Pendidikan", aliases=("pendidikan terakhir",)),
    Column("address", "Alamat domisili", aliases=("alamat",), required=False),
    Column(
        "area_code",
        "Kode wilayah domisili",
        aliases=("kode wilayah", "kode kelurahan", "kode desa", "kode kelurahan/desa"),
        required=False,
    ),
    Column("phone", "Telepon", aliases=("nomor hp", "no hp", "hp", "no telepon"), required=False),
    Column("email", "Email", aliases=("e-mail", "surel", "alamat email"), required=False),
)
HEADER = {column.key: column.header for column in COLUMNS}

#: Batches that still take participants: before they run.
OPEN_STATUSES = frozenset({Batch.Status.PLANNED, Batch.Status.OPEN, Batch.Status.SELECTION})
#: Enrolments that hold a place in their batch (the quota).
HOLDING_PLACE = (Enrolment.Status.ACCEPTED, Enrolment.Status.TRAINING)
#: Rows per query or insert: below SQLite's limit on query parameters.
CHUNK = 900

_SEX = {
    "l": "M",
    "lk": "M",
    "laki": "M",
    "lakilaki": "M",
    "pria": "M",
    "m": "M",
    "male": "M",
    "p": "F",
    "pr": "F",
    "perempuan": "F",
    "wanita": "F",
    "f": "F",
    "female": "F",
}
_EDUCATION = {
    **{value: value for value in Education.values},
    "tidaksekolah": "none",
    "belumsekolah": "none",
    "tidakbelumsekolah": "none",
    "tidaktamatsd": "none",
    "sdsederajat": "sd",
    "mi": "sd",
    "paketa": "sd",
    "sltp": "smp",
    "smpsederajat": "smp",
    "mts": "smp",
    "paketb": "smp",
    "slta": "sma",
    "smasederajat": "sma",
    "ma": "sma",
    "paketc": "sma",
    "stm": "smk",
    "smea": "smk",
    "mak": "smk",
    "diploma1": "d1",
    "diploma2": "d2",
    "diploma3": "d3",
    "diploma4": "d4",
    "sarjana": "s1",
    "magister": "s2",
    "doktor": "s3",
}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "ags"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_WORDED_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_AREA_CODE = re.compile(r"^(\d{2})\.?(\d{2})(?:\.?(\d{2})(?:\.?(\d{4}))?)?$")


@dataclass(frozen=True)
class Participant:
    """One good row, ready to be written."""

    row: int
    nik: str
    nik_needs_review: bool
    full_name: str
    sex: str
    birth_date: dt.date
    birth_place: str
    education: str
    address: str
    regency_code: str
    district_code: str
    village_code: str
    phone: str
    email: str


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def parse_date(text: str) -> dt.date | None:
    """A date as offices type it: 15/01/1990, 15-01-1990, 1990-01-15 or 15 Januari 1990."""
    text = text.strip().lower()
    try:
        if match := _ISO_DATE.match(text):
            year, month, day = (int(g) for g in match.groups()[:3])
        elif match := _NUMERIC_DATE.match(text):
            day, month, year = (int(g) for g in match.groups())
        elif (match := _WORDED_DATE.match(text)) and match.group(2) in _MONTHS:
            day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
        else:
            return None
        return dt.date(year, month, day)
    except ValueError:
        return None


def _area_codes(text: str) -> tuple[str, str, str] | None:
    """(regency, district, village) dotted codes from a code of a regency, district or
    village, dotted or not; None when the code is unknown."""
    match = _AREA_CODE.match(text.strip())
    if match is None:
        return None
    province, regency, district, village = match.groups()
    areas = load_areas()
    regency_code = f"{province}.{regency}"
    if regency_code not in areas.regencies:
        return None
    district_code = f"{regency_code}.{district}" if district else ""
    if district_code and district_code not in areas.districts:
        return None
    village_code = f"{district_code}.{village}" if village else ""
    if village_code and village_code not in areas.villages():
        return None
    return regency_code, district_code, village_code


def parse_rows(rows: Rows, *, today: dt.date) -> tuple[list[Participant], list[RowError]]:
    """Check every row on its own and against the other rows of the file (no queries)."""
    good: list[Participant] = []
    errors: list[RowError] = []
    first_row_of: dict[str, int] = {}
    for number, values in rows:
        row_errors: list[RowError] = []

        def bad(
            column: str, message: str, _errors: list[RowError] = row_errors, _row: int = number
        ) -> None:
            _errors.append(RowError(_row, HEADER[column], message))

        parsed = None
        if not values["nik"]:
            bad("nik", _("NIK wajib diisi."))
        else:
            try:
                parsed = parse_nik(values["nik"], today=today)
            except NikError as error:
                bad("nik", message_for(error.code, error.params))
        if parsed is not None:
            earlier = first_row_of.setdefault(parsed.nik, number)
            if earlier != number:
                bad("nik", _("NIK sama dengan baris %(row)s.") % {"row": earlier})

        full_name = " ".join(values["full_name"].split())
        if not full_name:
            bad("full_name", _("Nama wajib diisi."))
        elif len(full_name) > 200:
            bad("full_name", _("Nama paling panjang 200 karakter."))

        birth_date = None
        if values["birth_date"]:
            birth_date = parse_date(values["birth_date"])
            if birth_date is None:
                bad(
                    "birth_date",
                    _("Tanggal lahir “%(value)s” tidak dikenali; tulis seperti 15/01/1990.")
                    % {"value": values["birth_date"][:40]},
                )
            elif parsed is not None and birth_date != parsed.birth_date:
                bad("birth_date", _("Tanggal lahir tidak sesuai dengan NIK."))

        sex = ""
        if values["sex"]:
            sex = _SEX.get(_key(values["sex"]), "")
            if not sex:
                bad("sex", _("Jenis kelamin diisi L (laki-laki) atau P (perempuan)."))
            elif parsed is not None and sex != parsed.sex:
                bad(
                    "sex",
                    _(
                        "Jenis kelamin tidak sesuai dengan NIK "
                        "(tanggal lahir perempuan ditambah 40)."
                    ),
                )

        education = _EDUCATION.get(_key(values["education"]), "")
        if not values["education"]:
            bad("education", _("Pendidikan wajib diisi."))
        elif not education:
            bad(
                "education",
                _("Pendidikan “%(value)s” tidak dikenal; pilih salah satu: %(choices)s.")
                % {"value": values["education"][:40], "choices": _education_choices()},
            )

        birth_place = values["birth_place"].strip()
        if len(birth_place) > 100:
            bad("birth_place", _("Tempat lahir paling panjang 100 karakter."))

        areas: tuple[str, str, str] | None = ("", "", "")
        if values["area_code"]:
            areas = _area_codes(values["area_code"])
            if areas is None:
                bad(
                    "area_code",
                    _(
                        "Kode wilayah “%(value)s” tidak dikenal; tulis kode Kemendagri "
                        "kelurahan/desa, kecamatan atau kabupaten/kota, mis. 33.75.01.1002."
                    )
                    % {"value": values["area_code"][:40]},
                )

        phone = ""
        if values["phone"]:
            try:
                phone = normalise_phone(values["phone"])
            except PhoneError as error:
                bad("phone", message_for(error.code, error.params))

        email = values["email"].strip().lower()
        if email:
            try:
                validate_email(email)
            except DjangoValidationError:
                bad("email", _("Alamat email tidak sah."))

        if row_errors:
            errors.extend(row_errors)
            continue
        assert parsed is not None and areas is not None
        good.append(
            Participant(
                row=number,
                nik=parsed.nik,
                nik_needs_review=parsed.needs_review,
                full_name=full_name,
                sex=parsed.sex,
                birth_date=parsed.birth_date,
                birth_place=birth_place,
                education=education,
                address=values["address"].strip(),
                regency_code=areas[0],
                district_code=areas[1],
                village_code=areas[2],
                phone=phone,
                email=email,
            )
        )
    return good, errors


def _education_choices() -> str:
    return ", ".join(str(label) for label in Education.labels)


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _person_ids(niks: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(list(niks)):
        found.update(Person.objects.filter(nik__in=chunk).values_list("nik", "pk"))
    return found


def _number(value: int) -> str:
    """10000 as 10.000, as Indonesians write it."""
    return f"{value:,}".replace(",", ".")


def taken_places(batch: Batch) -> int:
    """Places of the batch's quota already held (accepted or in training)."""
    return Enrolment.objects.filter(batch=batch, status__in=HOLDING_PLACE).count()


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
        participants, errors = parse_rows(rows, today=timezone.localdate())
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
        new_people = [_person(batch, p) for p in participants if p.nik not in existing]
        for chunk in _chunks(new_people):
            Person.objects.bulk_create(chunk)
            _audit_people(actor, chunk)
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
        summary = {"enrolled": len(enrolments)}
        audit.record(
            actor=actor,
            action="training.enrolment.import",
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


def _person(batch: Batch, p: Participant) -> Person:
    return Person(
        region_id=batch.region_id,
        nik=p.nik,
        nik_needs_review=p.nik_needs_review,
        full_name=p.full_name,
        sex=p.sex,
        birth_date=p.birth_date,
        birth_place=p.birth_place,
        education=p.education,
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


def _audit_people(actor: Any, people: Sequence[Person]) -> None:
    """One "trainees.person.create" event per person registered, as `person_create`
    writes it (the NIK recorded only as changed), inserted in bulk."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("people are imported inside the import transaction")
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = (getattr(user, "full_name", "") or user.get_username())[:200] if user else ""
    person_type = ContentType.objects.get_for_model(Person)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=user,
                actor_label=label,
                region_id=person.region_id,
                action="trainees.person.create",
                target_type=person_type,
                target_id=str(person.pk),
                target_label=str(person)[:300],
                changes={"full_name": [None, person.full_name], "nik": ["•••", "•••"]},
            )
            for person in people
        ]
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

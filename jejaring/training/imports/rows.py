"""Reading a participants spreadsheet: its columns, and every row checked on its own and
against the other rows of the file, each bad row listed in Indonesian (no queries)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from jejaring.core.imports import Rows
from jejaring.core.phone import PhoneError, normalise_phone
from jejaring.core.spreadsheets import Column, RowError
from jejaring.core.validation_messages import message_for
from jejaring.regions.areas import load_areas
from jejaring.trainees.models import Education
from jejaring.trainees.nik import NikError, parse_nik

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

#: The example row of the downloadable template (training.views_import.template_xlsx).
#: A file that still holds it imports every other row and skips this one: it is no person.
SAMPLE_ROW = (
    "3375014101950001",
    "Siti Aminah",
    "01/01/1995",
    "Pekalongan",
    "P",
    "SMK",
    "Jl. Merdeka No. 1, RT 001/RW 002, Medono",
    "33.75.01.1002",
    "0812 3456 7890",
    "siti.aminah@example.com",
)

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


def _is_sample(values: dict[str, str]) -> bool:
    # The NIK and the name together: a real person never has both of the example's.
    return re.sub(r"\D", "", values.get("nik", "")) == SAMPLE_ROW[0] and _key(
        values.get("full_name", "")
    ) == _key(SAMPLE_ROW[1])


def drop_sample_row(rows: Rows) -> list[RowError]:
    """Remove the template's example row from `rows` (in place, so the job's row count
    and preview leave it out too); a file that held nothing else is an error."""
    kept = [(number, values) for number, values in rows if not _is_sample(values)]
    if len(kept) == len(rows):
        return []
    rows[:] = kept
    if kept:
        return []
    return [
        RowError(
            0,
            "",
            _("Berkas hanya berisi baris contoh dari templat; isi data peserta di bawahnya."),
        )
    ]


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

"""Forms of the training staff pages. The services check everything again."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.trainees.models import Education
from jejaring.training import selectors
from jejaring.training.models import (
    Attendance,
    Batch,
    Enrolment,
    FundingSource,
    Instructor,
    Program,
    TrainingInstitution,
)
from jejaring.training.services import BatchData, InstitutionData, InstructorData, ProgramData

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _set_queryset(form: forms.Form, name: str, queryset: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class InstitutionForm(Form):
    kind = forms.ChoiceField(label=_("Jenis lembaga"), choices=TrainingInstitution.Kind.choices)
    name = forms.CharField(label=_("Nama lembaga"), max_length=200)
    short_name = forms.CharField(label=_("Nama singkat"), max_length=60, required=False)
    registration_number = forms.CharField(
        label=_("Nomor izin/registrasi"), max_length=60, required=False
    )
    head_name = forms.CharField(label=_("Kepala lembaga"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Alamat"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    village_code = forms.CharField(
        label=_("Kode kelurahan/desa"),
        max_length=13,
        required=False,
        help_text=_("Kode Kemendagri, misalnya 33.75.01.1001."),
    )
    phone = forms.RegexField(
        label=_("Telepon"),
        regex=r"^\+?[0-9 ()-]{6,16}$",
        max_length=16,
        required=False,
        error_messages={"invalid": _("Nomor telepon hanya boleh berisi angka.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    @classmethod
    def initial_for(cls, institution: TrainingInstitution) -> dict[str, Any]:
        return {name: getattr(institution, name) for name in cls.base_fields}

    def data_object(self) -> InstitutionData:
        return InstitutionData(**self.cleaned_data)


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}"


class ProgramForm(Form):
    institution = forms.ModelChoiceField(
        label=_("Lembaga"), queryset=TrainingInstitution.objects.none()
    )
    vocation = forms.ModelChoiceField(label=_("Kejuruan"), queryset=selectors.vocation_list())
    code = forms.CharField(label=_("Kode program"), max_length=40)
    name = forms.CharField(label=_("Nama program"), max_length=200)
    description = forms.CharField(
        label=_("Uraian"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hours_jp = forms.IntegerField(label=_("Jumlah jam pelajaran (JP)"), min_value=1, max_value=5000)
    duration_days = forms.IntegerField(label=_("Lama (hari kerja)"), min_value=1, max_value=1000)
    default_capacity = forms.IntegerField(
        label=_("Kapasitas per paket"),
        min_value=1,
        max_value=1000,
        help_text=_("Biasanya 16 orang untuk BLK dan 20 untuk LPKS."),
    )
    min_attendance_pct = forms.IntegerField(
        label=_("Kehadiran minimal untuk lulus (%)"),
        min_value=0,
        max_value=100,
        initial=80,
        help_text=_("Aturan kelulusan: peserta di bawah angka ini tidak lulus."),
    )
    scheme = forms.ModelChoiceField(
        label=_("Skema sertifikasi"), queryset=selectors.scheme_list(), required=False
    )
    units = UnitChoiceField(
        label=_("Unit kompetensi yang disiapkan"),
        queryset=selectors.unit_list(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Kosongkan untuk memakai semua unit skema yang dipilih."),
    )
    is_entrepreneurship = forms.BooleanField(label=_("Program kewirausahaan"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=Program.Status.choices, initial=Program.Status.ACTIVE
    )

    def __init__(self, *args: Any, actor: Any, program: Program | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _set_queryset(self, "institution", selectors.institution_list_for(actor=actor))
        if program is not None:
            self.fields["institution"].disabled = True

    @classmethod
    def initial_for(cls, program: Program) -> dict[str, Any]:
        initial = {
            name: getattr(program, name) for name in cls.base_fields if name not in {"units"}
        }
        initial["units"] = list(program.units.values_list("pk", flat=True))
        return initial

    def data_object(self) -> ProgramData:
        data = self.cleaned_data
        units = list(data["units"])
        if not units and data["scheme"] is not None:
            units = [link.unit for link in data["scheme"].scheme_units.select_related("unit")]
        return ProgramData(
            institution=data["institution"],
            vocation=data["vocation"],
            code=data["code"],
            name=data["name"],
            description=data["description"],
            hours_jp=data["hours_jp"],
            duration_days=data["duration_days"],
            default_capacity=data["default_capacity"],
            min_attendance_pct=data["min_attendance_pct"],
            scheme=data["scheme"],
            units=tuple(units),
            is_entrepreneurship=data["is_entrepreneurship"],
            status=data["status"],
        )


class InstructorForm(Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    institution = forms.ModelChoiceField(
        label=_("Lembaga"),
        queryset=TrainingInstitution.objects.none(),
        required=False,
        help_text=_("Kosongkan untuk instruktur yang direkrut dinas per paket."),
    )
    phone = forms.RegexField(
        label=_("Telepon"),
        regex=r"^\+?[0-9 ()-]{6,16}$",
        max_length=16,
        required=False,
        error_messages={"invalid": _("Nomor telepon hanya boleh berisi angka.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)
    vocations = forms.ModelMultipleChoiceField(
        label=_("Kejuruan yang diampu"),
        queryset=selectors.vocation_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Instructor.Status.choices, initial=Instructor.Status.ACTIVE
    )
    notes = forms.CharField(
        label=_("Catatan"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, actor: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _set_queryset(self, "institution", selectors.institution_list_for(actor=actor))

    @classmethod
    def initial_for(cls, instructor: Instructor) -> dict[str, Any]:
        initial = {
            name: getattr(instructor, name) for name in cls.base_fields if name != "vocations"
        }
        initial["vocations"] = list(instructor.vocations.values_list("pk", flat=True))
        return initial

    def data_object(self) -> InstructorData:
        data = self.cleaned_data
        return InstructorData(
            full_name=data["full_name"],
            institution=data["institution"],
            phone=data["phone"],
            email=data["email"],
            vocations=tuple(data["vocations"]),
            status=data["status"],
            notes=data["notes"],
        )


class CredentialForm(Form):
    title = forms.CharField(label=_("Kompetensi/sertifikat"), max_length=200)
    issuer = forms.CharField(label=_("Penerbit"), max_length=200, required=False)
    number = forms.CharField(label=_("Nomor"), max_length=80, required=False)
    issued_on = forms.DateField(label=_("Tanggal terbit"), required=False, widget=_DATE)
    valid_until = forms.DateField(label=_("Berlaku sampai"), required=False, widget=_DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, until = data.get("issued_on"), data.get("valid_until")
        if issued and until and until < issued:
            self.add_error(
                "valid_until", _("Masa berlaku tidak boleh berakhir sebelum tanggal terbit.")
            )
        return data


class ProgramChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} · {obj.institution}"


class InstructorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        where = obj.institution or _("dinas")
        return f"{obj.full_name} ({where})"


def _optional_age(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=14, max_value=80)


class BatchForm(Form):
    program = ProgramChoiceField(label=_("Program"), queryset=Program.objects.none())
    code = forms.CharField(label=_("Kode paket"), max_length=40)
    name = forms.CharField(label=_("Nama paket"), max_length=200)
    year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    funding_source = forms.ChoiceField(label=_("Sumber dana"), choices=FundingSource.choices)
    funding_note = forms.CharField(label=_("Keterangan dana"), max_length=200, required=False)
    capacity = forms.IntegerField(
        label=_("Kuota peserta"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Kosongkan untuk memakai kapasitas program."),
    )
    registration_opens_on = forms.DateField(
        label=_("Pendaftaran dibuka"), required=False, widget=_DATE
    )
    registration_closes_on = forms.DateField(
        label=_("Pendaftaran ditutup"), required=False, widget=_DATE
    )
    start_date = forms.DateField(label=_("Tanggal mulai"), widget=_DATE)
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=_DATE)
    location = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    instructors = InstructorChoiceField(
        label=_("Instruktur"),
        queryset=Instructor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_age = _optional_age(_("Usia minimal"))
    max_age = _optional_age(_("Usia maksimal"))
    min_education = forms.ChoiceField(
        label=_("Pendidikan minimal"),
        choices=[("", _("— tidak dibatasi —")), *Education.choices],
        required=False,
    )
    residents_only = forms.BooleanField(
        label=_("Khusus warga berdomisili di wilayah ini"), required=False
    )

    def __init__(self, *args: Any, actor: Any, batch: Batch | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        programs = selectors.program_list_for(actor=actor, active_only=batch is None)
        if batch is not None:
            programs = programs.filter(institution_id=batch.institution_id)
            instructors = selectors.instructors_for_batch(
                actor=actor, institution=batch.institution
            )
        else:
            instructors = selectors.instructor_choices_for(actor=actor)
        _set_queryset(self, "program", programs)
        _set_queryset(self, "instructors", instructors.select_related("institution"))
        if not self.is_bound and batch is None:
            self.fields["year"].initial = date.today().year

    @classmethod
    def initial_for(cls, batch: Batch) -> dict[str, Any]:
        initial = {
            name: getattr(batch, name) for name in cls.base_fields if name not in {"instructors"}
        }
        initial["instructors"] = list(batch.instructors.values_list("pk", flat=True))
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        opens, closes = data.get("registration_opens_on"), data.get("registration_closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "registration_closes_on", _("Pendaftaran tidak boleh ditutup sebelum dibuka.")
            )
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", _("Usia maksimal tidak boleh di bawah usia minimal."))
        return data

    def data_object(self) -> BatchData:
        data = self.cleaned_data
        program = data["program"]
        return BatchData(
            institution=program.institution,
            program=program,
            code=data["code"],
            name=data["name"],
            year=data["year"],
            funding_source=data["funding_source"],
            funding_note=data["funding_note"],
            capacity=data["capacity"],
            registration_opens_on=data["registration_opens_on"],
            registration_closes_on=data["registration_closes_on"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            location=data["location"],
            min_age=data["min_age"],
            max_age=data["max_age"],
            min_education=data["min_education"],
            residents_only=data["residents_only"],
            instructors=tuple(data["instructors"]),
        )


class BatchFilterForm(Form):
    q = forms.CharField(label=_("Cari kode atau nama"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua status")), *Batch.Status.choices], required=False
    )
    institution = forms.ModelChoiceField(
        label=_("Lembaga"),
        queryset=TrainingInstitution.objects.none(),
        required=False,
        empty_label=_("Semua lembaga"),
    )
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False, empty_value=None)
    funding_source = forms.ChoiceField(
        label=_("Sumber dana"),
        choices=[("", _("Semua sumber dana")), *FundingSource.choices],
        required=False,
    )

    def __init__(self, *args: Any, actor: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _set_queryset(self, "institution", selectors.institution_list_for(actor=actor))
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [("", _("Semua tahun"))] + [
            (year, str(year)) for year in selectors.batch_years_for(actor=actor)
        ]

    def filters(self) -> selectors.BatchFilters:
        if not self.is_valid():
            return selectors.BatchFilters()
        data = self.cleaned_data
        institution = data.get("institution")
        return selectors.BatchFilters(
            status=data.get("status") or "",
            institution_id=institution.pk if institution else None,
            year=data.get("year"),
            funding_source=data.get("funding_source") or "",
            query=(data.get("q") or "").strip(),
        )


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OverrideForm(Form):
    override_reason = forms.CharField(
        label=_("Alasan tetap memulai"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alasan ini dicatat bersama masalah yang dilewati dan diaudit."),
    )


class EarlyStartForm(Form):
    early_start_reason = forms.CharField(
        label=_("Alasan memulai sebelum tanggal mulai"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alasan ini disimpan pada paket dan diaudit."),
    )


DECISIONS = [
    (Enrolment.Status.SHORTLISTED, _("Masukkan seleksi")),
    (Enrolment.Status.ACCEPTED, _("Terima")),
    (Enrolment.Status.WAITLISTED, _("Jadikan cadangan")),
    (Enrolment.Status.REJECTED, _("Tolak")),
]


class SelectionForm(Form):
    """A decision for the chosen applicants; the service checks them all again."""

    decision = forms.ChoiceField(label=_("Keputusan"), choices=DECISIONS)
    enrolments = forms.TypedMultipleChoiceField(
        label=_("Pendaftar"), coerce=int, widget=forms.MultipleHiddenInput
    )
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        required=False,
        help_text=_("Wajib bila menolak; dikirim ke pendaftar lewat email."),
    )

    def __init__(self, *args: Any, enrolment_ids: list[int], **kw: Any) -> None:
        super().__init__(*args, **kw)
        field = self.fields["enrolments"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, str(pk)) for pk in enrolment_ids]
        field.error_messages["required"] = _("Pilih minimal satu pendaftar.")
        field.error_messages["invalid_choice"] = _(
            "Sebagian pendaftar tidak ditemukan di paket ini."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") == Enrolment.Status.REJECTED
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Alasan penolakan wajib diisi."))
        return data


class AttendanceForm(Form):
    """One status per participant of a session, as big radio buttons."""

    def __init__(self, *args: Any, participants: list[tuple[Enrolment, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.participants = participants
        for enrolment, status in participants:
            self.fields[f"p{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.person.full_name,
                choices=Attendance.Status.choices,
                initial=status or Attendance.Status.PRESENT,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih kehadiran.")},
            )

    def rows(self) -> list[tuple[Enrolment, Any]]:
        return [(enrolment, self[f"p{enrolment.pk}"]) for enrolment, _status in self.participants]

    def statuses(self) -> dict[int, str]:
        return {
            enrolment.pk: self.cleaned_data[f"p{enrolment.pk}"]
            for enrolment, _status in self.participants
        }


class DropOutForm(Form):
    reason = forms.CharField(
        label=_("Alasan tidak melanjutkan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionForm(Form):
    date = forms.DateField(label=_("Tanggal"), widget=_DATE)
    starts_at = forms.TimeField(
        label=_("Mulai"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends_at = forms.TimeField(
        label=_("Selesai"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    topic = forms.CharField(label=_("Materi"), max_length=200, required=False)
    instructor = forms.ModelChoiceField(
        label=_("Instruktur"), queryset=Instructor.objects.none(), required=False
    )

    def __init__(self, *args: Any, batch: Batch, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _set_queryset(self, "instructor", selectors.batch_instructors(batch=batch))

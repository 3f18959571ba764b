"""Forms of the employers pages. The services check everything again for the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.employers.models import Agreement, Company, Formation
from jejaring.employers.services import (
    AgreementData,
    FormationData,
    InternshipProgramData,
)
from jejaring.internships.models import InternshipProgram
from jejaring.trainees.models import Education
from jejaring.training.models import Vocation

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TEXT = forms.Textarea(attrs={"rows": 3})
# Keep in step with services.MAX_DOCUMENT_BYTES.
_DOCUMENT_HELP = _("PDF, JPG atau PNG, paling besar 5 MB.")


class CompanyForm(Form):
    name = forms.CharField(label=_("Nama perusahaan"), max_length=200)
    legal_name = forms.CharField(label=_("Nama badan usaha"), max_length=200, required=False)
    sector = forms.CharField(label=_("Bidang usaha"), max_length=120, required=False)
    kbli_code = forms.CharField(
        label=_("Kode KBLI"), max_length=8, required=False, help_text=_("Mis. C 14111.")
    )
    workforce_size = forms.IntegerField(
        label=_("Jumlah tenaga kerja"), min_value=0, max_value=10_000_000
    )
    address = forms.CharField(label=_("Alamat"), widget=_TEXT, required=False, max_length=1000)
    phone = forms.CharField(label=_("Telepon"), max_length=16, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    website = forms.URLField(label=_("Situs web"), required=False, assume_scheme="https")
    is_partner = forms.BooleanField(label=_("Perusahaan mitra"), required=False)
    accepts_all_vocations = forms.BooleanField(
        label=_("Menerima lulusan semua kejuruan"), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=Company.Status.choices)

    def __init__(self, *args: Any, hr_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if hr_only:
            # Company HR keep their contact details and workforce size up to date.
            for name in list(self.fields):
                if name not in {"workforce_size", "address", "phone", "email", "website"}:
                    del self.fields[name]

    @staticmethod
    def initial_of(company: Company) -> dict[str, Any]:
        return {name: getattr(company, name) for name in CompanyForm.base_fields}


class ContactForm(Form):
    full_name = forms.CharField(label=_("Nama"), max_length=200)
    position = forms.CharField(label=_("Jabatan"), max_length=120, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=16, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    is_primary = forms.BooleanField(label=_("Kontak utama"), required=False)


class InviteForm(Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"))


def _document_field(label: Any, required: bool = False) -> forms.FileField:
    return forms.FileField(label=label, required=required, help_text=_DOCUMENT_HELP)


class AgreementForm(Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Agreement.Kind.choices)
    number = forms.CharField(label=_("Nomor"), max_length=100)
    title = forms.CharField(label=_("Judul"), max_length=200)
    signed_on = forms.DateField(label=_("Tanggal tanda tangan"), required=False, widget=_DATE)
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=_DATE)
    valid_until = forms.DateField(label=_("Berlaku sampai"), widget=_DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices)
    document = _document_field(_("Dokumen"))

    def data_object(self) -> AgreementData:
        data = self.cleaned_data
        return AgreementData(
            kind=data["kind"],
            number=data["number"],
            title=data["title"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            signed_on=data["signed_on"],
            status=data["status"],
        )


class FormationForm(Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Formation.Kind.choices)
    title = forms.CharField(label=_("Nama formasi"), max_length=200)
    kbji_code = forms.RegexField(
        label=_("Kode KBJI"),
        regex=r"^\d{4}(\.\d{2})?$",
        required=False,
        error_messages={"invalid": _("Kode KBJI 2014 berbentuk 4 angka.")},
    )
    description = forms.CharField(label=_("Uraian"), widget=_TEXT, required=False, max_length=5000)
    accepts_all_vocations = forms.BooleanField(label=_("Semua kejuruan"), required=False)
    vocations = forms.ModelMultipleChoiceField(
        label=_("Kejuruan yang diterima"),
        queryset=Vocation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quota = forms.IntegerField(label=_("Kuota"), min_value=1, max_value=100_000)
    location = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    period_start = forms.DateField(label=_("Mulai"), required=False, widget=_DATE)
    period_end = forms.DateField(label=_("Selesai"), required=False, widget=_DATE)
    monthly_pay = forms.IntegerField(
        label=_("Gaji/uang saku per bulan (Rp)"), min_value=0, max_value=1_000_000_000, initial=0
    )
    min_result = forms.ChoiceField(
        label=_("Hasil uji minimal"), choices=Formation.MinimumResult.choices
    )
    min_score = forms.DecimalField(
        label=_("Nilai minimal"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    min_age = forms.IntegerField(
        label=_("Usia minimal"), required=False, min_value=14, max_value=70
    )
    max_age = forms.IntegerField(
        label=_("Usia maksimal"), required=False, min_value=14, max_value=70
    )
    min_education = forms.ChoiceField(
        label=_("Pendidikan minimal"),
        choices=[("", _("— tidak disyaratkan —")), *Education.choices],
        required=False,
    )
    requirements = forms.CharField(
        label=_("Persyaratan lain"), widget=_TEXT, required=False, max_length=5000
    )
    closes_on = forms.DateField(label=_("Batas pendaftaran"), required=False, widget=_DATE)
    internship_program = forms.ModelChoiceField(
        label=_("Program pemagangan"),
        queryset=InternshipProgram.objects.none(),
        required=False,
        help_text=_("Wajib untuk formasi magang: program yang sudah disetujui dinas."),
    )

    def __init__(self, *args: Any, programs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vocations: Any = self.fields["vocations"]
        vocations.queryset = Vocation.objects.order_by("name")
        program: Any = self.fields["internship_program"]
        program.queryset = programs

    @staticmethod
    def initial_of(formation: Formation) -> dict[str, Any]:
        initial = {
            name: getattr(formation, name)
            for name in FormationForm.base_fields
            if name not in {"vocations", "internship_program"}
        }
        initial["vocations"] = list(formation.vocations.all())
        initial["internship_program"] = formation.internship_program_id
        return initial

    def data_object(self) -> FormationData:
        data = self.cleaned_data
        program = data["internship_program"]
        return FormationData(
            kind=data["kind"],
            title=data["title"],
            quota=data["quota"],
            description=data["description"],
            kbji_code=data["kbji_code"],
            accepts_all_vocations=data["accepts_all_vocations"],
            vocation_ids=[vocation.pk for vocation in data["vocations"]],
            location=data["location"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            monthly_pay=data["monthly_pay"] or 0,
            min_result=data["min_result"],
            min_score=data["min_score"],
            min_age=data["min_age"],
            max_age=data["max_age"],
            min_education=data["min_education"],
            requirements=data["requirements"],
            closes_on=data["closes_on"],
            internship_program_id=program.pk if program else None,
        )


class InternshipProgramForm(Form):
    title = forms.CharField(label=_("Nama program"), max_length=200)
    description = forms.CharField(label=_("Uraian program"), widget=_TEXT, max_length=10000)
    facilities = forms.CharField(label=_("Sarana dan prasarana"), widget=_TEXT, max_length=5000)
    supervisors = forms.CharField(label=_("Pembimbing"), widget=_TEXT, max_length=5000)
    plan = forms.CharField(label=_("Rencana pelaksanaan"), widget=_TEXT, max_length=10000)
    duration_months = forms.IntegerField(label=_("Lama (bulan)"), min_value=1, max_value=60)
    theory_pct = forms.IntegerField(label=_("Porsi teori (%)"), min_value=0, max_value=100)
    draft_agreement = _document_field(_("Rancangan perjanjian pemagangan"))

    def data_object(self) -> InternshipProgramData:
        data = self.cleaned_data
        return InternshipProgramData(
            title=data["title"],
            description=data["description"],
            facilities=data["facilities"],
            supervisors=data["supervisors"],
            plan=data["plan"],
            duration_months=data["duration_months"],
            theory_pct=data["theory_pct"],
        )


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            ("approve", _("Setujui")),
            ("return", _("Kembalikan untuk perbaikan")),
            ("reject", _("Tolak")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Catatan"), widget=_TEXT, required=False, max_length=5000)


class InternshipAgreementForm(Form):
    starts_on = forms.DateField(label=_("Mulai"), widget=_DATE)
    ends_on = forms.DateField(label=_("Selesai"), widget=_DATE)
    stipend_transport = forms.IntegerField(
        label=_("Uang transport (Rp/bulan)"), min_value=0, max_value=100_000_000, initial=0
    )
    stipend_meals = forms.IntegerField(
        label=_("Uang makan (Rp/bulan)"), min_value=0, max_value=100_000_000, initial=0
    )
    stipend_incentive = forms.IntegerField(
        label=_("Insentif (Rp/bulan)"), min_value=0, max_value=100_000_000, initial=0
    )


class SignForm(Form):
    signed_document = _document_field(_("Perjanjian bertanda tangan"), required=True)
    parental_consent = _document_field(
        _("Izin tertulis orang tua/wali (peserta di bawah 18 tahun)")
    )

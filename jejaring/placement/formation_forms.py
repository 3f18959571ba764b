"""Forms of the employers pages. The services check everything again for the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.employers.forms import DATE_INPUT, TEXT_AREA, document_field
from jejaring.employers.models import Formation
from jejaring.internships.formation_links import program_id_of
from jejaring.internships.models import InternshipProgram
from jejaring.placement.formations import (
    FormationData,
)
from jejaring.trainees.models import Education
from jejaring.training.models import Vocation


class FormationForm(Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Formation.Kind.choices)
    title = forms.CharField(label=_("Nama formasi"), max_length=200)
    kbji_code = forms.RegexField(
        label=_("Kode KBJI"),
        regex=r"^\d{4}(\.\d{2})?$",
        required=False,
        error_messages={"invalid": _("Kode KBJI 2014 berbentuk 4 angka.")},
    )
    description = forms.CharField(
        label=_("Uraian"), widget=TEXT_AREA, required=False, max_length=5000
    )
    accepts_all_vocations = forms.BooleanField(label=_("Semua kejuruan"), required=False)
    vocations = forms.ModelMultipleChoiceField(
        label=_("Kejuruan yang diterima"),
        queryset=Vocation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quota = forms.IntegerField(label=_("Kuota"), min_value=1, max_value=100_000)
    location = forms.CharField(label=_("Lokasi"), max_length=200, required=False)
    period_start = forms.DateField(label=_("Mulai"), required=False, widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Selesai"), required=False, widget=DATE_INPUT)
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
        label=_("Persyaratan lain"), widget=TEXT_AREA, required=False, max_length=5000
    )
    closes_on = forms.DateField(label=_("Batas pendaftaran"), required=False, widget=DATE_INPUT)
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
        initial["internship_program"] = program_id_of(formation)
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


class InternshipAgreementForm(Form):
    starts_on = forms.DateField(label=_("Mulai"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Selesai"), widget=DATE_INPUT)
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
    signed_document = document_field(_("Perjanjian bertanda tangan"), required=True)
    parental_consent = document_field(_("Izin tertulis orang tua/wali (peserta di bawah 18 tahun)"))

"""Forms of the planning pages; the services check everything again for the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.assessment.models import CompetencyUnit
from jejaring.core.forms import Form
from jejaring.employers.models import Company, NetworkPartner
from jejaring.planning.models import IndustryNeed, InstructorNeed, PlanLine
from jejaring.training.models import (
    FundingSource,
    Instructor,
    Program,
    TrainingInstitution,
    Vocation,
)


class DateInput(forms.DateInput):
    input_type = "date"


class NeedForm(Form):
    company = forms.ModelChoiceField(
        label=_("Perusahaan"), queryset=Company.objects.none(), required=False
    )
    partner = forms.ModelChoiceField(
        label=_("Asosiasi / mitra jejaring"),
        queryset=NetworkPartner.objects.none(),
        required=False,
        help_text=_(
            "Asosiasi dan mitra jejaring tidak memiliki akun; petugas mencatat untuk mereka."
        ),
    )
    description = forms.CharField(
        label=_("Keahlian yang dibutuhkan"),
        max_length=300,
        help_text=_("Tulis dengan kata-kata Anda sendiri, misalnya “mekanik mesin jahit”."),
    )
    quantity = forms.IntegerField(label=_("Jumlah orang"), min_value=1, max_value=10000)
    kind = forms.ChoiceField(label=_("Untuk"), choices=IndustryNeed.Kind.choices)
    needed_by = forms.DateField(label=_("Dibutuhkan pada"), required=False, widget=DateInput)
    location = forms.CharField(label=_("Lokasi kerja"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, companies: Any, partners: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company_field: Any = self.fields["company"]
        company_field.queryset = companies
        if partners is None:
            del self.fields["partner"]
            company_field.required = True
        else:
            partner_field: Any = self.fields["partner"]
            partner_field.queryset = partners


class MapForm(Form):
    vocation = forms.ModelChoiceField(
        label=_("Kejuruan"),
        queryset=Vocation.objects.none(),
        required=False,
        empty_label=_("— belum ada program untuk kebutuhan ini —"),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Unit kompetensi"),
        queryset=CompetencyUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, vocations: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vocation_field: Any = self.fields["vocation"]
        vocation_field.queryset = vocations
        units_field: Any = self.fields["units"]
        units_field.queryset = units


class MeetingForm(Form):
    held_on = forms.DateField(label=_("Tanggal"), widget=DateInput)
    title = forms.CharField(label=_("Judul"), max_length=200)
    location = forms.CharField(label=_("Tempat"), max_length=200, required=False)
    attendees = forms.CharField(
        label=_("Yang hadir"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    aspirations = forms.CharField(
        label=_("Aspirasi yang disampaikan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    companies = forms.ModelMultipleChoiceField(
        label=_("Perusahaan yang hadir"),
        queryset=Company.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Mitra jejaring yang hadir"),
        queryset=NetworkPartner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, companies: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        company_field: Any = self.fields["companies"]
        company_field.queryset = companies
        partner_field: Any = self.fields["partners"]
        partner_field.queryset = partners


class PlanForm(Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Judul"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year + 1})
        super().__init__(*args, **kwargs)


class EnvelopeForm(Form):
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    funding_source = forms.ChoiceField(label=_("Sumber dana"), choices=FundingSource.choices)
    amount = forms.IntegerField(label=_("Pagu (Rp)"), min_value=0, max_value=10**14)
    note = forms.CharField(label=_("Keterangan"), max_length=200, required=False)


class LineForm(Form):
    channel = forms.ChoiceField(label=_("Jalur"), choices=PlanLine.Channel.choices)
    title = forms.CharField(label=_("Uraian"), max_length=200)
    institution = forms.ModelChoiceField(
        label=_("Lembaga"), queryset=TrainingInstitution.objects.none(), required=False
    )
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False
    )
    vocation = forms.ModelChoiceField(
        label=_("Kejuruan"),
        queryset=Vocation.objects.none(),
        required=False,
        help_text=_("Diambil dari program bila program dipilih."),
    )
    packages = forms.IntegerField(label=_("Jumlah paket"), min_value=1, max_value=1000)
    people_per_package = forms.IntegerField(label=_("Orang per paket"), min_value=1, max_value=1000)
    days_per_package = forms.IntegerField(
        label=_("Hari per paket"), min_value=1, max_value=365, initial=1
    )
    cost_per_package = forms.IntegerField(
        label=_("Biaya per paket (Rp)"), min_value=0, max_value=10**12
    )
    funding_source = forms.ChoiceField(label=_("Sumber dana"), choices=FundingSource.choices)
    evidence = forms.ModelMultipleChoiceField(
        label=_("Bukti: kebutuhan industri"),
        queryset=IndustryNeed.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        institutions: Any,
        programs: Any,
        vocations: Any,
        needs: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("institution", institutions),
            ("program", programs),
            ("vocation", vocations),
            ("evidence", needs),
        ):
            choice_field: Any = self.fields[name]
            choice_field.queryset = queryset


class DecisionForm(Form):
    comments = forms.CharField(
        label=_("Catatan keputusan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class BatchesForm(Form):
    start_date = forms.DateField(label=_("Tanggal mulai paket pertama"), widget=DateInput)


class SourcingForm(Form):
    status = forms.ChoiceField(label=_("Status pencarian"), choices=InstructorNeed.Sourcing.choices)
    candidate = forms.ModelChoiceField(
        label=_("Calon instruktur"), queryset=Instructor.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, instructors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        candidate_field: Any = self.fields["candidate"]
        candidate_field.queryset = instructors

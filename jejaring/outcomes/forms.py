"""Forms of the tracer and the dashboard."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.core.params import YEAR_MAX
from jejaring.outcomes.indicators import Dimension
from jejaring.outcomes.models import OutcomeStatus
from jejaring.trainees.models import Sex
from jejaring.training.models import FundingSource, TrainingInstitution

#: Statuses an alumnus chooses from; "unknown" is what staff record for no answer.
SELF_STATUSES = [(value, label) for value, label in OutcomeStatus.choices if value != "unknown"]


class AnswerForm(Form):
    status = forms.ChoiceField(label=_("Keadaan saat ini"), choices=SELF_STATUSES)
    employer_name = forms.CharField(
        label=_("Nama tempat kerja atau magang"), required=False, max_length=200
    )
    started_on = forms.DateField(
        label=_("Mulai bekerja, magang atau usaha sejak"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    business_kind = forms.CharField(label=_("Jenis usaha"), required=False, max_length=200)
    business_registration = forms.CharField(
        label=_("NIB (bila ada)"), required=False, max_length=20
    )
    monthly_income = forms.IntegerField(
        label=_("Penghasilan per bulan (Rp, boleh dikosongkan)"),
        required=False,
        min_value=0,
        max_value=1_000_000_000,
    )


class StaffAnswerForm(AnswerForm):
    """Staff record a phone survey, where "no answer" is a real outcome of the call."""

    status = forms.ChoiceField(label=_("Hasil survei"), choices=OutcomeStatus.choices)
    company = forms.TypedChoiceField(
        label=_("Perusahaan (bila terdaftar)"), required=False, coerce=int, empty_value=None
    )
    via_referral = forms.BooleanField(label=_("Melalui penyaluran BLK"), required=False)

    def __init__(self, *args: Any, companies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["company"]).choices = [("", "—"), *companies]


class DashboardForm(Form):
    """Filters of the dashboard; every field optional."""

    year_from = forms.IntegerField(
        label=_("Dari tahun"), required=False, min_value=2000, max_value=YEAR_MAX
    )
    year_to = forms.IntegerField(
        label=_("Sampai tahun"), required=False, min_value=2000, max_value=YEAR_MAX
    )
    dimension = forms.ChoiceField(
        label=_("Rinci menurut"), choices=Dimension.choices, required=False
    )
    region = forms.TypedChoiceField(
        label=_("Wilayah"), required=False, coerce=int, empty_value=None
    )
    institution_kind = forms.ChoiceField(
        label=_("Jenis lembaga"),
        required=False,
        choices=[("", _("Semua")), *TrainingInstitution.Kind.choices],
    )
    institution = forms.TypedChoiceField(
        label=_("Lembaga"), required=False, coerce=int, empty_value=None
    )
    vocation = forms.TypedChoiceField(
        label=_("Kejuruan"), required=False, coerce=int, empty_value=None
    )
    funding_source = forms.ChoiceField(
        label=_("Sumber dana"), required=False, choices=[("", _("Semua")), *FundingSource.choices]
    )
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), required=False, choices=[("", _("Semua")), *Sex.choices]
    )
    definition = forms.TypedChoiceField(
        label=_("Definisi"), required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        *args: Any,
        regions: list[tuple[int, str]],
        institutions: list[tuple[int, str]],
        vocations: list[tuple[int, str]],
        definitions: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("Semua"))
        cast(forms.ChoiceField, self.fields["region"]).choices = [everything, *regions]
        cast(forms.ChoiceField, self.fields["institution"]).choices = [everything, *institutions]
        cast(forms.ChoiceField, self.fields["vocation"]).choices = [everything, *vocations]
        cast(forms.ChoiceField, self.fields["definition"]).choices = [
            ("", _("Definisi utama")),
            *definitions,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        this_year = timezone.localdate().year
        year_to = data.get("year_to") or this_year
        year_from = data.get("year_from") or year_to - 6
        if year_from > year_to:
            self.add_error("year_from", _("Tahun awal harus sebelum tahun akhir."))
        elif year_to - year_from > 30:
            self.add_error("year_from", _("Rentang paling lama 30 tahun."))
        data["year_from"], data["year_to"] = year_from, year_to
        data["dimension"] = data.get("dimension") or Dimension.YEAR
        return data


class DefinitionForm(Form):
    name = forms.CharField(label=_("Nama definisi"), max_length=120)
    window_months = forms.IntegerField(
        label=_("Jendela penelusuran (bulan)"), min_value=1, max_value=120, initial=12
    )
    internship_counts_as_absorbed = forms.BooleanField(
        label=_("Magang dihitung terserap"), required=False
    )
    self_employment_counts_as_absorbed = forms.BooleanField(
        label=_("Wirausaha dihitung terserap"), required=False
    )
    make_default = forms.BooleanField(label=_("Jadikan definisi utama"), required=False)


class TracerSettingsForm(Form):
    points = forms.CharField(
        label=_("Titik penelusuran (bulan setelah lulus, dipisah koma)"),
        max_length=40,
        help_text=_("Misalnya 3, 6, 12."),
    )
    link_valid_days = forms.IntegerField(
        label=_("Masa berlaku tautan jawaban (hari)"), min_value=1, max_value=365
    )

    def clean_points(self) -> list[int]:
        raw = self.cleaned_data["points"]
        try:
            return [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Isi angka bulan dipisah koma.")) from None


class CompanyConfirmForm(Form):
    started_on = forms.DateField(
        label=_("Bekerja sejak"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_started_on(self) -> Any:
        started_on = self.cleaned_data["started_on"]
        if started_on > timezone.localdate():
            raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
        return started_on

"""Forms of the internship program pages. The services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.employers.forms import TEXT_AREA, document_field
from jejaring.internships.services import InternshipProgramData


class InternshipProgramForm(Form):
    title = forms.CharField(label=_("Nama program"), max_length=200)
    description = forms.CharField(label=_("Uraian program"), widget=TEXT_AREA, max_length=10000)
    facilities = forms.CharField(label=_("Sarana dan prasarana"), widget=TEXT_AREA, max_length=5000)
    supervisors = forms.CharField(label=_("Pembimbing"), widget=TEXT_AREA, max_length=5000)
    plan = forms.CharField(label=_("Rencana pelaksanaan"), widget=TEXT_AREA, max_length=10000)
    duration_months = forms.IntegerField(label=_("Lama (bulan)"), min_value=1, max_value=60)
    theory_pct = forms.IntegerField(label=_("Porsi teori (%)"), min_value=0, max_value=100)
    draft_agreement = document_field(_("Rancangan perjanjian pemagangan"))

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
    note = forms.CharField(label=_("Catatan"), widget=TEXT_AREA, required=False, max_length=5000)

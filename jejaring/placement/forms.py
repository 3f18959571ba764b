"""Forms of the placement pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.placement.models import Referral
from jejaring.placement.referrals import OUTCOMES


class RoundForm(Form):
    name = forms.CharField(label=_("Nama putaran"), max_length=200)
    max_choices = forms.IntegerField(
        label=_("Pilihan maksimal per pelamar"), min_value=1, max_value=20, initial=5
    )
    formations = forms.TypedMultipleChoiceField(
        label=_("Formasi"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, formations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["formations"].choices = formations  # type: ignore[attr-defined]


class ApplyForm(Form):
    """Choice 1 is the most wanted; empty choices are skipped."""

    def __init__(
        self, *args: Any, formations: list[tuple[int, str]], max_choices: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, max_choices + 1):
            self.fields[f"choice_{n}"] = forms.TypedChoiceField(
                label=_("Pilihan ke-%(n)d") % {"n": n},
                choices=[("", "—"), *formations],
                coerce=int,
                empty_value=None,
                required=n == 1,
            )

    def ranked(self) -> list[int]:
        return [
            value
            for name, value in self.cleaned_data.items()
            if name.startswith("choice_") and value is not None
        ]


class RankingForm(Form):
    formation = forms.TypedChoiceField(label=_("Formasi"), coerce=int)
    file = forms.FileField(
        label=_("Berkas peringkat (XLSX atau CSV: kolom Peringkat dan NIK)"),
        max_length=200,
    )

    def __init__(self, *args: Any, formations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["formation"].choices = formations  # type: ignore[attr-defined]


class OutcomeForm(Form):
    status = forms.ChoiceField(
        label=_("Hasil"),
        choices=[(s.value, s.label) for s in Referral.Status if s in OUTCOMES],
    )
    on = forms.DateField(
        label=_("Tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Alasan (wajib bila ditolak)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    override_reason = forms.CharField(
        label=_("Alasan mengabaikan hambatan mulai magang (staf dinas)"),
        required=False,
        max_length=2000,
    )

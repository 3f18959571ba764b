"""Forms of the BPJS pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.core.params import parse_id
from jejaring.social_security.models import Coverage, Incident

#: The statuses staff set by hand in bulk (ended comes by itself after the cover end).
BULK_STATUSES = [
    (Coverage.Status.REGISTERED, _("Tandai terdaftar")),
    (Coverage.Status.ACTIVE, _("Tandai aktif")),
    (Coverage.Status.TO_REGISTER, _("Kembalikan ke akan didaftarkan")),
    (Coverage.Status.CANCELLED, _("Batalkan")),
]

MAX_IDS = 5_000


class BulkStatusForm(Form):
    status = forms.ChoiceField(label=_("Ubah status"), choices=BULK_STATUSES)
    coverage = forms.TypedMultipleChoiceField(label=_("Peserta"), coerce=int, choices=[])
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ids are checked by the service against what the actor may see; here only
        # that they are numbers, so another region's id gets the same answer as none.
        field = cast(forms.TypedMultipleChoiceField, self.fields["coverage"])
        field.valid_value = lambda value: parse_id(value) is not None  # type: ignore[method-assign]
        field.error_messages["required"] = _("Pilih minimal satu peserta.")

    def clean_coverage(self) -> list[int]:
        ids = self.cleaned_data["coverage"]
        if len(ids) > MAX_IDS:
            raise forms.ValidationError(_("Terlalu banyak peserta dipilih sekaligus."))
        return cast(list[int], ids)


class ActivateForm(Form):
    kpj_number = forms.RegexField(
        label=_("Nomor KPJ"),
        regex=r"^\d{11}$",
        error_messages={"invalid": _("Nomor KPJ harus 11 angka.")},
    )


class OverrideStartForm(Form):
    override_reason = forms.CharField(
        label=_("Alasan memulai tanpa perlindungan lengkap (bila perlu)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    early_start_reason = forms.CharField(
        label=_("Alasan memulai sebelum tanggal mulai (bila perlu)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PremiumReportForm(Form):
    month = forms.DateField(
        label=_("Bulan"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    payer = forms.ChoiceField(label=_("Pembayar"), choices=Coverage.Payer.choices)
    company = forms.TypedChoiceField(
        label=_("Perusahaan"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, companies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["company"]).choices = [
            ("", _("Semua perusahaan")),
            *companies,
        ]


class UploadForm(Form):
    file = forms.FileField(label=_("Berkas balikan BPJS (XLSX)"))


class IncidentForm(Form):
    coverage = forms.TypedChoiceField(label=_("Peserta"), coerce=int)
    kind = forms.ChoiceField(label=_("Jenis kejadian"), choices=Incident.Kind.choices)
    occurred_at = forms.DateTimeField(
        label=_("Waktu kejadian"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Tempat"), max_length=200)
    description = forms.CharField(
        label=_("Kronologi"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    injury = forms.CharField(
        label=_("Cedera"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, coverages: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["coverage"]).choices = [("", "—"), *coverages]


class ClaimForm(Form):
    claim_status = forms.ChoiceField(label=_("Status klaim"), choices=Incident.ClaimStatus.choices)
    claim_number = forms.CharField(label=_("Nomor klaim"), required=False, max_length=40)

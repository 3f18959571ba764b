"""Forms of the assessment pages. The services check everything again for the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.assessment import selectors
from jejaring.assessment.models import Scheme, UnitResult
from jejaring.assessment.services import UnitData, check_unit_code
from jejaring.core.errors import ValidationError as DomainValidationError
from jejaring.core.forms import Form

_RESULT_CHOICES = [("", _("— belum dinilai —")), *UnitResult.choices]


class SchemeForm(Form):
    code = forms.CharField(label=_("Kode skema"), max_length=60)
    name = forms.CharField(label=_("Nama skema"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=Scheme.Kind.choices)
    kkni_level = forms.IntegerField(
        label=_("Jenjang KKNI"), required=False, min_value=1, max_value=9
    )
    vocation = forms.ModelChoiceField(label=_("Kejuruan"), queryset=selectors.vocation_list())
    lsp = forms.ModelChoiceField(label=_("LSP"), queryset=selectors.lsp_list(), required=False)
    units = forms.CharField(
        label=_("Unit kompetensi"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_(
            "Satu unit per baris: kode | judul, misalnya J.620100.004.02 | Menggunakan "
            "struktur data. Kode boleh memakai huruf, angka, titik dan tanda hubung."
        ),
    )

    def clean_units(self) -> list[UnitData]:
        units = []
        for number, line in enumerate(self.cleaned_data["units"].splitlines(), start=1):
            if not line.strip():
                continue
            code, _sep, title = line.partition("|")
            try:
                units.append(UnitData(check_unit_code(code), title.strip()))
            except DomainValidationError as error:
                raise forms.ValidationError(
                    _("Baris %(line)s: %(error)s") % {"line": number, "error": error.message}
                ) from None
        if not units:
            raise forms.ValidationError(_("Isi sedikitnya satu unit."))
        if len(units) > 200:
            raise forms.ValidationError(_("Paling banyak 200 unit per skema."))
        return units


class AssessorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.registration_number})"


class SessionForm(Form):
    scheme = forms.ModelChoiceField(label=_("Skema"), queryset=selectors.scheme_list())
    lsp = forms.ModelChoiceField(label=_("LSP"), queryset=selectors.lsp_list())
    test_site = forms.ModelChoiceField(label=_("TUK"), queryset=selectors.test_site_list())
    date = forms.DateField(label=_("Tanggal uji"), widget=forms.DateInput(attrs={"type": "date"}))
    batch = forms.ModelChoiceField(
        label=_("Paket yang sudah selesai"),
        queryset=selectors.finished_batches_none(),
        help_text=_("Semua lulusan paket ini menjadi asesi."),
    )
    assessors = AssessorChoiceField(
        label=_("Asesor"),
        queryset=selectors.assessor_list(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        batch_field = self.fields["batch"]
        assert isinstance(batch_field, forms.ModelChoiceField)
        batch_field.queryset = selectors.finished_batches_for(actor=actor)


class UnitResultsForm(Form):
    """One K/BK choice and one evidence note per unit; units already carried over from an
    earlier attempt are shown but not editable."""

    def __init__(self, *args: Any, rows: list[selectors.UnitRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            if row.carried:
                continue
            self.fields[f"result_{row.unit_id}"] = forms.ChoiceField(
                label=f"{row.code} {row.title}",
                choices=_RESULT_CHOICES,
                required=False,
                initial=row.result,
            )
            self.fields[f"note_{row.unit_id}"] = forms.CharField(
                label=_("Catatan bukti %(code)s") % {"code": row.code},
                required=False,
                max_length=2000,
                initial=row.evidence_note,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def results(self) -> dict[int, tuple[str, str]]:
        return {
            row.unit_id: (
                self.cleaned_data[f"result_{row.unit_id}"],
                self.cleaned_data[f"note_{row.unit_id}"],
            )
            for row in self.rows
            if not row.carried and self.cleaned_data.get(f"result_{row.unit_id}")
        }


class SelfAssessmentForm(Form):
    """APL-02: the candidate's own claim per unit."""

    def __init__(self, *args: Any, rows: list[selectors.UnitRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"claim_{row.unit_id}"] = forms.ChoiceField(
                label=f"{row.code} {row.title}",
                choices=[
                    (UnitResult.COMPETENT, _("Saya kompeten")),
                    (UnitResult.NOT_YET_COMPETENT, _("Saya belum kompeten")),
                ],
                initial=row.claim or None,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{row.unit_id}"] = forms.CharField(
                label=_("Bukti pendukung %(code)s") % {"code": row.code},
                required=False,
                max_length=2000,
                initial=row.claim_note,
            )

    def claims(self) -> dict[int, tuple[str, str]]:
        return {
            row.unit_id: (
                self.cleaned_data[f"claim_{row.unit_id}"],
                self.cleaned_data[f"note_{row.unit_id}"],
            )
            for row in self.rows
        }


class RetakeForm(Form):
    session = forms.ModelChoiceField(label=_("Sesi uji ulang"), queryset=selectors.session_none())

    def __init__(self, *args: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["session"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sessions


class IssueForm(Form):
    batch = forms.ModelChoiceField(
        label=_("Paket yang sudah selesai"), queryset=selectors.finished_batches_none()
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["batch"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.finished_batches_for(actor=actor)


class RevokeForm(Form):
    reason = forms.CharField(
        label=_("Alasan pencabutan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CompetencyCertificateForm(Form):
    registration_number = forms.CharField(label=_("Nomor registrasi sertifikat"), max_length=80)
    issued_on = forms.DateField(
        label=_("Tanggal terbit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Kosongkan untuk tiga tahun sejak tanggal terbit."),
    )


class VerifyForm(Form):
    code = forms.CharField(
        label=_("Nomor dokumen atau kode verifikasi"),
        max_length=80,
        help_text=_(
            "Ketik nomor yang tercetak (mis. BLK-1/2026/0007) atau kode verifikasi di kaki "
            "dokumen (mis. K7QX-M2PA-9CRT), atau pindai kode QR-nya dengan kamera ponsel."
        ),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

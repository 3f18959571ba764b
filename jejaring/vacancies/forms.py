"""Vacancy forms. Fields are checked here for feedback next to each input; the services
check them again for every entry point."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.core.numbers import format_rupiah
from jejaring.regions import areas
from jejaring.regions.models import Region
from jejaring.trainees.models import Education
from jejaring.vacancies import kbji
from jejaring.vacancies.public_reports import EmployerData
from jejaring.vacancies.services import DECISIONS, PUBLISH, REJECT, RETURN, VacancyData

HONEYPOT = "website"
_RUPIAH = re.compile(r"^(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)$")


class RupiahField(forms.Field):
    """Whole rupiah as people write them: "Rp 1.500.000", "1.500.000" or "1500000"."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "Rp 3.000.000"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            return format_rupiah(value)
        return value

    def to_python(self, value: Any) -> int | None:
        text = " ".join(str(value or "").split())[:40]
        if not text:
            return None
        text = text.replace(" ", "")
        if text[:2].lower() == "rp":
            text = text[2:].lstrip(".")
        for cents in (",00", ",-", ",0"):
            text = text.removesuffix(cents)
        if not _RUPIAH.match(text):
            raise forms.ValidationError(
                _("Tulis dalam rupiah, mis. Rp 3.000.000."), code="invalid_rupiah"
            )
        return int(text.replace(".", ""))


def occupation_choices() -> list[Any]:
    return [("", _("— pilih jabatan KBJI —")), *kbji.picker_choices(get_language())]


def district_choices(regency_code: str) -> list[tuple[str, Any]]:
    return [("", _("— seluruh kabupaten/kota —")), *areas.districts_of(regency_code)]


class VacancyFieldsMixin(forms.Form):
    title = forms.CharField(label=_("Nama jabatan"), max_length=200)
    kbji_code = forms.ChoiceField(
        label=_("Jabatan menurut KBJI 2014"),
        help_text=_("Pilih golongan atau subgolongan jabatan yang paling dekat."),
    )
    openings = forms.IntegerField(label=_("Jumlah lowongan"), min_value=1, max_value=10_000)
    min_education = forms.ChoiceField(
        label=_("Pendidikan minimal"),
        required=False,
        choices=[("", _("Tidak disyaratkan")), *Education.choices],
    )
    skills = forms.CharField(
        label=_("Keterampilan yang diminta"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Uraian pekerjaan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    place_district_code = forms.ChoiceField(label=_("Kecamatan penempatan"), required=False)
    pay_min = RupiahField(label=_("Gaji terendah per bulan"))
    pay_max = RupiahField(label=_("Gaji tertinggi per bulan"))
    closes_on = forms.DateField(
        label=_("Batas lamaran"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contact_name = forms.CharField(label=_("Narahubung"), max_length=200)
    contact_phone = forms.CharField(label=_("Telepon narahubung"), max_length=24, required=False)
    contact_email = forms.EmailField(label=_("Email narahubung"), required=False)

    def setup_vacancy_choices(self, regency_code: str) -> None:
        self.regency_code = regency_code
        self.fields["kbji_code"].choices = occupation_choices()  # type: ignore[attr-defined]
        self.fields["place_district_code"].choices = district_choices(regency_code)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("pay_min"), data.get("pay_max")
        if low is not None and high is not None and high < low:
            self.add_error("pay_max", _("Gaji tertinggi tidak boleh di bawah gaji terendah."))
        return data

    def vacancy_data(self) -> VacancyData:
        data = self.cleaned_data
        return VacancyData(
            title=data["title"],
            kbji_code=data["kbji_code"],
            openings=data["openings"],
            closes_on=data["closes_on"],
            contact_name=data.get("contact_name") or "",
            min_education=data["min_education"],
            skills=data["skills"],
            description=data["description"],
            place_regency_code=self.regency_code,
            place_district_code=data["place_district_code"],
            pay_min=data["pay_min"],
            pay_max=data["pay_max"],
            contact_phone=data.get("contact_phone") or "",
            contact_email=data.get("contact_email") or "",
        )


class VacancyForm(VacancyFieldsMixin, Form):
    def __init__(self, *args: Any, regency_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_vacancy_choices(regency_code)


class ReviewForm(Form):
    decision = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            (PUBLISH, _("Tayangkan")),
            (RETURN, _("Kembalikan untuk diperbaiki")),
            (REJECT, _("Tolak")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Alasan (wajib bila dikembalikan atau ditolak)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_decision(self) -> str:
        decision = self.cleaned_data["decision"]
        assert decision in DECISIONS
        return str(decision)


class FillForm(Form):
    count = forms.IntegerField(label=_("Jumlah yang terisi"), min_value=-10_000, max_value=10_000)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=500)


class CloseForm(Form):
    note = forms.CharField(label=_("Alasan"), required=False, max_length=500)


class FormationForm(Form):
    accepts_all_vocations = forms.BooleanField(label=_("Semua kejuruan"), required=False)
    vocations = forms.TypedMultipleChoiceField(
        label=_("Kejuruan"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, vocations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vocations"].choices = vocations  # type: ignore[attr-defined]


class VerifyForm(Form):
    company = forms.TypedChoiceField(
        label=_("Perusahaan"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Kosongkan untuk mendaftarkan perusahaan baru dari laporan ini."),
    )

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["company"].choices = [  # type: ignore[attr-defined]
            ("", _("— daftarkan sebagai perusahaan baru —")),
            *candidates,
        ]


class RejectReportForm(Form):
    note = forms.CharField(
        label=_("Alasan"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PublicReportForm(VacancyFieldsMixin, Form):
    """The public form of an employer without an account: who they are, then the vacancy."""

    region = forms.ChoiceField(label=_("Dinas tujuan (kabupaten/kota)"))
    company_name = forms.CharField(label=_("Nama perusahaan"), max_length=200)
    npwp = forms.CharField(
        label=_("NPWP perusahaan"),
        max_length=24,
        required=False,
        help_text=_("15 atau 16 angka. Isi NPWP atau NIB."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    nib = forms.CharField(
        label=_("NIB (OSS)"),
        max_length=20,
        required=False,
        help_text=_("13 angka."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    address = forms.CharField(
        label=_("Alamat perusahaan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["region", "company_name", "npwp", "nib", "address"]

    def __init__(self, *args: Any, regions: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = {region.slug: region for region in regions}
        self.fields["region"].choices = [  # type: ignore[attr-defined]
            ("", _("— pilih —")),
            *[(region.slug, region.name) for region in regions],
        ]
        data = self.data if self.is_bound else self.initial
        chosen = self.regions.get(str(data.get("region") or ""))
        self.setup_vacancy_choices(chosen.code if chosen else "")
        self.fields["contact_phone"].required = True
        self.fields["place_district_code"].help_text = _(
            "Pilih dinas tujuan dulu, lalu kirim ulang untuk memilih kecamatan; boleh dikosongkan."
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean_npwp(self) -> str:
        from jejaring.vacancies.public_reports import parse_npwp

        value = self.cleaned_data["npwp"]
        if not value:
            return ""
        try:
            return parse_npwp(value)
        except ValueError:
            raise forms.ValidationError(_("NPWP terdiri dari 15 atau 16 angka.")) from None

    def clean_nib(self) -> str:
        from jejaring.vacancies.public_reports import parse_nib

        value = self.cleaned_data["nib"]
        if not value:
            return ""
        try:
            return parse_nib(value)
        except ValueError:
            raise forms.ValidationError(_("NIB terdiri dari 13 angka.")) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("npwp") and not data.get("nib") and "npwp" not in self.errors:
            self.add_error("npwp", _("Isi NPWP atau NIB perusahaan."))
        region = self.regions.get(str(data.get("region") or ""))
        if region is not None:
            self.regency_code = region.code
        return data

    @property
    def chosen_region(self) -> Region:
        return self.regions[self.cleaned_data["region"]]

    def employer_data(self) -> EmployerData:
        data = self.cleaned_data
        return EmployerData(
            company_name=data["company_name"],
            address=data["address"],
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
            npwp=data["npwp"],
            nib=data["nib"],
            contact_email=data.get("contact_email") or "",
        )


class PublicFilterForm(Form):
    """Filters of the public list; an unknown value is ignored rather than an error."""

    golongan = forms.ChoiceField(label=_("Golongan jabatan"), required=False)
    wilayah = forms.ChoiceField(label=_("Kabupaten/kota"), required=False)
    pendidikan = forms.ChoiceField(
        label=_("Pendidikan saya"),
        required=False,
        choices=[("", _("Semua")), *Education.choices],
    )

    def __init__(self, *args: Any, regions: list[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        self.fields["golongan"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua")),
            *[(occ.code, f"{occ.code} · {occ.title(language)}") for occ in kbji.major_groups()],
        ]
        self.fields["wilayah"].choices = [  # type: ignore[attr-defined]
            ("", _("Semua")),
            *[(region.code, region.name) for region in regions],
        ]

"""The public registration form. Fields are checked here for feedback next to each
input; `registration.registration_submit` checks them again for every entry point."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.trainees.forms import PersonFieldsMixin
from jejaring.trainees.models import PERSON_DETAIL_FIELDS, Education, Sex
from jejaring.training.models import EnrolmentDocument
from jejaring.training.registration import (
    MAX_DOCUMENT_BYTES,
    DocumentUpload,
    RegistrationData,
)

#: Optional documents offered on the form, by EnrolmentDocument kind.
DOCUMENT_FIELDS = {
    "document_ktp": EnrolmentDocument.Kind.ID_CARD,
    "document_ijazah": EnrolmentDocument.Kind.DIPLOMA,
    "document_other": EnrolmentDocument.Kind.OTHER,
}
HONEYPOT = "website"
_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def _document_field(label: Any) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text=_("PDF, JPG atau PNG, maksimal %(mb)d MB.")
        % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPT}),
    )


class RegistrationForm(PersonFieldsMixin, Form):
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        help_text=_("16 angka sesuai KTP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=_("Nama lengkap"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=[("", "—"), *Sex.choices])
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100)
    birth_date = forms.DateField(
        label=_("Tanggal lahir"), widget=forms.DateInput(attrs={"type": "date"})
    )
    education = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=[("", "—"), *Education.choices]
    )
    education_major = forms.CharField(label=_("Jurusan"), max_length=120, required=False)
    address = forms.CharField(
        label=_("Alamat domisili"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
    )
    phone = forms.CharField(
        label=_("Nomor HP"),
        max_length=24,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email (opsional)"),
        max_length=254,
        required=False,
        help_text=_(
            "Bila diisi, tautan untuk membuat kata sandi dan kabar seleksi dikirim ke sini. "
            "Tanpa email, kabar dikirim lewat WhatsApp ke nomor HP Anda."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    motivation = forms.CharField(
        label=_("Mengapa Anda ingin mengikuti pelatihan ini?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    document_ktp = _document_field(_("Foto/pindaian KTP (opsional)"))
    document_ijazah = _document_field(_("Ijazah terakhir (opsional)"))
    document_other = _document_field(_("Dokumen lain (opsional)"))
    consent = forms.BooleanField(
        label=_(
            "Saya menyetujui data pribadi saya diolah Dinas dan lembaga pelatihan untuk "
            "seleksi, pelatihan dan penyaluran kerja (UU 27/2022)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domicile_regency_code"].required = True
        self.fields["domicile_district_code"].required = True
        self.fields["domicile_village_code"].required = False
        self.setup_address_choices()

    field_order = [
        "nik",
        "full_name",
        "sex",
        "birth_place",
        "birth_date",
        *PERSON_DETAIL_FIELDS,
        "motivation",
        "document_ktp",
        "document_ijazah",
        "document_other",
        "consent",
    ]

    @property
    def is_bot(self) -> bool:
        """True when the honeypot input (rendered by the template inside a hidden
        block, so people never see it) came back filled in: a bot."""
        return bool(self.data.get(HONEYPOT))

    def registration_data(self) -> RegistrationData:
        data = self.cleaned_data
        documents = tuple(
            DocumentUpload(kind=kind, file=data[name])
            for name, kind in DOCUMENT_FIELDS.items()
            if data.get(name)
        )
        return RegistrationData(
            nik=data["nik"],
            full_name=data["full_name"],
            sex=data["sex"],
            birth_date=data["birth_date"],
            birth_place=data["birth_place"],
            education=data["education"],
            education_major=data.get("education_major", ""),
            address=data["address"],
            domicile_regency_code=data["domicile_regency_code"],
            domicile_district_code=data["domicile_district_code"],
            domicile_village_code=data.get("domicile_village_code") or "",
            phone=data["phone"],
            email=data["email"],
            motivation=data.get("motivation", ""),
            consent=bool(data["consent"]),
            documents=documents,
        )

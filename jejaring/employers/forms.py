"""Forms of the employers pages. The services check everything again for the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.employers.models import Agreement, Company
from jejaring.employers.services import (
    AgreementData,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_AREA = forms.Textarea(attrs={"rows": 3})
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
    address = forms.CharField(label=_("Alamat"), widget=TEXT_AREA, required=False, max_length=1000)
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


def document_field(label: Any, required: bool = False) -> forms.FileField:
    return forms.FileField(label=label, required=required, help_text=_DOCUMENT_HELP)


class AgreementForm(Form):
    kind = forms.ChoiceField(label=_("Jenis"), choices=Agreement.Kind.choices)
    number = forms.CharField(label=_("Nomor"), max_length=100)
    title = forms.CharField(label=_("Judul"), max_length=200)
    signed_on = forms.DateField(label=_("Tanggal tanda tangan"), required=False, widget=DATE_INPUT)
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=DATE_INPUT)
    valid_until = forms.DateField(label=_("Berlaku sampai"), widget=DATE_INPUT)
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices)
    document = document_field(_("Dokumen"))

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

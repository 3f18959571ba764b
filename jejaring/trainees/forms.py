"""Person registry forms. NIK, phone and address codes are checked here for immediate
feedback next to each field; the services check them again for every other entry point."""

from __future__ import annotations

import functools
import json
from typing import Any, cast

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.core.phone import PhoneError, normalise_phone
from jejaring.core.validation_messages import message_for
from jejaring.regions import areas
from jejaring.trainees.models import PERSON_DETAIL_FIELDS, Education, Sex
from jejaring.trainees.nik import NikError, parse_nik
from jejaring.trainees.services import EDITABLE_FIELDS


@functools.cache
def _regencies_by_name() -> tuple[tuple[str, str], ...]:
    """All 514 regencies as (code, "name (province)"), sorted once per process."""
    index = areas.load_areas()
    return tuple(
        (code, f"{name} ({index.provinces.get(province, '')})")
        for code, (province, name) in sorted(index.regencies.items(), key=lambda kv: kv[1][1])
    )


def _regency_choices() -> list[tuple[str, Any]]:
    return [("", _("— pilih kabupaten/kota —")), *_regencies_by_name()]


_ADDRESS = ("domicile_regency_code", "domicile_district_code", "domicile_village_code")


class AddressFieldsMixin(forms.Form):
    """Domicile as Kemendagri codes: regency → district → village, each checked to lie
    inside the one above it."""

    domicile_regency_code = forms.ChoiceField(label=_("Kabupaten/kota domisili"), required=False)
    domicile_district_code = forms.ChoiceField(label=_("Kecamatan"), required=False)
    domicile_village_code = forms.ChoiceField(label=_("Kelurahan/desa"), required=False)

    def setup_address_choices(self) -> None:
        # Bound data is keyed by the (prefixed) input names, initial data by field names.
        if self.is_bound:
            regency = self.data.get(self.add_prefix("domicile_regency_code")) or ""
            district = self.data.get(self.add_prefix("domicile_district_code")) or ""
        else:
            regency = self.initial.get("domicile_regency_code") or ""
            district = self.initial.get("domicile_district_code") or ""
        choice_fields = {name: cast(forms.ChoiceField, self.fields[name]) for name in _ADDRESS}
        choice_fields["domicile_regency_code"].choices = _regency_choices()
        choice_fields["domicile_district_code"].choices = [
            ("", _("— pilih kecamatan —")),
            *(areas.districts_of(regency) if regency else []),
        ]
        choice_fields["domicile_village_code"].choices = [
            ("", _("— pilih kelurahan/desa —")),
            *(areas.villages_of(district) if district else []),
        ]
        # The ids and names carry the form's prefix, if any; the prefix is sent along so
        # that the picker finds the chosen parent under its prefixed name.
        prefix = {"prefix": self.prefix} if self.prefix else {}
        for name, below, level in (
            ("domicile_regency_code", "domicile_district_code", "district"),
            ("domicile_district_code", "domicile_village_code", "village"),
        ):
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": reverse_lazy("regions:area_options"),
                    "hx-target": f"#{self[below].auto_id}",
                    "hx-vals": json.dumps({"level": level, **prefix}),
                    "hx-trigger": "change",
                }
            )

    def check_address_codes(self, data: dict[str, Any]) -> None:
        regency = data.get("domicile_regency_code") or ""
        district = data.get("domicile_district_code") or ""
        village = data.get("domicile_village_code") or ""
        if district and not district.startswith(regency + "."):
            self.add_error(
                "domicile_district_code", _("Kecamatan tidak berada di kabupaten/kota ini.")
            )
        if village and not village.startswith(district + "."):
            self.add_error(
                "domicile_village_code", _("Kelurahan/desa tidak berada di kecamatan ini.")
            )


class PersonFieldsMixin(AddressFieldsMixin):
    """The checks every form that takes a person's identity shares: the NIK parsed, the
    phone normalised, the address codes nested."""

    def clean_nik(self) -> str:
        try:
            return parse_nik(self.cleaned_data["nik"], today=timezone.localdate()).nik
        except NikError as error:
            raise forms.ValidationError(
                message_for(error.code, error.params), code=error.code
            ) from None

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone", "")
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except PhoneError as error:
            raise forms.ValidationError(
                message_for(error.code, error.params), code=error.code
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_address_codes(data)
        return data


class PersonForm(PersonFieldsMixin, Form):
    nik = forms.CharField(
        label=_("NIK"),
        max_length=24,
        help_text=_("16 angka sesuai KTP."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=200)
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"),
        choices=[("", _("— sesuai NIK —")), *Sex.choices],
        required=False,
        help_text=_("Boleh dikosongkan: diambil dari NIK."),
    )
    birth_date = forms.DateField(
        label=_("Tanggal lahir"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Boleh dikosongkan: diambil dari NIK."),
    )
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    education = forms.ChoiceField(label=_("Pendidikan terakhir"), choices=Education.choices)
    education_major = forms.CharField(label=_("Jurusan"), max_length=120, required=False)
    address = forms.CharField(
        label=_("Alamat domisili"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phone = forms.CharField(
        label=_("Nomor HP"),
        max_length=24,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    disability = forms.CharField(label=_("Disabilitas (jika ada)"), max_length=200, required=False)
    ktp_seen = forms.BooleanField(
        label=_("KTP asli telah saya periksa dan sesuai dengan isian ini"),
        required=False,
        help_text=_(
            "Tandai hanya bila orangnya hadir dengan KTP; identitasnya lalu terverifikasi."
        ),
    )

    field_order = [
        "nik",
        "full_name",
        "sex",
        "birth_date",
        "birth_place",
        *PERSON_DETAIL_FIELDS,
        "disability",
        "ktp_seen",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_address_choices()


class PersonEditForm(PersonForm):
    """What may change after registration; the NIK and what follows from it may not."""

    nik = None  # type: ignore[assignment]
    sex = None  # type: ignore[assignment]
    birth_date = None  # type: ignore[assignment]
    ktp_seen = None  # type: ignore[assignment]

    field_order = list(EDITABLE_FIELDS)

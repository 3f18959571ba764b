"""Page forms of the job-seeker card. Fields are checked here for feedback beside each
input; the services check everything again for every entry point (API included)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.jobseekers.services import DocumentCheck, JobWish, OnlineIdentity
from jejaring.trainees.forms import PersonFieldsMixin
from jejaring.trainees.models import Education, Sex
from jejaring.trainees.services import PersonData

HONEYPOT = "website"


class WishForm(Form):
    education = forms.ChoiceField(label=_("Pendidikan terakhir"), choices=Education.choices)
    education_major = forms.CharField(label=_("Jurusan"), max_length=120, required=False)
    graduation_year = forms.IntegerField(
        label=_("Tahun lulus"), required=False, min_value=1950, max_value=2100
    )
    skills = forms.CharField(
        label=_("Keterampilan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    experience = forms.CharField(
        label=_("Pengalaman kerja"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tempat kerja, jabatan dan tahunnya, satu per baris."),
    )
    occupation_title = forms.CharField(label=_("Jabatan yang diinginkan"), max_length=200)
    occupation_code = forms.CharField(
        label=_("Kode jabatan KBJI"),
        max_length=10,
        required=False,
        help_text=_("Bila diketahui, mis. 7531 (penjahit)."),
    )
    wanted_location = forms.CharField(
        label=_("Lokasi kerja yang diinginkan"),
        max_length=200,
        help_text=_("Mis. Kota Pekalongan, Jawa Tengah, atau luar negeri."),
    )

    def wish(self) -> JobWish:
        data = self.cleaned_data
        return JobWish(
            education=data["education"],
            education_major=data.get("education_major", ""),
            graduation_year=data.get("graduation_year"),
            skills=data.get("skills", ""),
            experience=data.get("experience", ""),
            occupation_code=data.get("occupation_code", ""),
            occupation_title=data["occupation_title"],
            wanted_location=data["wanted_location"],
        )


class IdentityForm(PersonFieldsMixin, Form):
    """Who the registrant says they are (online, without a verified account)."""

    nik = forms.CharField(label=_("NIK"), max_length=24)
    full_name = forms.CharField(label=_("Nama lengkap sesuai KTP"), max_length=200)
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=Sex.choices)
    birth_date = forms.DateField(
        label=_("Tanggal lahir"), widget=forms.DateInput(attrs={"type": "date"})
    )
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    address = forms.CharField(
        label=_("Alamat sesuai KTP"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    phone = forms.CharField(label=_("Nomor HP"), max_length=20)
    email = forms.EmailField(label=_("Email"), required=False)
    consent = forms.BooleanField(
        label=_("Saya menyetujui pengolahan data pribadi saya untuk layanan penempatan kerja."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_address_choices()
        self.fields["domicile_regency_code"].label = _("Kabupaten/kota domisili KTP")

    def identity(self) -> OnlineIdentity:
        data = self.cleaned_data
        return OnlineIdentity(
            nik=data["nik"],
            full_name=data["full_name"],
            sex=data["sex"],
            birth_date=data["birth_date"],
            birth_place=data.get("birth_place", ""),
            address=data.get("address", ""),
            domicile_regency_code=data.get("domicile_regency_code", ""),
            domicile_district_code=data.get("domicile_district_code", ""),
            domicile_village_code=data.get("domicile_village_code", ""),
            phone=data["phone"],
            email=data.get("email", ""),
            consent=bool(data.get("consent")),
        )


class CounterPersonForm(IdentityForm):
    """At the counter the person stands there with their KTP; no consent box (it is
    signed on paper), the phone optional."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["consent"]
        self.fields["phone"].required = False

    def person_data(self, education: str, major: str) -> PersonData:
        data = self.cleaned_data
        return PersonData(
            nik=data["nik"],
            full_name=data["full_name"],
            education=education,
            education_major=major,
            sex=data["sex"],
            birth_date=data["birth_date"],
            birth_place=data.get("birth_place", ""),
            address=data.get("address", ""),
            domicile_regency_code=data.get("domicile_regency_code", ""),
            domicile_district_code=data.get("domicile_district_code", ""),
            domicile_village_code=data.get("domicile_village_code", ""),
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            ktp_seen=True,
        )


class IssueForm(Form):
    ktp = forms.BooleanField(label=_("KTP asli sudah dilihat dan cocok"), required=False)
    diploma = forms.BooleanField(label=_("Ijazah terakhir sudah diperiksa"), required=False)
    kk = forms.BooleanField(label=_("Kartu Keluarga (KK) sudah diperiksa"), required=False)
    photo = forms.ImageField(
        label=_("Pas foto 3×4"),
        required=False,
        help_text=_("JPG atau PNG, paling besar 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def __init__(self, *args: Any, account_email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if account_email:
            # Only when the registration came with an online account: the office asks the
            # person, KTP in hand, whether the address is theirs before binding it.
            self.fields["bind_account"] = forms.BooleanField(
                label=_(
                    "Akun daring %(email)s milik orang ini (sudah ditanyakan kepadanya): "
                    "hubungkan ke datanya"
                )
                % {"email": account_email},
                required=False,
            )

    @property
    def bind_account(self) -> bool:
        return bool(self.cleaned_data.get("bind_account"))

    def documents(self) -> DocumentCheck:
        data = self.cleaned_data
        return DocumentCheck(
            ktp=bool(data.get("ktp")), diploma=bool(data.get("diploma")), kk=bool(data.get("kk"))
        )


class ReasonForm(Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500)


class ReportForm(Form):
    note = forms.CharField(
        label=_("Catatan (mis. lamaran yang sedang berjalan)"), max_length=500, required=False
    )


class HiredForm(Form):
    started_on = forms.DateField(
        label=_("Mulai bekerja"), widget=forms.DateInput(attrs={"type": "date"})
    )
    employer_name = forms.CharField(label=_("Nama pemberi kerja"), max_length=200)


class SettingsForm(Form):
    require_kk = forms.BooleanField(label=_("KK wajib diperiksa"), required=False)
    officer_name = forms.CharField(label=_("Nama pengantar kerja"), max_length=120, required=False)
    officer_nip = forms.CharField(label=_("NIP pengantar kerja"), max_length=24, required=False)

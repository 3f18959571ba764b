"""Page forms of the entrepreneurship path; the services check every rule again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jejaring.core.forms import Form
from jejaring.enterprise.models import (
    BusinessKind,
    GrantScheme,
    ReportFile,
    RevenueBand,
    SupportCase,
)


class BusinessForm(Form):
    name = forms.CharField(label=_("Nama usaha"), max_length=200)
    kind = forms.ChoiceField(label=_("Bidang usaha"), choices=BusinessKind.choices)
    idea = forms.CharField(label=_("Gagasan usaha"), widget=forms.Textarea, required=False)
    kbli_code = forms.CharField(
        label=_("Kode KBLI 2020"), max_length=8, required=False, help_text=_("5 angka, mis. 10792")
    )
    place_district_code = forms.CharField(
        label=_("Kode kecamatan"), max_length=8, required=False, help_text=_("mis. 33.75.01")
    )
    place_village_code = forms.CharField(
        label=_("Kode kelurahan/desa"), max_length=13, required=False
    )
    nib = forms.CharField(label=_("NIB (jika sudah ada)"), max_length=20, required=False)
    members = forms.IntegerField(label=_("Jumlah pemilik/anggota"), min_value=1, initial=1)
    workers = forms.IntegerField(label=_("Pekerja yang dipekerjakan"), min_value=0, initial=0)
    revenue_band = forms.ChoiceField(label=_("Omzet per bulan"), choices=RevenueBand.choices)
    enrolment = forms.TypedChoiceField(
        label=_("Pelatihan asal"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, enrolments: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["enrolment"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—")] + [
            (e.pk, f"{e.batch.program.name} ({e.graduated_on:%Y})") for e in enrolments
        ]


class StageForm(Form):
    stage = forms.ChoiceField(
        label=_("Tahap baru"), choices=[("operating", _("Mulai berjalan")), ("closed", _("Tutup"))]
    )
    on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))


class GroupForm(Form):
    name = forms.CharField(label=_("Nama kelompok"), max_length=200)
    kind = forms.ChoiceField(label=_("Bidang usaha"), choices=BusinessKind.choices)
    scheme = forms.ChoiceField(label=_("Skema"), choices=GrantScheme.choices)
    kbli_code = forms.CharField(label=_("Kode KBLI 2020"), max_length=8, required=False)
    place_district_code = forms.CharField(label=_("Kode kecamatan"), max_length=8, required=False)


class MemberForm(Form):
    person = forms.IntegerField(label=_("Nomor data orang"), min_value=1)
    chair = forms.BooleanField(label=_("Ketua kelompok"), required=False)


class ProposalForm(Form):
    business_plan = forms.CharField(label=_("Rencana usaha"), widget=forms.Textarea)
    tools = forms.CharField(
        label=_("Peralatan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu baris per barang: uraian; nilai Rp (mis. Mesin spinner; 12000000)"),
    )
    materials = forms.CharField(
        label=_("Bahan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sama seperti di atas"),
    )


class DecisionForm(Form):
    action = forms.ChoiceField(
        label=_("Tindakan"),
        choices=[
            ("submit", _("Ajukan")),
            ("select", _("Pilih")),
            ("reject", _("Tidak dipilih")),
            ("accept", _("Terima laporan")),
            ("return", _("Kembalikan laporan")),
        ],
    )
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DisburseForm(Form):
    amount = forms.IntegerField(label=_("Dana disalurkan (Rp)"), min_value=1)
    on = forms.DateField(
        label=_("Tanggal penyaluran"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ReportFileForm(Form):
    kind = forms.ChoiceField(label=_("Jenis berkas"), choices=ReportFile.Kind.choices)
    file = forms.FileField(label=_("Berkas (JPG, PNG atau PDF)"))
    line = forms.TypedChoiceField(
        label=_("Baris anggaran"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, lines: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        field = self.fields["line"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—")] + [(line.pk, line.description) for line in lines]


class SupportForm(Form):
    kind = forms.ChoiceField(label=_("Jenis dukungan"), choices=SupportCase.Kind.choices)
    started_on = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(
        label=_("Selesai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.IntegerField(label=_("Nilai (Rp)"), min_value=0, initial=0)
    description = forms.CharField(
        label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    bank_name = forms.CharField(label=_("Bank penyalur KUR"), max_length=120, required=False)
    loan_amount = forms.IntegerField(
        label=_("Plafon KUR yang diajukan (Rp)"), min_value=0, required=False
    )
    letter_number = forms.CharField(label=_("Nomor surat"), max_length=80, required=False)


class VisitForm(Form):
    visited_on = forms.DateField(
        label=_("Tanggal kunjungan"), widget=forms.DateInput(attrs={"type": "date"})
    )
    mentor = forms.CharField(label=_("Pendamping"), max_length=200)
    notes = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.FileField(label=_("Foto"), required=False)


class FollowUpAnswerForm(Form):
    operating = forms.TypedChoiceField(
        label=_("Apakah usaha masih berjalan?"),
        choices=[("1", _("Ya, masih berjalan")), ("0", _("Tidak, sudah tutup"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    workers = forms.IntegerField(
        label=_("Berapa pekerja yang Anda pekerjakan?"), min_value=0, initial=0
    )
    revenue_band = forms.ChoiceField(label=_("Omzet per bulan"), choices=RevenueBand.choices)
    nib = forms.CharField(label=_("NIB (jika sudah punya)"), max_length=20, required=False)

"""Pages to import a batch's participants: the upload form and the XLSX template.

The upload only checks the file's type and size, then hands it to the import-job
framework, whose page (``imports:job_detail``) shows the progress bar, every bad row or the
preview and the confirm button; the checks and the writing run as background tasks, so the
operator may close the page.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from jejaring.accounts.scope import Role, require_any_role
from jejaring.core import imports
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import Form
from jejaring.core.spreadsheets import DEFAULT_MAX_BYTES, Sheet, xlsx_response
from jejaring.training.imports import (
    COLUMNS,
    KIND,
    OPEN_STATUSES,
    SAMPLE_ROW,
    batch_for_import,
    taken_places,
)

MAX_MB = DEFAULT_MAX_BYTES // (1024 * 1024)


class ParticipantUploadForm(Form):
    file = forms.FileField(
        label=_("Berkas peserta (XLSX, ODS atau CSV)"),
        error_messages={
            "required": _("Pilih berkas XLSX, ODS atau CSV."),
            "empty": _("Berkas kosong."),
            "invalid": _("Berkas tidak terkirim dengan benar; coba unggah lagi."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.ods,.csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _g(
            "Paling besar %(mb)s MB; baris pertama berisi judul kolom."
        ) % {"mb": MAX_MB}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = str(upload.name or "").lower()
        if upload.size == 0:
            raise forms.ValidationError(_("Berkas kosong."), code="empty")
        if upload.size > DEFAULT_MAX_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(mb)s MB)."),
                code="too_big",
                params={"mb": MAX_MB},
            )
        if name.endswith(".xls"):
            raise forms.ValidationError(
                _("Format .xls lama tidak didukung; simpan ulang sebagai .xlsx."), code="old_xls"
            )
        head = upload.read(4096)
        upload.seek(0)
        if name.endswith(".xlsx"):
            if not _is_workbook(upload, "xl/workbook.xml"):
                raise forms.ValidationError(
                    _("Berkas tidak dapat dibaca sebagai lembar kerja Excel."), code="unreadable"
                )
        elif name.endswith(".ods"):
            if not _is_workbook(upload, "content.xml"):
                raise forms.ValidationError(
                    _("Berkas tidak dapat dibaca sebagai lembar kerja ODS."), code="unreadable"
                )
        elif name.endswith(".csv"):
            # UTF-16 text (as Excel's "Unicode text" saves it) is half NUL bytes; the
            # reader detects it. Anything else with NUL bytes, or a zip, is not a CSV.
            if head.startswith(b"PK\x03\x04") or (b"\x00" in head and not _looks_utf16(head)):
                raise forms.ValidationError(
                    _("Berkas ini bukan CSV; simpan lembar kerja sebagai .xlsx atau .csv."),
                    code="unreadable",
                )
        else:
            raise forms.ValidationError(
                _("Jenis berkas tidak didukung; unggah berkas .xlsx, .ods atau .csv."), code="type"
            )
        return upload


def _looks_utf16(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    # Without a BOM: ASCII text in UTF-16 has a NUL in every other byte.
    sample = head[:200]
    return len(sample) >= 4 and (
        sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4
    )


def _is_workbook(upload: Any, part: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = batch_for_import(actor=request.user, batch_id=batch_id)
    form = ParticipantUploadForm(request.POST or None, request.FILES or None)
    accepting = batch.status in OPEN_STATUSES
    if request.method == "POST" and not accepting:
        form.is_valid()
        form.add_error(
            None,
            _g("Paket berstatus %(status)s tidak menerima peserta baru.")
            % {"status": batch.get_status_display()},
        )
    elif request.method == "POST" and form.is_valid():
        try:
            job = imports.import_job_create(
                actor=request.user, kind=KIND, file=form.cleaned_data["file"], target=batch
            )
        except ApplicationError as error:
            form.add_error(None, str(error.message))
        else:
            return redirect("imports:job_detail", import_job_id=job.pk)
    taken = taken_places(batch)
    return render(
        request,
        "training/import/upload.html",
        {
            "batch": batch,
            "form": form,
            "columns": COLUMNS,
            "places_left": max(batch.capacity - taken, 0),
            "max_mb": MAX_MB,
            "accepting": accepting,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def template_xlsx(request: HttpRequest) -> HttpResponse:
    """An empty participant list with the expected headers, one example row and a sheet
    explaining every column."""
    require_any_role(request.user, Role.OFFICE_STAFF, Role.OPERATOR)
    guide = [
        [
            column.header,
            _g("Wajib") if column.required else _g("Boleh kosong"),
            str(_COLUMN_NOTES.get(column.key, "")),
        ]
        for column in COLUMNS
    ]
    return xlsx_response(
        "templat-peserta.xlsx",
        [
            Sheet(_g("Peserta"), [column.header for column in COLUMNS], [list(SAMPLE_ROW)]),
            Sheet(_g("Petunjuk"), [_g("Kolom"), _g("Isian"), _g("Keterangan")], guide),
        ],
    )


_COLUMN_NOTES = {
    "nik": _("16 angka, ketik sebagai teks agar tidak diubah Excel. Satu NIK satu baris."),
    "full_name": _("Nama lengkap sesuai KTP."),
    "birth_date": _("Mis. 15/01/1990; jika diisi harus sesuai dengan NIK."),
    "birth_place": _("Kota atau kabupaten tempat lahir."),
    "sex": _("L atau P; jika diisi harus sesuai dengan NIK."),
    "education": _("Tidak/belum sekolah, SD, SMP, SMA, SMK, D1, D2, D3, D4, S1, S2 atau S3."),
    "address": _("Alamat domisili: jalan, RT/RW, kelurahan."),
    "area_code": _("Kode Kemendagri kelurahan/desa, kecamatan atau kabupaten/kota domisili."),
    "phone": _("Nomor HP, mis. 0812 3456 7890."),
    "email": _("Alamat email untuk pemberitahuan."),
}

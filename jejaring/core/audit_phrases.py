"""Phrases of the core's audit actions (imports and the admin), and labels of change keys
that several apps share; read by jejaring.core.audit_display."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from jejaring.core import audit_actions as actions
from jejaring.core.models import ImportJob

PHRASES = {
    actions.IMPORT_JOB_CREATE: _("Mengunggah berkas impor"),
    actions.IMPORT_JOB_CONFIRM: _("Mengonfirmasi impor berkas"),
}

#: What the admin does, by the verb of `admin.<app>.<model>.<verb>` (jejaring.core.admin).
ADMIN_VERBS = {
    "create": _("Admin: menambah %(model)s"),
    "update": _("Admin: mengubah %(model)s"),
    "delete": _("Admin: menghapus %(model)s"),
    "set_password": _("Admin: mengganti kata sandi %(model)s"),
}


def _import_done(kind: str) -> str | None:
    labels = dict(ImportJob.Kind.choices)
    if kind not in labels:
        return None
    return _("Impor berkas selesai: %(kind)s") % {"kind": labels[kind]}


def _admin(rest: str) -> str | None:
    app_label, _dot, rest = rest.partition(".")
    model_name, _dot, verb = rest.partition(".")
    if verb not in ADMIN_VERBS:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return ADMIN_VERBS[verb] % {"model": model._meta.verbose_name}


FAMILIES = {"import_job.done.": _import_done, "admin.": _admin}

LABELS = {
    "rows": _("jumlah baris"),
    "people": _("jumlah orang"),
    "month": _("bulan"),
    "reason": _("alasan"),
    "kind": _("jenis"),
    "status": _("status"),
    "source": _("sumber"),
    "username": _("nama pengguna"),
    "address": _("alamat"),
    "failures": _("gagal masuk"),
    "created": _("dibuat"),
    "updated": _("diperbarui"),
    "skipped": _("dilewati"),
}

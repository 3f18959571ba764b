"""Shared tables: the audit trail and background import jobs, plus abstract bases."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from jejaring.core.policies import RegionScopedManager


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One write (or one read of sensitive data), recorded in the transaction that did it.

    `changes` maps a field name to `[before, after]`; sensitive values (NIK, phone) are
    stored masked so that the audit trail itself does not become a leak.
    """

    occurred_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        # Audit outlives accounts: a deleted user's events keep their label.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("nama pelaku"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("tindakan"), max_length=100)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(_("objek"), max_length=300, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    objects = RegionScopedManager()

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # The audit list's keyset order (selectors.AUDIT_LIST_ORDER).
            models.Index(fields=["region", "-occurred_at", "-id"], name="audit_region_time_id"),
            models.Index(fields=["actor", "-occurred_at"], name="audit_actor_time"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            models.Index(fields=["action"], name="audit_action"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"


class ImportJob(TimeStampedModel):
    """A spreadsheet import that runs as a background task.

    The file is validated whole before anything is written; `errors` lists every bad row.
    Progress lives here so that the user may close the page and come back.
    """

    class Kind(models.TextChoices):
        PARTICIPANTS = "participants", _("Peserta pelatihan")
        INSURER_RETURN = "insurer_return", _("Berkas balikan BPJS Ketenagakerjaan")
        COMPANY_RANKING = "company_ranking", _("Peringkat pelamar dari perusahaan")
        INDUSTRY_NEEDS = "industry_needs", _("Kebutuhan industri")

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        VALIDATING = "validating", _("Memeriksa")
        REJECTED = "rejected", _("Ditolak")
        VALIDATED = "validated", _("Siap diimpor")
        IMPORTING = "importing", _("Mengimpor")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=32, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("berkas"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    # What the import targets (a batch, a round formation...), by content type and id.
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RegionScopedManager()

    class Meta:
        verbose_name = _("impor berkas")
        verbose_name_plural = _("impor berkas")
        indexes = [
            models.Index(fields=["region", "kind", "-created_at"], name="import_region_kind")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processed_rows__lte=models.F("total_rows")),
                name="import_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"


class WorkerHeartbeat(models.Model):
    """A running task worker (`manage.py worker`), refreshed every few seconds by the worker
    itself, so that a task claimed by a worker that died can be told from a slow one."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("pekerja latar")
        verbose_name_plural = _("pekerja latar")

    def __str__(self) -> str:
        return self.worker_id


class DataVersion(models.Model):
    """The version of one topic of one region's data (jejaring.core.versions): a random
    token replaced by every write that changes the figures, so that a cached figure is
    keyed on the data it was computed from. Region 0 stands for "any region"."""

    # A plain integer: the core never points a foreign key up at the regions app.
    region_id = models.PositiveBigIntegerField()
    topic = models.CharField(max_length=20)
    token = models.BigIntegerField()

    class Meta:
        verbose_name = _("versi data")
        verbose_name_plural = _("versi data")
        constraints = [
            models.UniqueConstraint(fields=["region_id", "topic"], name="core_dataversion_unique")
        ]

    def __str__(self) -> str:
        return f"{self.topic}@{self.region_id}"


class DocumentCode(models.Model):
    """The short verification code printed on an issued document (certificate, referral
    letter, agreement, report) in words and as a QR code: random, so that nobody can walk
    the public verification page from one code to the next (jejaring.core.documents)."""

    code = models.CharField(_("kode verifikasi"), max_length=16, unique=True)
    # Generic, like the audit trail's target: the core never points up at a domain app.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kode verifikasi dokumen")
        verbose_name_plural = _("kode verifikasi dokumen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="core_documentcode_document"
            )
        ]

    def __str__(self) -> str:
        return self.code


class TaskOrigin(models.Model):
    """The request that enqueued a background task, so that the worker's log lines carry
    the same request id as the web's (jejaring.core.logs). Deleted when the task ends."""

    task_id = models.CharField(_("tugas"), max_length=64, primary_key=True)
    request_id = models.CharField(_("nomor permintaan"), max_length=64)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("asal tugas latar")
        verbose_name_plural = _("asal tugas latar")

    def __str__(self) -> str:
        return f"{self.task_id} ← {self.request_id}"

"""The Django admin: a repair tool for the platform's superusers only.

Offices, institutions, assessors, companies and trainees work in Jejaring's own pages,
which go through services (validation, status transitions, quota locks) and through the
tenancy choke point. The admin bypasses both and sees every region's rows, so:

- every model admin here derives from `JejaringAdmin`, which lets only active superusers
  in, even if a staff account were given model permissions;
- every write made through it (add, change, inline rows, delete, bulk delete) leaves an
  audit event in the same transaction, named `admin.<app>.<model>.<verb>`, with sensitive
  values (audit.SENSITIVE_FIELDS: NIK, phone, email, …) recorded only as changed;
- the audit trail itself is read-only here.

Prefer the services for anything the pages can do: the admin does not check quotas or
allowed status transitions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.files import File
from django.db import models, transaction
from django.db.models import QuerySet
from django.forms import BaseModelForm
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest

from jejaring.core import audit
from jejaring.core.clientip import client_address
from jejaring.core.models import (
    AuditEvent,
    DataVersion,
    DocumentCode,
    ImportJob,
    TaskOrigin,
    WorkerHeartbeat,
)


def _is_superuser(request: HttpRequest) -> bool:
    user = request.user
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def _plain(value: Any) -> Any:
    """A form value as something comparable and storable: model rows by primary key,
    querysets and lists of rows as sorted keys, files by name."""
    if isinstance(value, QuerySet):
        return sorted(str(pk) for pk in value.values_list("pk", flat=True))
    if isinstance(value, list | tuple) and all(isinstance(v, models.Model) for v in value):
        return sorted(str(v.pk) for v in value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, File):
        return value.name or ""
    return value


def form_changes(form: BaseModelForm) -> dict[str, list[Any]]:
    """`{field: [before, after]}` for the model fields the form changed. Form-only fields
    (such as the two password fields of the user form) are left out entirely."""
    opts = form._meta.model._meta
    model_fields = {f.name for f in opts.get_fields() if f.concrete or f.many_to_many}
    names = [n for n in form.changed_data if n in model_fields and n in form.cleaned_data]
    before = {n: _plain(form.initial.get(n)) for n in names}
    after = {n: _plain(form.cleaned_data[n]) for n in names}
    return audit.diff(before, after)


def _action(obj: models.Model, verb: str) -> str:
    opts = obj._meta
    return f"admin.{opts.app_label}.{opts.model_name}.{verb}"


def _is_region(obj: models.Model) -> bool:
    # The tenant table, known through the audit trail's own foreign key to it.
    region_model = AuditEvent._meta.get_field("region").related_model
    return isinstance(region_model, type) and isinstance(obj, region_model)


def _region_of(obj: models.Model) -> Any:
    return obj if _is_region(obj) else getattr(obj, "region", None)


def record_write(
    request: HttpRequest,
    obj: models.Model,
    verb: str,
    changes: dict[str, list[Any]] | None = None,
) -> None:
    # A deleted region cannot be the region of its own audit event (the foreign key
    # would block the delete); its events carry it as the target instead.
    region = None if verb == "delete" and _is_region(obj) else _region_of(obj)
    audit.record(
        actor=request.user,
        action=_action(obj, verb),
        target=obj,
        region=region,
        changes=changes or {},
        ip_address=client_address(request),
    )


class SuperuserOnlyMixin:
    """Only active superusers see or touch anything in this admin."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_superuser(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_superuser(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _is_superuser(request)


class AuditedAdminMixin:
    """Writes through the admin are audited like every other write (rule 3).

    The admin's add, change and delete views already run in a transaction; the bulk
    delete action does not, so `delete_queryset` opens one.
    """

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Many-to-many values are saved later (save_related) but are already in the
        # validated form, so one event describes the whole change.
        changes = form_changes(form)
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        record_write(request, obj, "update" if change else "create", changes)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseModelFormSet, change: bool
    ) -> None:
        for deleted in formset.deleted_forms:
            if deleted.instance.pk is not None:
                record_write(request, deleted.instance, "delete")
        changed_forms = [
            f for f in formset.initial_forms if f not in formset.deleted_forms and f.has_changed()
        ]
        changes = {id(f.instance): form_changes(f) for f in changed_forms}
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        for obj in formset.new_objects:
            record_write(request, obj, "create")
        for f in changed_forms:
            record_write(request, f.instance, "update", changes[id(f.instance)])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_write(request, obj, "delete")
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic(using=queryset.db):
            for obj in queryset:
                record_write(request, obj, "delete")
            super().delete_queryset(request, queryset)  # type: ignore[misc]


class JejaringAdmin(SuperuserOnlyMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Base of every model admin in Jejaring."""

    list_per_page = 50
    # Big tables: never count every row just to show "n of N".
    show_full_result_count = False


class JejaringTabularInline(admin.TabularInline):
    """Rows edited inside their parent; audited by the parent's `save_formset`."""

    extra = 0
    show_change_link = True


class ReadOnlyAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    """For records nobody may change by hand."""

    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def audit_fields(*extra: str) -> tuple[str, ...]:
    """Read-only bookkeeping columns, where a model has them."""
    return ("created_at", "updated_at", *extra)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail: readable, never added to, changed or deleted by hand."""

    list_display = ("occurred_at", "actor_label", "action", "region", "target_type", "target_label")
    list_filter = ("region", "target_type")
    search_fields = ("action", "actor_label", "target_label", "=target_id")
    list_select_related = ("region", "target_type")
    raw_id_fields = ("actor",)
    ordering = ("-occurred_at", "-id")


@admin.register(ImportJob)
class ImportJobAdmin(JejaringAdmin):
    list_display = (
        "id",
        "kind",
        "status",
        "region",
        "original_name",
        "processed_rows",
        "total_rows",
        "created_at",
        "finished_at",
    )
    list_filter = ("kind", "status", "region")
    search_fields = ("original_name",)
    list_select_related = ("region",)
    raw_id_fields = ("created_by",)
    readonly_fields = audit_fields(
        "finished_at", "total_rows", "processed_rows", "errors", "summary"
    )
    date_hierarchy = "created_at"


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(JejaringAdmin):
    """Running task workers (jejaring/core/worker.py); written by the workers only."""

    list_display = ("worker_id", "hostname", "pid", "started_at", "last_seen")
    readonly_fields = ("worker_id", "hostname", "pid", "started_at", "last_seen")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(DataVersion)
class DataVersionAdmin(JejaringAdmin):
    """The version tokens of cached figures (jejaring/core/versions.py); written by the
    services only. Deleting a row makes the next request recompute that figure."""

    list_display = ("region_id", "topic", "token")
    list_filter = ("topic",)
    readonly_fields = ("region_id", "topic", "token")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(DocumentCode)
class DocumentCodeAdmin(ReadOnlyAdmin):
    """Verification codes are issued with their documents and never edited: a changed
    code would make every printed copy fail verification."""

    list_display = ("code", "content_type", "object_id", "created_at")
    list_filter = ("content_type",)
    search_fields = ("=code",)


@admin.register(TaskOrigin)
class TaskOriginAdmin(ReadOnlyAdmin):
    """Which request enqueued a task still waiting or running (jejaring.core.logs): to
    find the web's log lines of a task. Written and removed by the task machinery."""

    list_display = ("task_id", "request_id", "created_at")
    search_fields = ("=task_id", "=request_id")

"""`record()`: the one way to write an audit event.

It must run inside the transaction of the write it describes, so that a rolled-back
write leaves no audit event and a committed write always has one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from jejaring.core.models import AuditEvent


class AuditOutsideTransaction(RuntimeError):
    """Raised when a service forgets `transaction.atomic`: a programming error, not input."""


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return str(value)


#: Personal data and secrets, by field name, that the audit trail records only as changed
#: (UU 27/2022): the trail must not become a second copy of what it protects.
SENSITIVE_FIELDS = frozenset(
    {"nik", "phone", "email", "address", "birth_date", "kpj_number", "password"}
)


def diff(
    before: Mapping[str, Any], after: Mapping[str, Any], *, masked: Iterable[str] = ()
) -> dict[str, list[Any]]:
    """Fields whose value changed, as `{field: [before, after]}`. Values of
    SENSITIVE_FIELDS and of any `masked` field are recorded only as changed."""
    hidden = SENSITIVE_FIELDS | set(masked)
    changes: dict[str, list[Any]] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            changes[key] = ["•••", "•••"] if key in hidden else [_jsonable(old), _jsonable(new)]
    return changes


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    region: Any = None,
    changes: Mapping[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Write one audit event. `region` defaults to the target's region when it has one."""
    _require_transaction(action)
    event = _event(
        actor=actor,
        action=action,
        target=target,
        region=region,
        changes=changes,
        ip_address=ip_address,
    )
    event.save(force_insert=True)
    return event


def record_many(
    *,
    actor: Any,
    action: str,
    targets: Iterable[tuple[models.Model, Mapping[str, Any] | None]],
    region: Any = None,
) -> list[AuditEvent]:
    """Write one audit event per `(target, changes)`, each as `record` writes it, in bulk
    inserts: for imports, where one insert per row would cost the import its speed."""
    _require_transaction(action)
    return AuditEvent.objects.bulk_create(
        [
            _event(actor=actor, action=action, target=target, region=region, changes=changes)
            for target, changes in targets
        ]
    )


def _require_transaction(action: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise AuditOutsideTransaction(f"audit.record({action!r}) called outside a transaction")


def _event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None,
    region: Any,
    changes: Mapping[str, Any] | None,
    ip_address: str | None = None,
) -> AuditEvent:
    if region is None and target is not None:
        region = getattr(target, "region", None)
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = ""
    if user is not None:
        label = (getattr(user, "full_name", "") or user.get_username())[:200]
    return AuditEvent(
        actor=user,
        actor_label=label,
        region=region,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        changes={k: _jsonable(v) for k, v in (changes or {}).items()},
        ip_address=ip_address,
    )

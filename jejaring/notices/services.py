"""Writes of notifications.

`notify` is the one call every app makes when something happened that someone must
hear about: inside the transaction of that write, so a rolled-back write tells nobody.
It stores one Notification per recipient and, once the transaction commits, hands the
ones with an email address to the task worker (`tasks.send_notification_emails`). Mail
is never sent in the request; a failed send is logged and left for
`manage.py notifications_send` to try again, and the actor never sees it as an error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection, send_mail
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.models import Membership
from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import NotFound, ValidationError
from jejaring.core.scope import Role
from jejaring.notices import audit_actions
from jejaring.notices.kinds import KINDS
from jejaring.notices.models import Notification

logger = logging.getLogger("jejaring.notices")

#: Sends tried before a notification's mail is left for good (its row keeps the error).
MAX_EMAIL_ATTEMPTS = 5
#: Notifications handed to one task (a published round may notify thousands of people).
TASK_CHUNK = 500


@dataclass(frozen=True)
class Recipient:
    """Who hears of an event: an account (by id), an address and/or a phone number, and
    the name to greet them by."""

    user_id: int | None = None
    email: str = ""
    phone: str = ""
    name: str = ""

    @classmethod
    def of_user(cls, user: Any) -> Recipient:
        return cls(user_id=user.pk, email=user.email or "", name=user.full_name or "")

    @classmethod
    def of_person(cls, person: Any) -> Recipient:
        """A person record (trainees.Person): their account if one is bound, their
        email and phone."""
        return cls(
            user_id=person.user_id,
            email=person.email or "",
            phone=person.phone or "",
            name=person.full_name or "",
        )

    @property
    def reachable(self) -> bool:
        return bool(self.user_id or self.email or self.phone)


def role_holders(
    *, role: Role, model: type[models.Model], ids: Iterable[Any]
) -> dict[Any, list[Any]]:
    """The active accounts holding `role` for each of the given records of `model` (the
    company HR of some companies, the operators of some institutions), by record id."""
    memberships = (
        Membership.objects.filter(
            role=role,
            is_active=True,
            user__is_active=True,
            target_type=ContentType.objects.get_for_model(model),
            target_id__in=list(ids),
        )
        .select_related("user")
        .order_by("target_id", "user_id")
    )
    holders: dict[Any, list[Any]] = {}
    for membership in memberships:
        holders.setdefault(membership.target_id, []).append(membership.user)
    return holders


def notify(
    *,
    kind: str,
    region_id: int,
    recipients: Iterable[Recipient],
    link: str,
    params: dict[str, Any] | None = None,
    key: str = "",
    exclude_user: Any = None,
) -> list[Notification]:
    """Tell each recipient (once, however often they are listed) that `kind` happened,
    with `link` (a path in the app) to the page where they act. Call it inside the
    write's transaction; mail goes after commit. `exclude_user` (usually the actor) is
    not told of what they did themselves. With a `key`, a recipient who already has a
    notification with that key is skipped."""
    return notify_each(
        kind=kind,
        region_id=region_id,
        rows=[(recipient, link, params or {}) for recipient in recipients],
        key=key,
        exclude_user=exclude_user,
    )


def notify_each(
    *,
    kind: str,
    region_id: int,
    rows: Sequence[tuple[Recipient, str, dict[str, Any]]],
    key: str = "",
    exclude_user: Any = None,
) -> list[Notification]:
    """`notify` where each recipient has a link and parameters of their own (every
    graduate of a batch): one bulk insert."""
    return notify_many(
        region_id=region_id,
        rows=[(kind, recipient, link, params) for recipient, link, params in rows],
        key=key,
        exclude_user=exclude_user,
    )


def notify_many(
    *,
    region_id: int,
    rows: Sequence[tuple[str, Recipient, str, dict[str, Any]]],
    key: str = "",
    exclude_user: Any = None,
) -> list[Notification]:
    """`notify_each` with a kind per row (a published round: placed, not placed, and the
    companies), still one bulk insert whatever the mix."""
    unknown = {kind for kind, *_rest in rows} - set(KINDS)
    if unknown:
        raise ValueError(f"unknown notification kinds {sorted(unknown)!r}")
    excluded = getattr(exclude_user, "pk", None)
    seen: set[tuple[Any, ...]] = set()
    notifications = []
    for kind, recipient, link, params in rows:
        user_id = recipient.user_id
        identity = (kind, user_id, recipient.email.lower(), recipient.phone, link)
        if not recipient.reachable or identity in seen or (excluded and user_id == excluded):
            continue
        seen.add(identity)
        notifications.append(
            Notification(
                region_id=region_id,
                user_id=user_id,
                name=recipient.name[:200],
                email=recipient.email,
                phone=recipient.phone,
                kind=kind,
                params=params,
                link=link,
                key=key,
            )
        )
    if key and notifications:
        notifications = _not_yet_told(notifications, key)
    created = Notification.objects.bulk_create(notifications, batch_size=1000)
    mail_ids = [n.pk for n in created if n.email]
    if mail_ids:
        transaction.on_commit(lambda: enqueue_emails(mail_ids))
    return created


def _not_yet_told(notifications: list[Notification], key: str) -> list[Notification]:
    told = set(Notification.objects.filter(key=key).values_list("user_id", "email", "phone"))
    return [n for n in notifications if (n.user_id, n.email, n.phone) not in told]


def enqueue_emails(notification_ids: Sequence[int]) -> None:
    """Hand the notifications' mail to the task worker, in chunks. A queue that cannot
    be reached is logged: the mail stays unsent for `notifications_send` to pick up."""
    from jejaring.notices.tasks import send_notification_emails

    for start in range(0, len(notification_ids), TASK_CHUNK):
        chunk = list(notification_ids[start : start + TASK_CHUNK])
        try:
            send_notification_emails.enqueue(chunk)
        except Exception:
            logger.exception("could not enqueue notification mail %s…", chunk[:3])


def notification_emails_send(*, notification_ids: Sequence[int]) -> int:
    """Send the mail of the given notifications that is still unsent (idempotent: a
    notification whose mail went out is skipped). Returns how many were sent. A failed
    send is counted on its row with the error and logged."""
    sent = 0
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for pk in notification_ids:
            with transaction.atomic():
                notification = (
                    Notification.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, email_sent_at__isnull=True)
                    .filter(email_attempts__lt=MAX_EMAIL_ATTEMPTS)
                    .exclude(email="")
                    .first()
                )
                if notification is None:
                    continue
                try:
                    send_mail(
                        notification.title,
                        notification.message(),
                        None,
                        [notification.email],
                        connection=connection,
                    )
                except Exception as error:
                    logger.warning("notification %s mail failed: %s", pk, error)
                    notification.email_attempts += 1
                    notification.email_error = str(error)[:200]
                    notification.save(update_fields=["email_attempts", "email_error"])
                    continue
                notification.email_attempts += 1
                notification.email_sent_at = timezone.now()
                notification.email_error = ""
                notification.save(update_fields=["email_attempts", "email_sent_at", "email_error"])
                sent += 1
    return sent


def notification_emails_retry() -> int:
    """Send every mail still unsent with attempts left (run from a timer); returns how
    many went out."""
    pending = list(
        Notification.objects.filter(
            email_sent_at__isnull=True, email_attempts__lt=MAX_EMAIL_ATTEMPTS
        )
        .exclude(email="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return notification_emails_send(notification_ids=pending)


# --- the reader's own --------------------------------------------------------------------


def notification_mark_read(*, actor: Any, notification_id: int) -> Notification:
    """Mark one's own notification read (another's is not found)."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, user_id=actor.pk)
            .first()
        )
        if notification is None:
            raise NotFound(_("Notifikasi tidak ditemukan."))
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of one's own read; returns how many."""
    return Notification.objects.filter(user_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_whatsapp_sent(*, actor: Any, notification: Notification) -> Notification:
    """Office staff record that they sent the WhatsApp text of a notification of their
    region to a person without an email (audited: it shows a phone number was used)."""
    if not scope_of(actor).is_office_of(notification.region_id):
        raise NotFound(_("Notifikasi tidak ditemukan."))
    with transaction.atomic():
        locked = Notification.objects.select_for_update().get(pk=notification.pk)
        if locked.whatsapp_sent_at is not None:
            raise ValidationError(
                _("Pesan ini sudah ditandai terkirim."), code="whatsapp_already_sent"
            )
        locked.whatsapp_sent_at = timezone.now()
        locked.save(update_fields=["whatsapp_sent_at"])
        audit.record(
            actor=actor,
            action=audit_actions.WHATSAPP_SENT,
            target=locked,
            region=locked.region,
            changes={"kind": locked.kind},
        )
    return locked

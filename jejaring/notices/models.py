"""A notification: one per recipient and event.

A recipient is an account (the notification is listed on its "Notifikasi" page), an
email address (sent by the task worker after the event's transaction commits) and/or a
phone number (office staff send the ready WhatsApp text to people without an email). The
words come from `kinds.py`; the row keeps the kind and a few parameters.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.notices.kinds import body_of, title_of


def absolute(link: str, base_url: str = "") -> str:
    """`link` (a path in the app) made absolute from `base_url`, else the setting
    PUBLIC_BASE_URL; left as a path when neither is known."""
    base = base_url or getattr(settings, "PUBLIC_BASE_URL", "")
    return base.rstrip("/") + link if base else link


class Notification(models.Model):
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    name = models.CharField(_("nama penerima"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    kind = models.CharField(_("jenis"), max_length=40)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(_("tautan"), max_length=500)
    #: Set for notifications that must reach a recipient once only (one reminder per
    #: follow-up point): `notify` skips a recipient who already has one with the key.
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("email terkirim"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=200, blank=True)
    whatsapp_sent_at = models.DateTimeField(_("WhatsApp terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_user_unread"),
            models.Index(fields=["user", "-created_at"], name="notification_user_recent"),
            models.Index(
                fields=["region", "whatsapp_sent_at"],
                condition=models.Q(email="") & ~models.Q(phone=""),
                name="notification_whatsapp_queue",
            ),
            models.Index(fields=["key"], condition=~models.Q(key=""), name="notification_key"),
            models.Index(
                fields=["email_sent_at"],
                condition=~models.Q(email=""),
                name="notification_mail_pending",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return title_of(self.kind)

    @property
    def body(self) -> str:
        return body_of(self.kind, self.params)

    def message(self, base_url: str = "") -> str:
        """What mail and WhatsApp carry: a greeting by name, the title and the link."""
        greeting = (
            gettext("Halo %(name)s,") % {"name": self.name} if self.name else gettext("Halo,")
        )
        see = gettext("Lihat di Jejaring:")
        return f"{greeting}\n\n{self.title}.\n{see} {absolute(self.link, base_url)}"

    def whatsapp_url(self, base_url: str = "") -> str:
        """A wa.me link that opens a chat with the recipient's number and the message
        ready to send (the number in international form, digits only)."""
        digits = "".join(c for c in self.phone if c.isdigit())
        return f"https://wa.me/{digits}?" + urlencode({"text": self.message(base_url)})

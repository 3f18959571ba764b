"""Writes to accounts: inviting people who have no password yet (company HR, trainees
who registered online), who choose their own password through an emailed link; and
lifting a login lockout early."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from jejaring.accounts import audit_actions as actions
from jejaring.accounts import selectors
from jejaring.accounts.models import User
from jejaring.core import audit
from jejaring.core.errors import Conflict, ValidationError


def set_password_url(user: User, *, base_url: str = "") -> str:
    """An absolute (when `base_url` is given, e.g. "https://jejaring.example") link to
    the password-reset confirm page where `user` chooses a password. It stops working
    once the password is set or the token expires (PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return base_url.rstrip("/") + path


def account_send_set_password_link(*, user: User, base_url: str = "") -> None:
    """Email `user` a link to choose their password. Sent after the surrounding
    transaction commits, so a rolled-back invitation sends nothing."""
    if not user.email:
        return
    url = set_password_url(user, base_url=base_url)
    subject = _g("Akun Jejaring Anda")
    body = _g(
        "Halo {name},\n\nAkun Jejaring telah dibuat untuk Anda. Nama pengguna: {username}\n\n"
        "Buka tautan ini untuk membuat kata sandi:\n{url}\n\n"
        "Jika Anda tidak merasa mendaftar, abaikan email ini."
    ).format(name=user.full_name or user.get_username(), username=user.get_username(), url=url)
    recipient = user.email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    )


def account_invite(
    *, actor: Any, email: str, full_name: str, username: str = "", base_url: str = ""
) -> User:
    """Create an active account without a usable password for `email` and email it a
    set-password link. The username defaults to the email address. Raises
    ValidationError for an empty or malformed email and Conflict when an account
    already uses that email or username (case-insensitive). Memberships (roles) are the
    caller's business, in the same transaction."""
    email = email.strip().lower()
    if not email or "@" not in email or len(email) > 254:
        raise ValidationError(_("Alamat email tidak sah."), code="invalid_email", field="email")
    username = (username or email).strip()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise Conflict(
                _("Alamat email ini sudah dipakai akun lain."), code="email_taken", field="email"
            )
        if User.objects.filter(username__iexact=username).exists():
            raise Conflict(
                _("Nama pengguna ini sudah dipakai."), code="username_taken", field="username"
            )
        user = User(username=username, email=email, full_name=" ".join(full_name.split()))
        user.set_unusable_password()
        user.save()
        audit.record(
            actor=actor,
            action=actions.USER_INVITE,
            target=user,
            changes=audit.diff({}, {"username": username}),
        )
        account_send_set_password_link(user=user, base_url=base_url)
    return user


def applicant_account(*, submitter: Any, email: str, full_name: str, base_url: str) -> Any:
    """The account a public registration belongs to: the signed-in submitter's, else a new
    account invited on the typed email (a set-password link proves the mailbox), else
    none — an existing account is never attached to by someone who is not signed in, and
    a registration without an email has no account of its own (phone is enough: staff
    send its news as WhatsApp text). The training registration and the job-seeker card
    (AK/1) both use it; the account is bound to the person only when the office has
    checked the KTP (`trainees.services.person_account_bind`)."""
    if submitter is not None and getattr(submitter, "is_authenticated", False):
        return submitter
    if not email:
        return None
    if User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists():
        return None
    return account_invite(actor=None, email=email, full_name=full_name, base_url=base_url)


def lockout_release(
    *, actor: Any, username: str, ip_address: str | None, ip: str | None = None
) -> int:
    """Lift the lockout of `username` for the client address `ip_address` before its
    cool-off ends, for an account the actor looks after (office staff of its region, or
    a superuser); audited. Failures from other addresses stay counted. Returns how many
    attempt records were removed; raises NotFound for a lockout that is not in force or
    not the actor's to lift. `ip` is the actor's own address, for the audit trail."""
    from axes.models import AccessAttempt

    with transaction.atomic():
        lockout = selectors.lockout_get_for(actor=actor, username=username, ip_address=ip_address)
        removed, _counts = AccessAttempt.objects.filter(
            username=lockout.username, ip_address=lockout.ip_address
        ).delete()
        audit.record(
            actor=actor,
            action=actions.LOCKOUT_RELEASE,
            target=lockout.user,
            region=(
                selectors.account_region_for(actor=actor, user=lockout.user)
                if lockout.user is not None
                else None
            ),
            changes={
                "username": [lockout.username, lockout.username],
                "address": [lockout.ip_address, lockout.ip_address],
                "failures": [lockout.failures, 0],
            },
            ip_address=ip,
        )
    return removed

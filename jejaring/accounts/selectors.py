"""Reads of accounts: which accounts an office looks after, and their current login
lockouts (django-axes keeps one per username and client address)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.models import Membership, User
from jejaring.accounts.scope import Role, scope_of
from jejaring.core.errors import NotFound
from jejaring.regions.models import Region


def account_list_for(*, actor: Any) -> QuerySet[User]:
    """Accounts the actor looks after: for office staff, everyone with an active role in
    one of their regions and every trainee whose person record is of one (superuser
    accounts excepted: they belong to the platform); for superusers, every account.
    Nobody else looks after accounts."""
    scope = scope_of(actor)
    if scope.is_superuser:
        return User.objects.all()
    regions = scope.office_region_ids
    if not regions:
        return User.objects.none()
    # `person` is the trainee record's link to its account, named here rather than
    # imported: accounts sits below trainees.
    return User.objects.filter(
        Q(memberships__region_id__in=regions, memberships__is_active=True)
        | Q(person__region_id__in=regions),
        is_superuser=False,
    ).distinct()


def account_region_for(*, actor: Any, user: User) -> Any:
    """The region through which the actor looks after `user` (for the audit trail), or
    None for a superuser looking after an account outside every region."""
    scope = scope_of(actor)
    region_ids = set(
        Membership.objects.filter(user=user, is_active=True).values_list("region_id", flat=True)
    )
    region_ids.update(
        User.objects.filter(pk=user.pk, person__isnull=False).values_list(
            "person__region_id", flat=True
        )
    )
    if not scope.is_superuser:
        region_ids &= scope.office_region_ids
    return Region.objects.filter(pk__in=region_ids).order_by("pk").first()


@dataclass(frozen=True)
class Lockout:
    """A username locked for one client address until `until`."""

    username: str
    ip_address: str | None
    failures: int
    last_attempt: datetime
    until: datetime
    user: User | None


def _cool_off() -> timedelta:
    cool_off = get_cool_off()
    if cool_off is None:
        raise NotFound(_("Penguncian akun tidak diaktifkan."), code="lockouts_disabled")
    return cool_off


def cool_off_minutes() -> int:
    """How long a lockout lasts, in whole minutes."""
    return int(_cool_off().total_seconds() // 60)


def lockout_list_for(*, actor: Any, now: datetime | None = None) -> list[Lockout]:
    """Lockouts in force now of the accounts the actor looks after, latest first.
    Superusers also see lockouts of usernames that belong to no account."""
    scope = scope_of(actor)
    if not scope.is_superuser and Role.OFFICE_STAFF not in scope.roles:
        return []
    cool_off = _cool_off()
    now = now or timezone.now()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_attempt", "username")
    )
    usernames = {row["username"] for row in rows}
    users = {
        user.username: user for user in account_list_for(actor=actor).filter(username__in=usernames)
    }
    return [
        Lockout(
            username=row["username"],
            ip_address=row["ip_address"],
            failures=row["failures"],
            last_attempt=row["last_attempt"],
            until=row["last_attempt"] + cool_off,
            user=users.get(row["username"]),
        )
        for row in rows
        if row["username"] in users or scope.is_superuser
    ]


def lockout_get_for(
    *, actor: Any, username: str, ip_address: str | None, now: datetime | None = None
) -> Lockout:
    """One lockout in force that the actor may lift; NotFound otherwise, the same for a
    lockout that does not exist and one of an account the actor does not look after."""
    for lockout in lockout_list_for(actor=actor, now=now):
        if lockout.username == username and (lockout.ip_address or "") == (ip_address or ""):
            return lockout
    raise NotFound(_("Penguncian tidak ditemukan atau sudah berakhir."), code="lockout_not_found")

"""Users and what they may do where: a membership gives one role in one region, and
for operators, assessors and company HR also the institution, assessor profile or company
(a generic target: those tables live in apps above accounts)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role
from jejaring.regions.models import RegionOwned


class User(AbstractUser):
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("bahasa"),
        max_length=5,
        choices=[("id", "Bahasa Indonesia"), ("en", "English")],
        default="id",
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            # Emails are used for password reset, so two accounts must not share one.
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="user_email_unique_ci"
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.get_username()


_role_targets: dict[str, type[models.Model]] = {}


def applicant_account_field(*, related_name: str) -> models.ForeignKey[Any, Any]:
    """The account a public registration belongs to (`services.applicant_account`): the
    signed-in submitter's or one invited on the typed email. It gives no access to the
    person the registration names until the office, having seen their KTP, binds it
    (`trainees.services.person_account_bind`). Training enrolments and AK/1 cards keep it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun pendaftar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


def register_role_target(role: Role, model: type[models.Model]) -> None:
    """Called by the app that owns a scoped role's target (training for operators'
    institutions, employers for company HR's companies, assessment for assessors), from
    its AppConfig.ready()."""
    _role_targets[role] = model


class Membership(RegionOwned):
    """One role of one user in one region. A provincial or national viewer holds one
    VIEWER membership per region granted to them. Trainees need no membership: their
    account is linked to their person record."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    # What an operator, assessor or company HR is scoped by: the training institution,
    # assessor profile or company. A generic link, because those tables belong to apps
    # above accounts; each registers its role's target model (`register_role_target`).
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("jenis objek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("ID objek"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        indexes = [models.Index(fields=["user", "is_active"], name="membership_user_active")]
        constraints = [
            # Each scoped role carries exactly one target, office staff and viewers none.
            models.CheckConstraint(
                name="membership_target_matches_role",
                condition=(
                    Q(
                        role__in=[Role.OPERATOR, Role.COMPANY_HR, Role.ASSESSOR],
                        target_type__isnull=False,
                        target_id__isnull=False,
                    )
                    | Q(
                        role__in=[Role.OFFICE_STAFF, Role.VIEWER],
                        target_type__isnull=True,
                        target_id__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(role__in=[Role.OFFICE_STAFF, Role.VIEWER]),
                name="membership_unique_region_role",
            ),
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id"],
                condition=Q(role__in=[Role.OPERATOR, Role.COMPANY_HR]),
                name="membership_unique_target",
            ),
            models.UniqueConstraint(
                fields=["user", "target_type", "target_id", "region"],
                condition=Q(role=Role.ASSESSOR),
                name="membership_unique_assessor",
            ),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_target()
        super().save(*args, **kwargs)

    def check_target(self) -> None:
        """A scoped role's target must be of the model registered for that role."""
        expected = _role_targets.get(self.role)
        if expected is None:
            return
        if self.target_type_id is None:
            raise ValidationError({"target_type": _("Peran ini memerlukan objek.")})
        actual = ContentType.objects.get_for_id(self.target_type_id).model_class()
        if actual is not expected:
            raise ValidationError({"target_type": _("Objek tidak sesuai dengan peran.")})

    def clean(self) -> None:
        super().clean()
        self.check_target()

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.region}"

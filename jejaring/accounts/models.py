"""Users and what they may do where: a membership gives one role in one region, and
for operators, assessors and company HR also the institution, assessor profile or company."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
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


class Membership(RegionOwned):
    """One role of one user in one region. A provincial or national viewer holds one
    VIEWER membership per region granted to them. Trainees need no membership: their
    account is linked to their person record."""

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=16, choices=Role.choices)
    institution = models.ForeignKey(
        "training.TrainingInstitution",
        verbose_name=_("lembaga pelatihan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    company = models.ForeignKey(
        "employers.Company",
        verbose_name=_("perusahaan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    assessor = models.ForeignKey(
        "assessment.Assessor",
        verbose_name=_("asesor"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        indexes = [models.Index(fields=["user", "is_active"], name="membership_user_active")]
        constraints = [
            # Each role carries exactly the link it is scoped by, and no other.
            models.CheckConstraint(
                name="membership_links_match_role",
                condition=(
                    Q(
                        role=Role.OPERATOR,
                        institution__isnull=False,
                        company__isnull=True,
                        assessor__isnull=True,
                    )
                    | Q(
                        role=Role.COMPANY_HR,
                        company__isnull=False,
                        institution__isnull=True,
                        assessor__isnull=True,
                    )
                    | Q(
                        role=Role.ASSESSOR,
                        assessor__isnull=False,
                        institution__isnull=True,
                        company__isnull=True,
                    )
                    | Q(
                        role__in=[Role.OFFICE_STAFF, Role.VIEWER],
                        institution__isnull=True,
                        company__isnull=True,
                        assessor__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(role__in=[Role.OFFICE_STAFF, Role.VIEWER]),
                name="membership_unique_region_role",
            ),
            models.UniqueConstraint(
                fields=["user", "institution"],
                condition=Q(role=Role.OPERATOR),
                name="membership_unique_institution",
            ),
            models.UniqueConstraint(
                fields=["user", "company"],
                condition=Q(role=Role.COMPANY_HR),
                name="membership_unique_company",
            ),
            models.UniqueConstraint(
                fields=["user", "assessor", "region"],
                condition=Q(role=Role.ASSESSOR),
                name="membership_unique_assessor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.region}"

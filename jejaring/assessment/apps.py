from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "jejaring.assessment"
    label = "assessment"
    verbose_name = _("Uji kompetensi")

    def ready(self) -> None:
        from jejaring.assessment import policies  # noqa: F401
        from jejaring.accounts.models import register_role_target
        from jejaring.accounts.scope import Role
        from jejaring.assessment.models import Assessor

        register_role_target(Role.ASSESSOR, Assessor)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "jejaring.assessment"
    label = "assessment"
    verbose_name = _("Uji kompetensi")

    def ready(self) -> None:
        from jejaring.accounts.models import register_role_target
        from jejaring.accounts.scope import Role
        from jejaring.assessment import policies  # noqa: F401
        from jejaring.assessment.models import Assessor

        register_role_target(Role.ASSESSOR, Assessor)

        from jejaring.assessment import person_links
        from jejaring.trainees.dealings import register_dealing, register_export_section

        register_dealing(Role.ASSESSOR, person_links.assessor_dealing)
        register_export_section("assessments", person_links.export_assessments)

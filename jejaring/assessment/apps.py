from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "jejaring.assessment"
    label = "assessment"
    verbose_name = _("Uji kompetensi")

    def ready(self) -> None:
        from jejaring.assessment import policies  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialSecurityConfig(AppConfig):
    name = "jejaring.social_security"
    label = "social_security"
    verbose_name = _("BPJS Ketenagakerjaan")

    def ready(self) -> None:
        from jejaring.social_security import coverage_gates, importers, policies  # noqa: F401

        coverage_gates.register()
        importers.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "jejaring.employers"
    label = "employers"
    verbose_name = _("Perusahaan mitra")

    def ready(self) -> None:
        from jejaring.accounts.models import register_role_target
        from jejaring.accounts.scope import Role
        from jejaring.employers import policies  # noqa: F401
        from jejaring.employers.models import Company

        register_role_target(Role.COMPANY_HR, Company)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "jejaring.employers"
    label = "employers"
    verbose_name = _("Perusahaan mitra")

    def ready(self) -> None:
        from jejaring.employers import policies  # noqa: F401

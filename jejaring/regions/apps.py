from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "jejaring.regions"
    label = "regions"
    verbose_name = _("Wilayah")

    def ready(self) -> None:
        from jejaring.regions import policies  # noqa: F401

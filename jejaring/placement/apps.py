from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "jejaring.placement"
    label = "placement"
    verbose_name = _("Penyaluran")

    def ready(self) -> None:
        from jejaring.placement import policies  # noqa: F401

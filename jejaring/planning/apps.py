from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "jejaring.planning"
    label = "planning"
    verbose_name = _("Perencanaan")

    def ready(self) -> None:
        from jejaring.planning import policies  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jejaring.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from jejaring.core import imports_recovery, model_policies  # noqa: F401

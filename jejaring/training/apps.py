from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "jejaring.training"
    label = "training"
    verbose_name = _("Pelatihan")

    def ready(self) -> None:
        from jejaring.training import policies  # noqa: F401
        from jejaring.training import imports  # noqa: F401  (registers the importer)

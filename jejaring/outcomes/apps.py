from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "jejaring.outcomes"
    label = "outcomes"
    verbose_name = _("Hasil dan penelusuran")

    def ready(self) -> None:
        from jejaring.outcomes import policies  # noqa: F401

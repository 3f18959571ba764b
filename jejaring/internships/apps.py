from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternshipsConfig(AppConfig):
    name = "jejaring.internships"
    label = "internships"
    verbose_name = _("Pemagangan")

    def ready(self) -> None:
        from jejaring.internships import policies  # noqa: F401

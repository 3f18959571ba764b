from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterpriseConfig(AppConfig):
    name = "jejaring.enterprise"
    label = "enterprise"
    verbose_name = _("Wirausaha")

    def ready(self) -> None:
        from jejaring.enterprise import policies  # noqa: F401

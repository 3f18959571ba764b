from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jejaring.accounts"
    label = "accounts"
    verbose_name = _("Akun")

    def ready(self) -> None:
        from jejaring.accounts import policies  # noqa: F401

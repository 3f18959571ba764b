from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jejaring.accounts"
    label = "accounts"
    verbose_name = _("Akun")

    def ready(self) -> None:
        from jejaring.accounts import policies  # noqa: F401
        from jejaring.accounts.scope import compute_scope
        from jejaring.core.scope import set_scope_resolver

        set_scope_resolver(compute_scope)

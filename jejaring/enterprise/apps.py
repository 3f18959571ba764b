from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class EnterpriseConfig(AppConfig):
    name = "jejaring.enterprise"
    label = "enterprise"
    verbose_name = _("Wirausaha")

    def ready(self) -> None:
        from jejaring.enterprise import policies  # noqa: F401
        from jejaring.enterprise.defaults import on_region_saved
        from jejaring.regions.models import Region

        # regions may not import enterprise: a new region learns its default grant rules
        # through the save signal.
        post_save.connect(on_region_saved, sender=Region, dispatch_uid="enterprise_grant_rules")

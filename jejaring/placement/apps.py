from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "jejaring.placement"
    label = "placement"
    verbose_name = _("Penyaluran")

    def ready(self) -> None:
        from jejaring.accounts.scope import Role
        from jejaring.employers import seat_counts
        from jejaring.placement import (
            person_links,
            policies,  # noqa: F401
        )
        from jejaring.placement.seats import seats_held
        from jejaring.trainees.dealings import register_dealing, register_export_section

        seat_counts.set_counter(seats_held)

        register_dealing(Role.COMPANY_HR, person_links.company_dealing)
        register_export_section("referrals", person_links.export_referrals)

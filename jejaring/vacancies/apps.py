from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "jejaring.vacancies"
    label = "vacancies"
    verbose_name = _("Lowongan kerja")

    def ready(self) -> None:
        from jejaring.core import gates
        from jejaring.jobseekers import panels
        from jejaring.vacancies import card_panels, policies, referrals  # noqa: F401

        gates.subscribe("placement.referral.status_changed", referrals.referral_status_changed)
        panels.register(card_panels.suggestions_panel)

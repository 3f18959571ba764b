from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "jejaring.vacancies"
    label = "vacancies"
    verbose_name = _("Lowongan kerja")

    def ready(self) -> None:
        from jejaring.vacancies import policies  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobseekersConfig(AppConfig):
    name = "jejaring.jobseekers"
    label = "jobseekers"
    verbose_name = _("Pencari kerja (AK/1)")

    def ready(self) -> None:
        from jejaring.jobseekers import policies  # noqa: F401
        from jejaring.jobseekers.selectors import export_cards
        from jejaring.trainees.dealings import register_export_section

        register_export_section("jobseeker_cards", export_cards)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternshipsConfig(AppConfig):
    name = "jejaring.internships"
    label = "internships"
    verbose_name = _("Pemagangan")

    def ready(self) -> None:
        from jejaring.employers.company_page import add_section
        from jejaring.internships import policies  # noqa: F401
        from jejaring.internships.company_page import programs_section

        add_section(programs_section)

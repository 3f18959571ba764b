from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraineesConfig(AppConfig):
    name = "jejaring.trainees"
    label = "trainees"
    verbose_name = _("Peserta")

    def ready(self) -> None:
        from jejaring.accounts.scope import register_person_part
        from jejaring.trainees import policies  # noqa: F401
        from jejaring.trainees.selectors import own_person_part

        register_person_part(own_person_part)

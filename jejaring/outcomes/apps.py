from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "jejaring.outcomes"
    label = "outcomes"
    verbose_name = _("Hasil dan penelusuran")

    def ready(self) -> None:
        from jejaring.core import gates
        from jejaring.outcomes import handlers, policies  # noqa: F401

        gates.subscribe("training.batch.status_changed", handlers.batch_status_changed)
        gates.subscribe("placement.referral.started", handlers.referral_started)
        gates.subscribe("training.program.updated", handlers.program_updated)
        gates.subscribe("training.institution.updated", handlers.institution_updated)

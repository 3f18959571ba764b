from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "jejaring.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django_tasks.signals import task_enqueued, task_finished, task_started

        from jejaring.core import imports_recovery, logs, model_policies  # noqa: F401

        # A task's log lines carry the id of the request that enqueued it.
        task_enqueued.connect(logs.task_enqueued, dispatch_uid="jejaring-log-enqueued")
        task_started.connect(logs.task_started, dispatch_uid="jejaring-log-started")
        task_finished.connect(logs.task_finished, dispatch_uid="jejaring-log-finished")
        request_finished.connect(logs.request_finished, dispatch_uid="jejaring-log-request")

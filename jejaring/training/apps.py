from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "jejaring.training"
    label = "training"
    verbose_name = _("Pelatihan")

    def ready(self) -> None:
        # Imported for their side effects: policies and the participants importer register.
        from jejaring.accounts.models import register_role_target
        from jejaring.accounts.scope import Role
        from jejaring.training import imports, policies  # noqa: F401
        from jejaring.training.models import TrainingInstitution

        register_role_target(Role.OPERATOR, TrainingInstitution)

        from jejaring.accounts.scope import register_person_part
        from jejaring.training.scope_parts import registrant_person_part

        register_person_part(registrant_person_part)

        from jejaring.trainees.dealings import (
            register_dealing,
            register_detail_section,
            register_export_section,
            register_move_listener,
        )
        from jejaring.training import person_links

        register_dealing(Role.OFFICE_STAFF, person_links.office_dealing)
        register_move_listener(person_links.person_moved)
        register_dealing(Role.OPERATOR, person_links.operator_dealing)
        register_export_section("enrolments", person_links.export_enrolments)
        register_detail_section(person_links.DETAIL_SECTION)

"""Who may write social security records at all, and which records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import PermissionDenied
from jejaring.core.policies import policy_for
from jejaring.social_security.models import Coverage, Incident


def _require_office_staff(actor: Any) -> None:
    """Only office staff reach these writes at all; which records they may touch is then
    decided per record by its region (`_require_office_of`, `_changeable`)."""
    if not scope_of(actor).is_office:
        raise PermissionDenied(_("Hanya staf dinas yang dapat mengelola kepesertaan BPJS."))


def _require_office_of(actor: Any, region_id: int) -> None:
    if not scope_of(actor).is_office_of(region_id):
        raise PermissionDenied(
            _("Hanya staf dinas wilayah ini yang dapat mengelola kepesertaan BPJS.")
        )


def _changeable(actor: Any, model: type[Coverage] | type[Incident]) -> Any:
    """The records of `model` the actor may change: their own region's as office staff,
    whatever other roles they hold elsewhere (never `for_actor`, which also gives company
    HR their interns' cover and a person their own)."""
    return policy_for(model).permitted(actor, "change", model.objects.all())

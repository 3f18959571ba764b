"""Referring matched candidates to a vacancy, and what a referral's outcome does to it.

The office refers people from a vacancy's match list with placement's own referral
(`placement.referrals.referral_create`: the referral letter, the seat under the formation's
lock, outcome tracking). A vacancy without a formation first becomes a job formation
(`services.vacancy_formation_create`), opened at once. When a referral to a vacancy's
formation is recorded as hired (placement emits ``placement.referral.status_changed`` in
its transaction), one more opening of the vacancy is recorded as filled, in that same
transaction; placement itself closes the person's AK/1 card."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.employers.models import Formation
from jejaring.placement.formations import formation_publish
from jejaring.placement.models import Referral
from jejaring.placement.referrals import referral_create
from jejaring.trainees.models import Person
from jejaring.training.models import Vocation
from jejaring.vacancies import audit_actions, services
from jejaring.vacancies.matches import opening_of, require_office
from jejaring.vacancies.models import FILLABLE, Vacancy

#: The most people one referral action may send (a page of the match list).
MAX_REFER = 50


def vacancy_refer(*, actor: Any, vacancy: Vacancy, person_ids: list[int]) -> list[Referral]:
    """Refer the chosen people to a published vacancy, each with a referral letter; all of
    them or none (a full quota or a person already referred refuses the whole action).
    Office staff of the vacancy's region only."""
    require_office(actor, vacancy)
    ids = list(dict.fromkeys(int(pk) for pk in person_ids))
    if not ids:
        raise ValidationError(
            _("Pilih sedikitnya satu orang."), code="nobody_chosen", field="person_ids"
        )
    if len(ids) > MAX_REFER:
        raise ValidationError(
            _("Paling banyak %(max)d orang sekali salur.") % {"max": MAX_REFER},
            code="too_many",
            field="person_ids",
        )
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids, region_id=vacancy.region_id)}
    if len(people) != len(ids):
        raise NotFound(_("Orang tidak ditemukan."), code="person_not_found")
    with transaction.atomic():
        locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
        if locked.status != Vacancy.Status.PUBLISHED:
            raise InvalidTransition(
                _("Hanya lowongan yang tayang yang dapat disalurkan."), code="not_published"
            )
        formation = (
            Formation.objects.get(pk=locked.formation_id)
            if locked.formation_id
            else _open_formation(actor, locked)
        )
        referrals = [
            referral_create(actor=actor, formation=formation, person=people[pk]) for pk in ids
        ]
        audit.record(
            actor=actor,
            action=audit_actions.VACANCY_REFER,
            target=locked,
            changes={"referrals": [r.pk for r in referrals], "formation": formation.pk},
        )
    return referrals


def _open_formation(actor: Any, vacancy: Vacancy) -> Formation:
    """The vacancy's job formation, created and opened, listing the vocations that fit it
    (every vocation when none is known to)."""
    codes = opening_of(vacancy).vocation_codes
    vocation_ids = list(Vocation.objects.filter(code__in=codes).values_list("pk", flat=True))
    formation = services.vacancy_formation_create(
        actor=actor,
        vacancy=vacancy,
        vocation_ids=vocation_ids,
        accepts_all_vocations=not vocation_ids,
    )
    return formation_publish(actor=actor, formation=formation)


def referral_status_changed(*, actor: Any, obj: Referral, before: str, **kwargs: Any) -> None:
    """placement.referral.status_changed: a hire through a vacancy's formation fills one
    of its openings. A vacancy with none left (HR already counted the hire by hand) is
    left as it is rather than refusing the hire, which is a fact."""
    if obj.status != Referral.Status.HIRED or before == Referral.Status.HIRED:
        return
    vacancy = Vacancy.objects.select_for_update().filter(formation_id=obj.formation_id).first()
    if vacancy is None or vacancy.status not in FILLABLE or vacancy.open_positions < 1:
        return
    services.vacancy_fill_record(
        actor=actor,
        vacancy=vacancy,
        count=1,
        note=_("Penyaluran %(letter)s diangkat") % {"letter": obj.letter_number or obj.pk},
    )

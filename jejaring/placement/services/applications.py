"""Applications with ranked choices: who may apply, with which graduation, and the
eligibility verdicts of their choices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.employers.models import Formation
from jejaring.placement import audit_actions, eligibility
from jejaring.placement.models import (
    AllocationRound,
    Application,
    ApplicationChoice,
    RoundFormation,
)
from jejaring.placement.services.rounds import S
from jejaring.trainees.models import Person
from jejaring.training.models import Enrolment


def qualifying_enrolment(person: Person) -> Enrolment | None:
    """The person's latest graduation, if they also took a competency test."""
    from jejaring.assessment.models import Candidate

    if not Candidate.objects.filter(person=person, status=Candidate.Status.ASSESSED).exists():
        return None
    return (
        Enrolment.objects.filter(person=person, status=Enrolment.Status.GRADUATED)
        .order_by("-graduated_on", "-pk")
        .first()
    )


def applicant_problem(person: Person) -> str:
    """Why the person may not apply at all ("" when they may)."""
    from jejaring.assessment.models import Candidate

    if not Enrolment.objects.filter(person=person, status=Enrolment.Status.GRADUATED).exists():
        return _("Anda belum lulus dari pelatihan; yang dapat melamar adalah lulusan dan alumni.")
    if not Candidate.objects.filter(person=person, status=Candidate.Status.ASSESSED).exists():
        return _("Anda belum mengikuti uji kompetensi; hasil uji dipakai untuk menentukan urutan.")
    return ""


def verdicts_for(person: Person, formation_ids: Sequence[int]) -> dict[int, eligibility.Verdict]:
    """The verdict on each formation for one person (same rules as when the round closes)."""
    competencies = eligibility.competencies_of([person.pk]).get(person.pk, {})
    held = eligibility.held_internships_of([person.pk]).get(person.pk, [])
    applicant = eligibility.Applicant(person.pk, person.birth_date, person.education, competencies)
    rules = eligibility.RulesCache()
    today = timezone.localdate()
    return {
        fid: eligibility.judge(applicant, facts, today=today, held=held, rules=rules)
        for fid, facts in eligibility.formation_facts(formation_ids).items()
    }


def application_submit(
    *, actor: Any, rnd: AllocationRound, formation_ids: Sequence[int]
) -> Application:
    """Submit (or change, while the round is open) the actor's own ranked choices."""
    scope = scope_of(actor)
    if scope.person_id is None:
        raise NotFound(_("Putaran penyaluran tidak ditemukan."))
    person = Person.objects.get(pk=scope.person_id)
    if rnd.status != S.OPEN:
        raise InvalidTransition(_("Putaran ini tidak sedang menerima lamaran."))
    ids = [int(f) for f in formation_ids]
    if not ids:
        raise ValidationError(
            _("Pilih sedikitnya satu formasi."), code="no_choices", field="choices"
        )
    if len(ids) > rnd.max_choices:
        raise ValidationError(
            _("Paling banyak %(n)d pilihan pada putaran ini.") % {"n": rnd.max_choices},
            code="too_many_choices",
            field="choices",
        )
    if len(set(ids)) != len(ids):
        raise ValidationError(
            _("Formasi yang sama dipilih lebih dari sekali."),
            code="duplicate_choice",
            field="choices",
        )
    in_round = set(
        RoundFormation.objects.filter(round=rnd, formation_id__in=ids).values_list(
            "formation_id", flat=True
        )
    )
    if in_round != set(ids):
        raise ValidationError(
            _("Formasi yang dipilih bukan bagian dari putaran ini."),
            code="unknown_formation",
            field="choices",
        )
    problem = applicant_problem(person)
    if problem:
        raise ValidationError(problem, code="not_eligible_to_apply")
    verdicts = verdicts_for(person, ids)
    formations = {f.pk: f for f in Formation.objects.filter(pk__in=ids).select_related("company")}
    refused = [(formations[fid], verdicts[fid].reason) for fid in ids if verdicts[fid].reason]
    if refused:
        raise ValidationError(
            "; ".join(
                f"{f.title} ({f.company.name}): {eligibility.reason_message(code, f)}"
                for f, code in refused
            ),
            code="ineligible_choice",
            field="choices",
            detail={"formations": {str(f.pk): code for f, code in refused}},
        )
    enrolment = qualifying_enrolment(person)
    assert enrolment is not None
    with transaction.atomic():
        AllocationRound.objects.select_for_update().get(pk=rnd.pk)
        application, created = Application.objects.get_or_create(
            round=rnd,
            person=person,
            defaults={
                "region_id": rnd.region_id,
                "enrolment": enrolment,
                "status": Application.Status.SUBMITTED,
                "submitted_at": timezone.now(),
            },
        )
        before = list(application.choices.values_list("formation_id", flat=True))
        application.choices.all().delete()
        ApplicationChoice.objects.bulk_create(
            [
                ApplicationChoice(
                    application=application,
                    formation_id=fid,
                    rank=rank,
                    eligible=True,
                    priority=verdicts[fid].priority,
                    tested_on=verdicts[fid].tested_on,
                )
                for rank, fid in enumerate(ids, start=1)
            ]
        )
        if not created:
            application.status = Application.Status.SUBMITTED
            application.submitted_at = timezone.now()
            application.enrolment = enrolment
            application.save(update_fields=["status", "submitted_at", "enrolment"])
        audit.record(
            actor=actor,
            action=audit_actions.APPLICATION_SUBMIT,
            target=application,
            changes={"choices": [before, ids]},
        )
    return application


def application_withdraw(*, actor: Any, application: Application) -> Application:
    if scope_of(actor).person_id != application.person_id:
        raise NotFound(_("Lamaran tidak ditemukan."))
    with transaction.atomic():
        rnd = AllocationRound.objects.select_for_update().get(pk=application.round_id)
        if rnd.status != S.OPEN:
            raise InvalidTransition(_("Lamaran hanya dapat ditarik selama putaran dibuka."))
        before = application.status
        application.status = Application.Status.WITHDRAWN
        application.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action=audit_actions.APPLICATION_WITHDRAW,
            target=application,
            changes={"status": [before, application.status]},
        )
    return application

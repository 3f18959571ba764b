"""The rules of domestic internship (Permenaker 6/2020) that depend on referrals: who may
start an internship and how many interns a company may still take.

Placement calls `internship_rule_problems` to decide whether a person may be referred to
an internship formation and to explain a refusal; the numbers come from the
`InternshipRuleSet` in force on the day, never from constants here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from jejaring.core.dates import age_on
from jejaring.employers.models import Formation
from jejaring.internships.formation_links import program_id_of
from jejaring.internships.rules import internship_rules_on
from jejaring.placement.models import Referral

if TYPE_CHECKING:
    from jejaring.trainees.models import Person


def internship_rule_problems(*, person: Person, formation: Formation, on: date) -> list[str]:
    """Translated reasons why `person` may not (or only with conditions) start an
    internship in `formation` on `on`; empty when the rules hold or it is a job.

    - under the rule set's minimum age: a refusal;
    - at least the minimum age but below `parental_consent_below_age` (17 under
      Permenaker 6/2020): a flag, not a refusal — written parental consent is recorded
      on the internship agreement;
    - an earlier internship the person started in the same program or position: the
      same internship program, or the same company and formation title
      (case-insensitive), or the same company and one of the same vocations.
    """
    if formation.kind != Formation.Kind.INTERNSHIP:
        return []
    # Once started, an internship counts as held: a second one in the same program or
    # position is not allowed.
    held = (Referral.Status.STARTED, Referral.Status.COMPLETED, Referral.Status.HIRED)
    rules = internship_rules_on(on)
    problems: list[str] = []
    age = age_on(person.birth_date, on)
    if age < rules.min_age:
        problems.append(
            _("Usia %(age)d tahun, di bawah usia minimal pemagangan %(min)d tahun.")
            % {"age": age, "min": rules.min_age}
        )
    elif age < rules.parental_consent_below_age:
        problems.append(
            _("Usia %(age)d tahun: perlu izin tertulis orang tua/wali pada perjanjian pemagangan.")
            % {"age": age}
        )

    same_position = Q(formation__company_id=formation.company_id) & (
        Q(formation__title__iexact=formation.title)
        | Q(formation__vocations__in=formation.vocations.all())
    )
    program_id = program_id_of(formation)
    if program_id:
        same_position |= Q(formation__program_link__program_id=program_id)
    earlier = (
        Referral.objects.filter(
            same_position,
            person=person,
            formation__kind=Formation.Kind.INTERNSHIP,
            status__in=held,
        )
        .exclude(formation_id=formation.pk)
        .exists()
    )
    if earlier:
        problems.append(
            _(
                "Pernah magang pada program atau jabatan yang sama; "
                "pemagangan kedua tidak diizinkan."
            )
        )
    return problems


def internship_seats_left(*, company_id: int, workforce_size: int, on: date) -> int:
    """How many more internship seats the company may offer on `on`: the rule set's share
    of its workforce (rounded down) less the quota of its open internship formations and
    the interns currently in an internship."""
    rules = internship_rules_on(on)
    cap = int(workforce_size * rules.max_intern_pct_of_workforce // 100)
    offered = (
        Formation.objects.filter(
            company_id=company_id,
            kind=Formation.Kind.INTERNSHIP,
            status=Formation.Status.OPEN,
        ).aggregate(total=Sum("quota"))["total"]
        or 0
    )
    interning = Referral.objects.filter(
        company_id=company_id,
        formation__kind=Formation.Kind.INTERNSHIP,
        status=Referral.Status.STARTED,
    ).count()
    return cap - offered - interning

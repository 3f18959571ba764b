"""Who may be placed in which formation, decided in bulk for a whole round.

A person may apply once they graduated from a training batch and took the competency
test. Whether they may be placed in one formation is decided per choice, in this order,
and the first failing rule is the reason shown to them (stored as a stable code):

1. ``no_assessment`` — no competency test result at all;
2. ``vocation`` — no test result in a vocation the formation accepts;
3. ``not_competent`` — the formation asks for Kompeten and no test in its vocations was K;
4. ``score_below_minimum`` — the best score in its vocations is below its minimum score;
5. ``education`` — below its minimum education;
6. ``age`` — outside its age range on the formation's start date (today if it has none);
7. for internships, the rules of domestic internship in force on that date
   (``employers.rules``): ``internship_age`` — under the minimum age;
   ``internship_repeat`` — an earlier internship in the same program or position;
   ``internship_rules_missing`` — no rule set configured for that date.

The priority of an eligible choice is the person's best competency score in the
formation's vocations (the same measure as ``assessment.selectors.competency_score_for``,
read here for all vocations in one query). Ties are broken by the earlier date of that
vocation's first competency test (who qualified first waits least), then by the round's
seeded lottery (``lottery_number``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _

from jejaring.assessment.models import Candidate
from jejaring.core.dates import age_on
from jejaring.core.errors import NotFound
from jejaring.core.numbers import format_number
from jejaring.employers.models import Formation
from jejaring.internships.rules import internship_rules_on
from jejaring.placement import bulk
from jejaring.trainees.models import EDUCATION_RANK, Education


@dataclass(frozen=True)
class Competency:
    """One person's best competency result in one vocation."""

    score: Decimal
    competent: bool
    first_tested_on: date | None


@dataclass(frozen=True)
class Applicant:
    person_id: int
    birth_date: date
    education: str
    competencies: dict[int, Competency]


@dataclass(frozen=True)
class FormationFacts:
    id: int
    kind: str
    title: str
    company_id: int
    program_id: int | None
    accepts_all: bool
    vocation_ids: frozenset[int]
    min_result: str
    min_score: Decimal | None
    min_age: int | None
    max_age: int | None
    min_education: str
    period_start: date | None

    @property
    def rules_key(self) -> tuple[Any, ...]:
        """Every fact of the formation that `judge` reads for someone who holds no
        internship: all of them but its identity (id, title, company, program), which only
        the internship-repeat rule compares with the internships a person held. Formations
        with equal keys give such a person the same verdict."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.name not in _IDENTITY_FACTS)


_IDENTITY_FACTS = frozenset({"id", "title", "company_id", "program_id"})


@dataclass(frozen=True)
class Verdict:
    reason: str  # "" when eligible
    priority: Decimal | None = None
    tested_on: date | None = None


@dataclass(frozen=True)
class HeldInternship:
    formation_id: int
    company_id: int
    title: str
    program_id: int | None
    vocation_ids: frozenset[int]


def formation_facts(formation_ids: Iterable[int]) -> dict[int, FormationFacts]:
    """Two queries for any number of formations."""
    ids = list(formation_ids)
    vocations: dict[int, set[int]] = defaultdict(set)
    for fid, vid in Formation.vocations.through.objects.filter(formation_id__in=ids).values_list(
        "formation_id", "vocation_id"
    ):
        vocations[fid].add(vid)
    facts = {}
    for row in Formation.objects.filter(pk__in=ids).values(
        "id",
        "kind",
        "title",
        "company_id",
        "program_link__program",
        "accepts_all_vocations",
        "min_result",
        "min_score",
        "min_age",
        "max_age",
        "min_education",
        "period_start",
    ):
        facts[row["id"]] = FormationFacts(
            id=row["id"],
            kind=row["kind"],
            title=row["title"],
            company_id=row["company_id"],
            program_id=row["program_link__program"],
            accepts_all=row["accepts_all_vocations"],
            vocation_ids=frozenset(vocations[row["id"]]),
            min_result=row["min_result"],
            min_score=row["min_score"],
            min_age=row["min_age"],
            max_age=row["max_age"],
            min_education=row["min_education"],
            period_start=row["period_start"],
        )
    return facts


def competencies_of(person_ids: Any) -> dict[int, dict[int, Competency]]:
    """Best score, whether ever K, and first test date, per person and vocation: one query.
    `person_ids` may be a list or a subquery."""
    rows = (
        Candidate.objects.filter(
            person_id__in=person_ids, status=Candidate.Status.ASSESSED, score__isnull=False
        )
        .values("person_id", "session__scheme__vocation_id")
        .annotate(
            best=Max("score"),
            k=Count("pk", filter=Q(result=Candidate.Result.COMPETENT)),
            first=Min("assessed_on"),
        )
        .values_list("person_id", "session__scheme__vocation_id", "best", "k", "first")
    )
    out: dict[int, dict[int, Competency]] = defaultdict(dict)
    for person_id, vocation_id, best, k, first in bulk.fetch(rows):
        out[person_id][vocation_id] = Competency(score=best, competent=k > 0, first_tested_on=first)
    return out


def held_internships_of(person_ids: Any) -> dict[int, list[HeldInternship]]:
    """Internships each person started (started, completed or hired): two queries."""
    from jejaring.placement.models import Referral

    rows = list(
        Referral.objects.filter(
            person_id__in=person_ids,
            formation__kind=Formation.Kind.INTERNSHIP,
            status__in=(Referral.Status.STARTED, Referral.Status.COMPLETED, Referral.Status.HIRED),
        ).values_list(
            "person_id",
            "formation_id",
            "formation__company_id",
            "formation__title",
            "formation__program_link__program",
        )
    )
    vocations: dict[int, set[int]] = defaultdict(set)
    if rows:
        for fid, vid in Formation.vocations.through.objects.filter(
            formation_id__in={r[1] for r in rows}
        ).values_list("formation_id", "vocation_id"):
            vocations[fid].add(vid)
    out: dict[int, list[HeldInternship]] = defaultdict(list)
    for person_id, fid, company_id, title, program_id in rows:
        out[person_id].append(
            HeldInternship(fid, company_id, title, program_id, frozenset(vocations[fid]))
        )
    return out


class RulesCache:
    """The internship rule set per date, read once per date."""

    def __init__(self) -> None:
        self._rules: dict[date, Any] = {}

    def on(self, day: date) -> Any:
        if day not in self._rules:
            try:
                self._rules[day] = internship_rules_on(day)
            except NotFound:
                self._rules[day] = None
        return self._rules[day]


def judge(
    applicant: Applicant,
    formation: FormationFacts,
    *,
    today: date,
    held: list[HeldInternship],
    rules: RulesCache,
) -> Verdict:
    """The verdict on one choice: the first failing rule (module docstring), or eligible
    with its priority and tie-break date."""
    competencies = applicant.competencies
    if not competencies:
        return Verdict("no_assessment")
    if len(competencies) == 1:  # the usual case, kept cheap: rounds judge every choice
        ((vid, best),) = competencies.items()
        if not (formation.accepts_all or vid in formation.vocation_ids):
            return Verdict("vocation")
        competent = best.competent
    else:
        relevant = [
            c
            for vid, c in competencies.items()
            if formation.accepts_all or vid in formation.vocation_ids
        ]
        if not relevant:
            return Verdict("vocation")
        competent = any(c.competent for c in relevant)
        best = max(relevant, key=lambda c: (c.score, -(c.first_tested_on or date.max).toordinal()))
    if formation.min_result == Formation.MinimumResult.COMPETENT and not competent:
        return Verdict("not_competent")
    if formation.min_score is not None and best.score < formation.min_score:
        return Verdict("score_below_minimum")
    if formation.min_education and EDUCATION_RANK.get(applicant.education, 0) < (
        EDUCATION_RANK.get(formation.min_education, 0)
    ):
        return Verdict("education")
    on = formation.period_start or today
    internship = formation.kind == Formation.Kind.INTERNSHIP
    if formation.min_age is None and formation.max_age is None and not internship:
        return Verdict("", priority=best.score, tested_on=best.first_tested_on)
    age = age_on(applicant.birth_date, on)
    if (formation.min_age is not None and age < formation.min_age) or (
        formation.max_age is not None and age > formation.max_age
    ):
        return Verdict("age")
    if formation.kind == Formation.Kind.INTERNSHIP:
        rule_set = rules.on(on)
        if rule_set is None:
            return Verdict("internship_rules_missing")
        if age < rule_set.min_age:
            return Verdict("internship_age")
        for earlier in held:
            if earlier.formation_id == formation.id:
                continue
            same_program = formation.program_id is not None and (
                earlier.program_id == formation.program_id
            )
            same_position = earlier.company_id == formation.company_id and (
                earlier.title.lower() == formation.title.lower()
                or bool(earlier.vocation_ids & formation.vocation_ids)
            )
            if same_program or same_position:
                return Verdict("internship_repeat")
    return Verdict("", priority=best.score, tested_on=best.first_tested_on)


def lottery_number(seed: int, application_id: int) -> int:
    """The application's lottery number in a round: a pure function of the round's stored
    seed and the application, so the draw is reproduced without being stored per row."""
    digest = hashlib.blake2b(f"{seed}:{application_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def reason_message(code: str, formation: Any = None) -> str:
    """The reason, in words, why a person may not be placed in `formation`."""
    f = formation
    if code == "no_assessment":
        return _("Anda belum memiliki hasil uji kompetensi.")
    if code == "vocation":
        return _("Formasi ini tidak menerima kejuruan yang sudah Anda ujikan.")
    if code == "not_competent":
        return _("Formasi ini mensyaratkan hasil uji Kompeten pada kejuruannya.")
    if code == "score_below_minimum":
        if f is not None and f.min_score is not None:
            return _("Nilai uji kompetensi Anda di bawah nilai minimal formasi (%(min)s).") % {
                "min": format_number(f.min_score, None)
            }
        return _("Nilai uji kompetensi Anda di bawah nilai minimal formasi.")
    if code == "education":
        if f is not None and f.min_education:
            return _("Formasi ini mensyaratkan pendidikan minimal %(education)s.") % {
                "education": Education(f.min_education).label
            }
        return _("Pendidikan Anda di bawah syarat minimal formasi.")
    if code == "age":
        low = getattr(f, "min_age", None)
        high = getattr(f, "max_age", None)
        return _("Usia Anda di luar batas usia formasi (%(low)s–%(high)s tahun).") % {
            "low": low if low is not None else "-",
            "high": high if high is not None else "-",
        }
    if code == "internship_age":
        return _("Usia Anda di bawah usia minimal pemagangan.")
    if code == "internship_repeat":
        return _(
            "Anda pernah magang pada program atau jabatan yang sama; pemagangan kedua tidak "
            "diizinkan."
        )
    if code == "internship_rules_missing":
        return _("Aturan pemagangan untuk tanggal mulai formasi ini belum diatur dinas.")
    if code == "company_not_ranked":
        return _("Perusahaan tidak mencantumkan Anda dalam peringkat pelamarnya.")
    if code == "formation_closed":
        return _("Formasi ini sudah tidak dibuka.")
    return _("Tidak memenuhi syarat.")

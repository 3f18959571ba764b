"""Reads of matching: the candidates for a vacancy and the vacancies suggested to a job
seeker, each with its explained points. The database is read in a fixed number of
set-based queries (never one per candidate or per vacancy); the scoring is
`jejaring.vacancies.matching`.

Candidates for a vacancy are people registered with the vacancy's office (the region a
referral letter is written in) who hold an active AK/1 card valid today, or who graduated
from a training, or were assessed Kompeten, in a vocation fitting the vacancy. Graduates
without an active card who already work through a referral, or whose card closed as
hired, are left out. Only the office of the vacancy's region sees them.

The vacancies suggested to a card holder are published, still open, with positions left,
reported to the card's office or placed in the holder's regency (a published vacancy
has positions left: it becomes "filled" when none is)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q
from django.utils.translation import gettext as _

from jejaring.assessment.models import Candidate
from jejaring.core.errors import NotFound
from jejaring.core.masking import mask_nik
from jejaring.core.policies import policy_for
from jejaring.employers.models import Formation
from jejaring.jobseekers.models import CardStatus, JobSeekerCard, JobSeekerReport
from jejaring.jobseekers.selectors import active_cards_in
from jejaring.placement.models import Referral
from jejaring.trainees.models import EDUCATION_RANK, Education, Person
from jejaring.training.models import Enrolment
from jejaring.vacancies import matching
from jejaring.vacancies.matching import Opening, Reason, Seeker, Training
from jejaring.vacancies.models import Vacancy
from jejaring.vacancies.selectors import open_vacancies

#: How many candidates the match list shows, and how many vacancies a job seeker is shown.
MATCH_LIMIT = 50
SUGGEST_LIMIT = 10
#: A referral in these statuses means the person already works (or interns) through it.
WORKING = (Referral.Status.STARTED, Referral.Status.COMPLETED, Referral.Status.HIRED)


@cache
def vocation_kbji() -> dict[str, tuple[str, ...]]:
    return matching.load_vocation_kbji()


@dataclass(frozen=True)
class Explained:
    points: int
    text: str


def explain(reasons: tuple[Reason, ...]) -> list[Explained]:
    """The reasons in the active language."""
    return [Explained(r.points, _(r.message) % r.params) for r in reasons]


def _education_label(code: str) -> str:
    return str(Education(code).label) if code in Education.values else code


def opening_of(vacancy: Vacancy, listed: frozenset[str] = frozenset()) -> Opening:
    """The vacancy as the scoring sees it; `listed` are its formation's vocation codes."""
    minimum = vacancy.min_education
    return Opening(
        id=vacancy.pk,
        kbji_code=vacancy.kbji_code,
        min_rank=EDUCATION_RANK.get(minimum),
        min_label=_education_label(minimum),
        regency_code=vacancy.place_regency_code,
        district_code=vacancy.place_district_code,
        vocation_codes=matching.fitting_vocations(vacancy.kbji_code, vocation_kbji(), listed),
    )


def _listed_vocations(formation_ids: list[int]) -> dict[int, frozenset[str]]:
    """Vocation codes each formation lists: one query."""
    found: dict[int, set[str]] = defaultdict(set)
    if formation_ids:
        rows = Formation.vocations.through.objects.filter(
            formation_id__in=formation_ids
        ).values_list("formation_id", "vocation__code")
        for formation_id, code in rows:
            found[formation_id].add(code)
    return {key: frozenset(value) for key, value in found.items()}


def _trainings(person_filter: Q, vocation_codes: Any | None) -> dict[int, list[Training]]:
    """Graduations and Kompeten results per person (two queries), in the vocations given
    (None: every vocation)."""
    graduations = Enrolment.objects.filter(
        person_filter, status=Enrolment.Status.GRADUATED, graduated_on__isnull=False
    )
    competent = Candidate.objects.filter(
        person_filter, status=Candidate.Status.ASSESSED, result=Candidate.Result.COMPETENT
    )
    if vocation_codes is not None:
        graduations = graduations.filter(batch__program__vocation__code__in=vocation_codes)
        competent = competent.filter(session__scheme__vocation__code__in=vocation_codes)
    out: dict[int, list[Training]] = defaultdict(list)
    for person_id, code, name, day in graduations.values_list(
        "person_id",
        "batch__program__vocation__code",
        "batch__program__vocation__name",
        "graduated_on",
    ):
        out[person_id].append(Training(code, name, graduated_on=day))
    for person_id, code, name in competent.values_list(
        "person_id", "session__scheme__vocation__code", "session__scheme__vocation__name"
    ).distinct():
        out[person_id].append(Training(code, name, competent=True))
    return out


# --- candidates for a vacancy --------------------------------------------------------


@dataclass(frozen=True)
class Match:
    person_id: int
    full_name: str
    masked_nik: str
    card_id: int | None
    card_number: str
    is_graduate: bool
    points: int
    reasons: list[Explained]
    #: The person's live referral to the vacancy's formation ("" when none).
    referral_status: str
    referral_label: str

    @property
    def may_refer(self) -> bool:
        return not self.referral_status


def require_office(actor: Any, vacancy: Vacancy) -> None:
    if not policy_for(Vacancy).can(actor, "office", vacancy):
        raise NotFound(_("Lowongan tidak ditemukan."))


def vacancy_matches(
    *, actor: Any, vacancy: Vacancy, today: date, limit: int = MATCH_LIMIT
) -> list[Match]:
    """The best `limit` candidates for the vacancy, best first, each with its reasons;
    office staff of the vacancy's region only (anyone else: NotFound)."""
    require_office(actor, vacancy)
    region_id = vacancy.region_id
    listed = _listed_vocations([vacancy.formation_id] if vacancy.formation_id else [])
    opening = opening_of(vacancy, listed.get(vacancy.formation_id or 0, frozenset()))
    fitting = sorted(opening.vocation_codes)
    in_region = Q(person__region_id=region_id)
    trainings = _trainings(in_region, fitting) if fitting else {}

    cards = active_cards_in(region_ids=[region_id], on=today).filter(in_region)
    if opening.min_rank is not None:
        cards = cards.filter(
            education__in=[c for c, r in EDUCATION_RANK.items() if r >= opening.min_rank]
        )
    work = Q(occupation_code__startswith=vacancy.kbji_code[:1]) & ~Q(occupation_code="")
    cards = cards.filter(work | Q(person_id__in=list(trainings)))
    card_rows = {
        row["person_id"]: row
        for row in cards.values(
            "id", "number", "person_id", "education", "occupation_code", "issued_on"
        ).annotate(last_report=Max("reports__reported_on"))
    }
    people = (
        Person.objects.filter(pk__in=set(card_rows) | set(trainings))
        .annotate(
            working=Exists(Referral.objects.filter(person_id=OuterRef("pk"), status__in=WORKING))
            | Exists(
                JobSeekerCard.objects.filter(person_id=OuterRef("pk"), status=CardStatus.HIRED)
            )
        )
        .values(
            "id",
            "full_name",
            "nik",
            "education",
            "domicile_regency_code",
            "domicile_district_code",
            "working",
        )
    )
    seekers, names = [], {}
    for person in people:
        card = card_rows.get(person["id"])
        if card is None and person["working"]:
            continue
        education = card["education"] if card else person["education"]
        active_on = None
        if card:
            active_on = max(d for d in (card["issued_on"], card["last_report"]) if d)
        seekers.append(
            Seeker(
                person_id=person["id"],
                education_rank=EDUCATION_RANK.get(education, -1),
                education_label=_education_label(education),
                occupation_code=card["occupation_code"] if card else "",
                regency_code=person["domicile_regency_code"],
                district_code=person["domicile_district_code"],
                trainings=tuple(trainings.get(person["id"], ())),
                card_active_on=active_on,
            )
        )
        names[person["id"]] = person
    ranked = matching.rank(opening, seekers, today=today, limit=limit)
    referred: dict[int, str] = {}
    if vacancy.formation_id and ranked:
        referred = dict(
            Referral.objects.filter(
                formation_id=vacancy.formation_id,
                person_id__in=[s.person_id for s in ranked],
                status__in=Referral.ACTIVE,
            ).values_list("person_id", "status")
        )
    matches = []
    for suggestion in ranked:
        person = names[suggestion.person_id]
        card = card_rows.get(suggestion.person_id)
        status = referred.get(suggestion.person_id, "")
        matches.append(
            Match(
                person_id=suggestion.person_id,
                full_name=person["full_name"],
                masked_nik=mask_nik(person["nik"]),
                card_id=card["id"] if card else None,
                card_number=card["number"] if card else "",
                is_graduate=bool(trainings.get(suggestion.person_id)),
                points=suggestion.points,
                reasons=explain(suggestion.reasons),
                referral_status=status,
                referral_label=str(Referral.Status(status).label) if status else "",
            )
        )
    return matches


# --- vacancies for a job seeker -------------------------------------------------------


@dataclass(frozen=True)
class VacancySuggestion:
    vacancy: Vacancy
    points: int
    reasons: list[Explained]


def card_suggestions(
    *, card: JobSeekerCard, today: date, limit: int = SUGGEST_LIMIT
) -> list[VacancySuggestion]:
    """Vacancies suggested to the holder of an active card, best first, with reasons.
    The caller has read the card through a scoped selector (`card_get_for`,
    `own_card_list`); an inactive card gets none."""
    if card.status != CardStatus.ACTIVE:
        return []
    person = card.person
    vacancies = list(
        open_vacancies(today=today, education=card.education).filter(
            Q(region_id=card.region_id)
            | Q(place_regency_code=person.domicile_regency_code or card.region.code)
        )
    )
    if not vacancies:
        return []
    listed = _listed_vocations([v.formation_id for v in vacancies if v.formation_id])
    last_report = JobSeekerReport.objects.filter(card=card).aggregate(last=Max("reported_on"))
    active_on = max(d for d in (card.issued_on, last_report["last"]) if d)
    seeker = Seeker(
        person_id=person.pk,
        education_rank=EDUCATION_RANK.get(card.education, -1),
        education_label=_education_label(card.education),
        occupation_code=card.occupation_code,
        regency_code=person.domicile_regency_code,
        district_code=person.domicile_district_code,
        trainings=tuple(_trainings(Q(person_id=person.pk), None).get(person.pk, ())),
        card_active_on=active_on,
    )
    by_id = {v.pk: v for v in vacancies}
    openings = [opening_of(v, listed.get(v.formation_id or 0, frozenset())) for v in vacancies]
    return [
        VacancySuggestion(by_id[s.opening_id], s.points, explain(s.reasons))
        for s in matching.rank_openings(seeker, openings, today=today, limit=limit)
    ]

"""Matching job seekers and graduates with vacancies: the scoring, pure Python (no Django),
so the office's match list, a job seeker's suggested vacancies, the API and the command
line share one rule (``python -m jejaring.vacancies.matching example.json``).

A candidate is a person with an active AK/1 card or a training graduate (or both); what
the database holds about them arrives as a `Seeker`, the vacancy as an `Opening`. The
score is a sum of points, each with its reason, so every suggestion explains itself:

============  =====================================================================  ======
fact          rule                                                                   points
============  =====================================================================  ======
education     below the vacancy's minimum: **not suggested**                         —
              reaches the minimum                                                     20
              the vacancy asks no minimum                                             10
occupation    the KBJI code of the job wanted shares with the vacancy's code its      30/22/
              first 4 / 3 / 2 / 1 digits (same unit / minor / sub-major / major        14/6
              group)
vocation      graduated from a training in a vocation that fits the vacancy          25
competency    assessed Kompeten (K) in a vocation that fits the vacancy              20
place         domicile in the vacancy's district (kecamatan)                         15
              … or else in its regency or city                                       10
recency       card issued or reported, or training graduated, at most 90 / 180 /     10/6/3
              365 days ago (the most recent of them)
============  =====================================================================  ======

A candidate must fit the work itself — some occupation or vocation points — to be
suggested at all: education, place and recency alone say nothing about the job.

A vocation *fits* a vacancy when the vacancy's formation lists it, or when one of the
KBJI codes the vocation prepares for (``data/matching/vocation_kbji.csv``) and the
vacancy's code share at least their first three digits (the KBJI minor group).

Reason texts are Indonesian templates marked for translation; the Django side translates
them (``gettext(reason.message) % reason.params``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

VOCATION_KBJI_FILE = Path(__file__).resolve().parent / "data" / "matching" / "vocation_kbji.csv"

EDUCATION_MEETS, EDUCATION_ANY = 20, 10
OCCUPATION_POINTS = {4: 30, 3: 22, 2: 14, 1: 6}
VOCATION_GRADUATE, VOCATION_COMPETENT = 25, 20
PLACE_DISTRICT, PLACE_REGENCY = 15, 10
RECENCY_POINTS = ((90, 10), (180, 6), (365, 3))
#: The KBJI digits a vocation's code and a vacancy's code must share (the minor group).
VOCATION_PREFIX = 3


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogue (xgettext knows the name); translated later."""
    return message


@dataclass(frozen=True)
class Opening:
    """A vacancy as matching sees it. `min_rank` is the rank of its minimum education
    (None: no minimum); `vocation_codes` are the vocations its formation lists."""

    id: int
    kbji_code: str
    min_rank: int | None
    min_label: str
    regency_code: str
    district_code: str = ""
    vocation_codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Training:
    """What a person did in one vocation: graduated from its training (the date) and/or
    was assessed (`competent`: True for K, False for BK, None when never assessed)."""

    vocation_code: str
    vocation_name: str
    graduated_on: date | None = None
    competent: bool | None = None


@dataclass(frozen=True)
class Seeker:
    person_id: int
    education_rank: int
    education_label: str
    occupation_code: str = ""
    regency_code: str = ""
    district_code: str = ""
    trainings: tuple[Training, ...] = ()
    #: The later of the card's issue and its last six-monthly report (None: no card).
    card_active_on: date | None = None


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    message: str
    params: Mapping[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    opening_id: int
    points: int
    reasons: tuple[Reason, ...]
    last_active_on: date | None


def load_vocation_kbji(path: Path = VOCATION_KBJI_FILE) -> dict[str, tuple[str, ...]]:
    """vocation code -> the KBJI codes it prepares for."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["vocation_code"].strip(): tuple(row["kbji_codes"].split())
            for row in csv.DictReader(handle)
        }


def vocation_fits(kbji_codes: Iterable[str], vacancy_code: str) -> bool:
    """Whether a vocation preparing for `kbji_codes` fits a vacancy of `vacancy_code`."""
    return any(
        _shared(code, vacancy_code) >= VOCATION_PREFIX
        for code in kbji_codes
        if len(code) >= VOCATION_PREFIX and len(vacancy_code) >= VOCATION_PREFIX
    )


def fitting_vocations(
    vacancy_code: str, mapping: Mapping[str, Sequence[str]], listed: Iterable[str] = ()
) -> frozenset[str]:
    """The vocations fitting a vacancy: those its formation lists and those the mapping
    ties to its occupation."""
    mapped = {code for code, kbji in mapping.items() if vocation_fits(kbji, vacancy_code)}
    return frozenset(mapped | set(listed))


def _shared(a: str, b: str) -> int:
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y or not x.isdigit():
            break
        shared += 1
    return shared


def score(opening: Opening, seeker: Seeker, *, today: date) -> Suggestion | None:
    """The points and reasons of one candidate for one vacancy, or None when they are
    not to be suggested (below the minimum education, or nothing of the work fits)."""
    reasons: list[Reason] = []
    if opening.min_rank is None:
        reasons.append(
            Reason(
                "education",
                EDUCATION_ANY,
                gettext_noop("Pendidikan %(education)s; lowongan tanpa syarat pendidikan"),
                {"education": seeker.education_label},
            )
        )
    elif seeker.education_rank >= opening.min_rank:
        reasons.append(
            Reason(
                "education",
                EDUCATION_MEETS,
                gettext_noop("Pendidikan %(education)s memenuhi syarat minimal %(minimum)s"),
                {"education": seeker.education_label, "minimum": opening.min_label},
            )
        )
    else:
        return None
    fits_work = False
    shared = _shared(seeker.occupation_code, opening.kbji_code)
    if shared:
        fits_work = True
        messages = {
            4: gettext_noop("Jabatan yang diinginkan sama (KBJI %(code)s)"),
            3: gettext_noop("Jabatan yang diinginkan satu golongan (KBJI %(code)s)"),
            2: gettext_noop("Jabatan yang diinginkan satu sub-golongan pokok (KBJI %(code)s)"),
            1: gettext_noop("Jabatan yang diinginkan satu golongan pokok (KBJI %(code)s)"),
        }
        level = min(shared, 4)
        reasons.append(
            Reason(
                "occupation",
                OCCUPATION_POINTS[level],
                messages[level],
                {"code": seeker.occupation_code},
            )
        )
    fitting = [t for t in seeker.trainings if t.vocation_code in opening.vocation_codes]
    graduated = sorted(
        (t for t in fitting if t.graduated_on is not None),
        key=lambda t: t.graduated_on or date.min,
        reverse=True,
    )
    if graduated:
        fits_work = True
        best = graduated[0]
        reasons.append(
            Reason(
                "vocation",
                VOCATION_GRADUATE,
                gettext_noop("Lulus pelatihan kejuruan %(vocation)s"),
                {"vocation": best.vocation_name},
            )
        )
    competent = [t for t in fitting if t.competent]
    if competent:
        fits_work = True
        reasons.append(
            Reason(
                "competency",
                VOCATION_COMPETENT,
                gettext_noop("Kompeten (K) pada uji kompetensi %(vocation)s"),
                {"vocation": competent[0].vocation_name},
            )
        )
    if not fits_work:
        return None
    if seeker.district_code and seeker.district_code == opening.district_code:
        reasons.append(
            Reason(
                "place",
                PLACE_DISTRICT,
                gettext_noop("Berdomisili di kecamatan tempat kerja"),
            )
        )
    elif seeker.regency_code and seeker.regency_code == opening.regency_code:
        reasons.append(
            Reason(
                "place",
                PLACE_REGENCY,
                gettext_noop("Berdomisili di kabupaten/kota tempat kerja"),
            )
        )
    last_graduated = max((t.graduated_on for t in seeker.trainings if t.graduated_on), default=None)
    recency = _recency(seeker.card_active_on, last_graduated, today)
    if recency is not None:
        reasons.append(recency)
    return Suggestion(
        person_id=seeker.person_id,
        opening_id=opening.id,
        points=sum(r.points for r in reasons),
        reasons=tuple(reasons),
        last_active_on=max((d for d in (seeker.card_active_on, last_graduated) if d), default=None),
    )


def _recency(card_on: date | None, graduated_on: date | None, today: date) -> Reason | None:
    candidates = [d for d in (card_on, graduated_on) if d is not None and d <= today]
    if not candidates:
        return None
    latest = max(candidates)
    days = (today - latest).days
    for limit, points in RECENCY_POINTS:
        if days <= limit:
            message = (
                gettext_noop("Kartu AK/1 terbit atau dilaporkan %(days)s hari lalu")
                if latest == card_on
                else gettext_noop("Lulus pelatihan %(days)s hari lalu")
            )
            return Reason("recency", points, message, {"days": days})
    return None


def _order(suggestion: Suggestion) -> tuple[int, int, int]:
    recent = suggestion.last_active_on.toordinal() if suggestion.last_active_on else 0
    return (-suggestion.points, -recent, suggestion.person_id)


def rank(
    opening: Opening, seekers: Iterable[Seeker], *, today: date, limit: int | None = None
) -> list[Suggestion]:
    """The suggested candidates for a vacancy, best first (more points, then the more
    recently active, then the lower person id, so the order is stable)."""
    found = [s for s in (score(opening, seeker, today=today) for seeker in seekers) if s]
    found.sort(key=_order)
    return found[:limit] if limit is not None else found


def rank_openings(
    seeker: Seeker, openings: Iterable[Opening], *, today: date, limit: int | None = None
) -> list[Suggestion]:
    """The vacancies suggested to one person, best first (then the lower vacancy id)."""
    found = [s for s in (score(opening, seeker, today=today) for opening in openings) if s]
    found.sort(key=lambda s: (-s.points, s.opening_id))
    return found[:limit] if limit is not None else found


def main(argv: Sequence[str] | None = None) -> int:
    """Rank the seekers of a JSON file ({"today", "opening", "seekers"}, fields as in the
    dataclasses, dates as ISO strings) and print each with its points and reasons."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m jejaring.vacancies.matching FILE.json", file=sys.stderr)
        return 2
    data = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    raw = data["opening"]
    opening = Opening(**{**raw, "vocation_codes": frozenset(raw.get("vocation_codes", ()))})
    seekers = [
        Seeker(
            **{
                **s,
                "card_active_on": _date(s.get("card_active_on")),
                "trainings": tuple(
                    Training(**{**t, "graduated_on": _date(t.get("graduated_on"))})
                    for t in s.get("trainings", ())
                ),
            }
        )
        for s in data["seekers"]
    ]
    for suggestion in rank(opening, seekers, today=date.fromisoformat(data["today"])):
        print(f"{suggestion.person_id}\t{suggestion.points}")
        for reason in suggestion.reasons:
            print(f"\t+{reason.points}\t{reason.message % reason.params}")
    return 0


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


if __name__ == "__main__":
    raise SystemExit(main())

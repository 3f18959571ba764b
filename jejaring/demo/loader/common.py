"""Shared state and small helpers of the demo loader.

Everything the loader makes is derived from one `random.Random(seed)`, one seeded Faker
and a fixed "today", so two loads with the same seed give the same records.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from faker import Faker

#: The demo's "today": every date in the data is relative to it, never to the clock.
TODAY = date(2026, 11, 23)
TZ = ZoneInfo("Asia/Jakarta")

T = TypeVar("T")


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An aware datetime in Western Indonesian Time on `day`."""
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


def next_monday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


@dataclass
class Ctx:
    """The loader's random sources and the records later steps need from earlier ones."""

    seed: int
    today: date = TODAY
    rng: random.Random = field(init=False)
    fake: Faker = field(init=False)
    holidays: frozenset[date] = frozenset()
    # Filled as the steps run; keys are short, stable names.
    regions: dict[str, Any] = field(default_factory=dict)
    vocations: dict[str, Any] = field(default_factory=dict)
    schemes: dict[str, Any] = field(default_factory=dict)
    scheme_units: dict[int, list[Any]] = field(default_factory=dict)
    lsps: dict[str, Any] = field(default_factory=dict)
    test_sites: dict[str, Any] = field(default_factory=dict)
    assessors: dict[str, list[Any]] = field(default_factory=dict)
    institutions: dict[str, Any] = field(default_factory=dict)
    programs: dict[str, Any] = field(default_factory=dict)
    instructors: dict[tuple[int, str], Any] = field(default_factory=dict)
    institution_key: dict[int, str] = field(default_factory=dict)  # pk -> key
    companies: dict[str, Any] = field(default_factory=dict)
    company_key: dict[int, str] = field(default_factory=dict)  # pk -> key
    company_hires: dict[int, tuple[str, ...]] = field(default_factory=dict)  # pk -> vocations
    internship_programs: dict[str, Any] = field(default_factory=dict)
    partners: dict[str, Any] = field(default_factory=dict)
    # training
    batches: list[Any] = field(default_factory=list)
    batch_state: dict[int, str] = field(default_factory=dict)
    persons: list[Any] = field(default_factory=list)
    enrolments: list[Any] = field(default_factory=list)
    # assessment: enrolment pk -> candidate / training certificate
    candidates: dict[int, Any] = field(default_factory=dict)
    certificates: dict[int, Any] = field(default_factory=dict)
    session_assessors: dict[int, list[Any]] = field(default_factory=dict)  # id(session)
    # placement
    rounds: list[Any] = field(default_factory=list)
    formation_vocation: dict[int, str | None] = field(default_factory=dict)  # id(formation)
    sure_formations: set[int] = field(default_factory=set)  # id(formation): nobody declines
    referrals: list[Any] = field(default_factory=list)
    referral_enrolment: dict[int, Any] = field(default_factory=dict)  # id(referral)
    referral_by_enrolment: dict[int, Any] = field(default_factory=dict)  # enrolment pk
    # outcomes: (region code, year) -> (graduates, absorbed)
    absorption: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.fake = Faker("id_ID")
        self.fake.seed_instance(self.seed)

    # Small random helpers, all on the one seeded generator.
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def weighted(self, options: Sequence[tuple[T, float]]) -> T:
        values = [value for value, _ in options]
        weights = [weight for _, weight in options]
        return self.rng.choices(values, weights=weights, k=1)[0]

    def token(self, bits: int = 128) -> str:
        """A hex token from the seeded generator (deterministic, unlike `secrets`)."""
        return f"{self.rng.getrandbits(bits):0{bits // 4}x}"

    def phone(self) -> str:
        """An Indonesian mobile number in E.164 form."""
        prefix = self.pick(
            [
                "811",
                "812",
                "813",
                "821",
                "822",
                "823",
                "852",
                "853",
                "857",
                "858",
                "877",
                "878",
                "895",
                "896",
                "838",
                "831",
            ]
        )
        digits = "".join(str(self.rng.randrange(10)) for _ in range(self.rng.choice([7, 8])))
        return f"+62{prefix}{digits}"

    def person_name(self, sex: str) -> str:
        """A Javanese-coast-flavoured Indonesian name from Faker's id_ID lists, without the
        academic titles Faker sometimes adds and without Batak/Maluku family names, which
        are rare in Pekalongan and Kudus."""
        male = sex == "M"
        first = self.fake.first_name_male() if male else self.fake.first_name_female()
        style = self.rng.random()
        if style < 0.18:
            return first
        if style < 0.30:
            lead = self.pick(["Muhammad", "Ahmad", "Moh."] if male else ["Siti", "Nur", "Dewi"])
            return f"{lead} {first}"
        while True:
            last = self.fake.last_name_male() if male else self.fake.last_name_female()
            if last not in _UNCOMMON_HERE:
                return f"{first} {last}"

    def days_after(self, day: date, low: int, high: int) -> date:
        return day + timedelta(days=self.rng.randint(low, high))


_UNCOMMON_HERE = frozenset(
    [
        "Damanik",
        "Dongoran",
        "Dabukke",
        "Hutagalung",
        "Hutapea",
        "Hutasoit",
        "Latupono",
        "Mangunsong",
        "Manullang",
        "Marpaung",
        "Marbun",
        "Nainggolan",
        "Nababan",
        "Napitupulu",
        "Siregar",
        "Sihombing",
        "Samosir",
        "Saragih",
        "Sihotang",
        "Simanjuntak",
        "Sinaga",
        "Simbolon",
        "Sitompul",
        "Sitorus",
        "Sirait",
        "Situmorang",
        "Tampubolon",
        "Tamba",
        "Tarihoran",
        "Namaga",
    ]
)

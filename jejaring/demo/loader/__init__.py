"""The Kota Pekalongan demo: realistic, invented records from 2020 to November 2026.

`load_demo()` writes everything in one transaction and is deterministic for a given seed:
all randomness comes from one `random.Random(seed)` and one seeded `Faker("id_ID")`, and
every date is relative to the fixed demo "today", 23 November 2026.

The figures of the news are built in: 16 partner companies (motorcycle workshops, hotels,
garment makers) plus PT Trans Ritel Indonesia (Transmart Pekalongan), which takes every
vocation and employs six graduates; 42.1 % of the 2020 graduates absorbed (80 of 190, see
`jejaring.demo.loader.outcomes` for the definition); 23 BLK packages in 2023; the 2025 DBHCHT
envelope; the garment-machine mechanic that no program trains yet.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

from jejaring.demo.loader.accounts import DEMO_PASSWORD, DemoLogin, demo_logins, load_accounts
from jejaring.demo.loader.assessment import load_assessment
from jejaring.demo.loader.common import TODAY, Ctx
from jejaring.demo.loader.employers import load_employers
from jejaring.demo.loader.enterprise import load_enterprise
from jejaring.demo.loader.jobseekers import load_jobseekers
from jejaring.demo.loader.outcomes import load_outcomes
from jejaring.demo.loader.placement import load_placement
from jejaring.demo.loader.planning import load_planning
from jejaring.demo.loader.reference import load_reference
from jejaring.demo.loader.social_security import load_social_security
from jejaring.demo.loader.training import load_training
from jejaring.demo.loader.vacancies import load_vacancies
from jejaring.demo.loader.vacancy_referrals import load_vacancy_referrals

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_REGION_CODE",
    "TODAY",
    "DemoLogin",
    "DemoSummary",
    "demo_loaded",
    "demo_logins",
    "load_demo",
    "table_counts",
]

#: The demo is considered loaded when this region exists.
DEMO_REGION_CODE = "33.75"

#: Apps whose tables the summary counts.
_COUNTED_APPS = (
    "regions",
    "accounts",
    "trainees",
    "training",
    "assessment",
    "employers",
    "jobseekers",
    "placement",
    "outcomes",
    "planning",
    "social_security",
    "vacancies",
    "enterprise",
)


@dataclass
class DemoSummary:
    seed: int
    seconds: float
    #: "app_label.ModelName" -> rows, for every table with rows.
    counts: dict[str, int] = field(default_factory=dict)
    #: (region code, graduation year) -> (graduates, absorbed), by the outcomes definition.
    absorption: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)


def table_counts() -> dict[str, int]:
    """Rows of every table of the counted apps, as "app_label.ModelName" -> rows."""
    return {
        f"{label}.{model.__name__}": model._default_manager.count()
        for label in _COUNTED_APPS
        for model in apps.get_app_config(label).get_models()
    }


def demo_loaded() -> bool:
    from jejaring.regions.models import Region

    return Region.objects.filter(code=DEMO_REGION_CODE).exists()


def load_demo(*, seed: int = 2026) -> DemoSummary:
    """Load the whole demo into an empty database, atomically."""
    started = time.perf_counter()
    ctx = Ctx(seed=seed)
    with transaction.atomic():
        load_reference(ctx)
        load_employers(ctx)
        load_training(ctx)
        load_assessment(ctx)
        load_placement(ctx)
        load_outcomes(ctx)
        load_jobseekers(ctx)
        users = load_accounts(ctx)
        load_planning(ctx, users)
        load_social_security(ctx, users)
        load_vacancies(ctx)
        load_vacancy_referrals(ctx)
        load_enterprise(ctx, users)
    return DemoSummary(
        seed=seed,
        seconds=time.perf_counter() - started,
        counts={name: rows for name, rows in table_counts().items() if rows},
        absorption=dict(ctx.absorption),
        logins=demo_logins(),
    )

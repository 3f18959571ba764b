"""The test cast (architecture.md rule 9) and the switches for PostgreSQL and browser tests.

Cast: Kota Pekalongan ("region A") with its office staff, an LPKS and its operator, an
assessor, two companies with one HR user each, and two trainees; Kabupaten Kudus
("region B") with its own staff and records, which nobody in region A may see.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

IN_CI = os.environ.get("CI", "").lower() == "true"

# No per-example deadline: a property test asserts behaviour, not speed (speed is measured
# by the benchmarks in bench/), and on a busy 2-core machine an example can take longer
# than Hypothesis's default 200 ms without anything being wrong.
hypothesis_settings.register_profile("jejaring", deadline=None)
hypothesis_settings.load_profile("jejaring")


def _database_is_postgres() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _database_is_postgres():
        # Tests about SQLite itself (its online backup API) ran in the SQLite pass; they
        # are left out of this one, not skipped.
        sqlite_items = [item for item in items if item.get_closest_marker("sqlite")]
        if sqlite_items:
            config.hook.pytest_deselected(items=sqlite_items)
            items[:] = [item for item in items if not item.get_closest_marker("sqlite")]
        return
    pg_items = [item for item in items if item.get_closest_marker("postgres")]
    if not pg_items:
        return
    if IN_CI:
        # CI runs the suite a second time on PostgreSQL (.ci/run fails if it cannot), so
        # these are deselected here rather than skipped.
        config.hook.pytest_deselected(items=pg_items)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/dbname"
    )
    for item in pg_items:
        item.add_marker(skip)


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if os.path.exists(candidate) else None


@pytest.fixture(scope="session")
def pdftotext() -> str:
    """poppler's pdftotext, to read what a generated PDF says. Skips locally without it;
    fails under CI=true, where .ci/run installs it."""
    path = shutil.which("pdftotext")
    if path is None:
        message = "needs pdftotext: apt-get install poppler-utils"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser() -> Any:
    """Debian's chromium driven by Playwright, headless. Skips locally without chromium;
    fails under CI=true, where .ci/run installs it."""
    path = chromium_path()
    if path is None:
        message = "needs chromium: apt-get install chromium, or set CHROMIUM_PATH"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live server's ORM
    # calls happen in another thread, but the test's own fixtures run here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@dataclass
class Cast:
    region_a: Any
    region_b: Any
    staff_a: Any
    staff_b: Any
    operator: Any
    lpks: Any
    assessor_user: Any
    assessor: Any
    company_a: Any
    company_b: Any
    hr_a: Any
    hr_b: Any
    trainee_1: Any
    trainee_2: Any
    person_1: Any
    person_2: Any
    viewer: Any


@pytest.fixture
def cast(db: Any) -> Cast:
    return build_cast()


def build_cast() -> Cast:
    """The cast, created in the open database (also for module-scoped seeds)."""
    from jejaring.accounts.scope import Role
    from jejaring.accounts.tests.factories import MembershipFactory, UserFactory
    from jejaring.assessment.tests.factories import AssessorFactory
    from jejaring.employers.tests.factories import CompanyFactory
    from jejaring.regions.tests.factories import RegionFactory
    from jejaring.trainees.tests.factories import PersonFactory
    from jejaring.training.models import TrainingInstitution
    from jejaring.training.tests.factories import InstitutionFactory

    region_a = RegionFactory(code="33.75", name="Kota Pekalongan", slug="kota-pekalongan")
    region_b = RegionFactory(
        code="33.19", name="Kabupaten Kudus", slug="kabupaten-kudus", kind="kabupaten"
    )

    def member(username: str, region: Any, role: Role, **links: Any) -> Any:
        user = UserFactory(username=username)
        MembershipFactory(user=user, region=region, role=role, **links)
        return user

    lpks = InstitutionFactory(
        region=region_a, kind=TrainingInstitution.Kind.LPKS, name="LPKS Terampil Mandiri"
    )
    assessor = AssessorFactory()
    company_a = CompanyFactory(region=region_a, name="PT Garmen Sejahtera")
    company_b = CompanyFactory(region=region_a, name="Hotel Batik Indah")
    trainee_1 = UserFactory(username="peserta1")
    trainee_2 = UserFactory(username="peserta2")
    person_1 = PersonFactory(region=region_a, user=trainee_1)
    person_2 = PersonFactory(region=region_a, user=trainee_2)
    viewer = member("pemantau", region_a, Role.VIEWER)
    MembershipFactory(user=viewer, region=region_b, role=Role.VIEWER)
    return Cast(
        region_a=region_a,
        region_b=region_b,
        staff_a=member("staf.a", region_a, Role.OFFICE_STAFF),
        staff_b=member("staf.b", region_b, Role.OFFICE_STAFF),
        operator=member("operator.lpks", region_a, Role.OPERATOR, institution=lpks),
        lpks=lpks,
        assessor_user=member("asesor", region_a, Role.ASSESSOR, assessor=assessor),
        assessor=assessor,
        company_a=company_a,
        company_b=company_b,
        hr_a=member("hrd.a", region_a, Role.COMPANY_HR, company=company_a),
        hr_b=member("hrd.b", region_a, Role.COMPANY_HR, company=company_b),
        trainee_1=trainee_1,
        trainee_2=trainee_2,
        person_1=person_1,
        person_2=person_2,
        viewer=viewer,
    )

"""The demo's planning data: needs from all sixteen partner companies and a meeting, the
garment-mechanic need with its instructor gap, and plans within their envelopes."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

from jejaring.accounts.models import User
from jejaring.demo.loader import load_demo
from jejaring.employers.models import Company
from jejaring.planning import selectors, services
from jejaring.planning.models import IndustryNeed, TrainingPlan

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        load_demo()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _staff() -> User:
    return User.objects.get(username="staf.pekalongan")


def test_every_partner_company_has_stated_a_need(demo):
    partners = Company.objects.filter(region__code="33.75", is_partner=True).exclude(
        accepts_all_vocations=True
    )
    with_needs = partners.filter(needs__isnull=False).distinct()
    assert with_needs.count() == partners.count() == 16
    assert IndustryNeed.objects.filter(meeting__isnull=False, partner__isnull=False).exists()


def test_the_garment_mechanic_need_shows_as_unmet_with_an_instructor_gap(demo):
    analysis = selectors.gap_analysis_for(actor=_staff(), year=2027)
    mechanic = next(r for r in analysis.rows if r.vocation_name == "Mekanik Mesin Jahit Garmen")
    assert mechanic.needs == 6
    gap = selectors.instructor_gap_for(actor=_staff(), year=2027)
    mechanic_rows = [row for row in gap if row.line.vocation.code == "mekanik-mesin-jahit"]
    assert mechanic_rows and mechanic_rows[0].need is not None
    assert mechanic_rows[0].need.status == "searching"


def test_the_unmapped_demo_needs_get_a_suggestion(demo):
    need = IndustryNeed.objects.get(description="Teknisi mesin obras dan overdeck")
    suggestions = selectors.vocation_suggestions(text=need.description)
    assert suggestions[0].vocation.code == "mekanik-mesin-jahit"


def test_the_2027_plan_fits_its_envelopes_and_the_2025_plan_is_the_news(demo):
    plan_2027 = TrainingPlan.objects.get(year=2027)
    assert not any(c.over or c.missing for c in services.plan_envelope_checks(plan=plan_2027))
    plan_2025 = TrainingPlan.objects.get(year=2025)
    assert plan_2025.status == "approved"
    checks = services.plan_envelope_checks(plan=plan_2025)
    assert [(c.funding_source, c.envelope) for c in checks] == [("dbhcht", 4_307_000_000)]
    assert not checks[0].over

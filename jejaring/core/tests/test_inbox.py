"""The "Perlu tindakan" inbox on the home pages: most urgent first, nothing that counts
zero, the empty state, and as many queries for many waiting records as for a few."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from jejaring.core import inbox
from jejaring.core.inbox import InboxItem, InboxSource
from jejaring.core.scope import Role
from jejaring.core.tests.query_budget import assert_same_queries

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


def _items(*items):
    return lambda *, actor, today: list(items)


def test_items_come_most_urgent_first_and_empty_ones_are_left_out(monkeypatch, cast):
    late = InboxItem("Terlambat", "/a/", 1, TODAY - timedelta(days=3))
    soon = InboxItem("Segera", "/b/", 1, TODAY + timedelta(days=1))
    later = InboxItem("Nanti", "/c/", 9, TODAY + timedelta(days=9))
    big = InboxItem("Banyak", "/d/", 50)
    small = InboxItem("Sedikit", "/e/", 2)
    nothing = InboxItem("Kosong", "/f/", 0)
    other_role = InboxItem("Peran lain", "/g/", 1, TODAY - timedelta(days=30))
    monkeypatch.setattr(
        inbox,
        "_sources",
        lambda: (
            InboxSource(Role.OFFICE_STAFF, _items(small, later, nothing, big)),
            InboxSource(Role.OFFICE_STAFF, _items(soon, late, small)),
            InboxSource(Role.COMPANY_HR, _items(other_role)),
        ),
    )

    items = inbox.inbox_for(cast.staff_a, TODAY)

    assert [str(i.title) for i in items] == ["Terlambat", "Segera", "Nanti", "Banyak", "Sedikit"]
    assert items[0].overdue and not any(i.overdue for i in items[1:])


def test_the_home_page_puts_the_inbox_first_with_links_to_the_work(monkeypatch, client, cast):
    monkeypatch.setattr(
        inbox,
        "_sources",
        lambda: (InboxSource(Role.OPERATOR, _items(InboxItem("Isi kehadiran", "/kerja/", 3))),),
    )
    client.force_login(cast.operator)
    page = client.get(reverse("core:home")).content.decode()
    assert "Perlu tindakan" in page
    assert '<a class="inbox-item" href="/kerja/">' in page
    assert (
        page.index("Perlu tindakan") < page.index('class="cards"')
        if 'class="cards"' in page
        else True
    )


def test_a_home_page_with_nothing_to_do_says_so(client, cast):
    client.force_login(cast.hr_b)
    page = client.get(reverse("core:home")).content.decode()
    assert "Perlu tindakan" in page
    assert "Tidak ada yang perlu ditindaklanjuti" in page


# --- query budgets: as many queries with 12 waiting records of each kind as with 2 ------


def _office_rows(cast):
    from jejaring.internships.models import InternshipProgram
    from jejaring.internships.tests.factories import InternshipProgramFactory
    from jejaring.placement.models import AllocationRound
    from jejaring.planning.models import TrainingPlan
    from jejaring.planning.tests.factories import PlanFactory

    def add(n):
        for k in range(n):
            InternshipProgramFactory(
                company=cast.company_a,
                status=InternshipProgram.Status.SUBMITTED,
                decision_due_on=TODAY - timedelta(days=k % 3),
            )
            PlanFactory(region=cast.region_a, status=TrainingPlan.Status.SUBMITTED)
            AllocationRound.objects.create(
                region=cast.region_a, name=f"Putaran {k}", seed=k, status="closed"
            )

    return add


def _operator_rows(cast):
    from jejaring.training.models import Batch
    from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

    def add(n):
        for _k in range(n):
            batch = BatchFactory(program__institution=cast.lpks, status=Batch.Status.OPEN)
            EnrolmentFactory(batch=batch)

    return add


def _hr_rows(cast):
    from jejaring.employers.tests.factories import FormationFactory
    from jejaring.placement.tests.factories import ReferralFactory

    def add(n):
        for _k in range(n):
            ReferralFactory(formation=FormationFactory(company=cast.company_a))

    return add


def _trainee_rows(cast):
    from jejaring.employers.tests.factories import FormationFactory
    from jejaring.placement.tests.factories import ReferralFactory

    def add(n):
        for _k in range(n):
            ReferralFactory(
                formation=FormationFactory(company=cast.company_a), person=cast.person_1
            )

    return add


def _assessor_rows(cast):
    from jejaring.assessment.tests.factories import CandidateFactory, SessionFactory

    def add(n):
        for _k in range(n):
            session = SessionFactory(region=cast.region_a, assessors=[cast.assessor])
            CandidateFactory(session=session)

    return add


@pytest.mark.parametrize(
    ("who", "rows"),
    [
        ("staff_a", _office_rows),
        ("operator", _operator_rows),
        ("hr_a", _hr_rows),
        ("trainee_1", _trainee_rows),
        ("assessor_user", _assessor_rows),
    ],
)
def test_the_home_page_makes_as_many_queries_for_many_waiting_records_as_for_a_few(
    client, cast, who, rows
):
    client.force_login(getattr(cast, who))
    assert_same_queries(client, reverse("core:home"), add_rows=rows(cast), few=2, many=12)


def test_big_counts_stop_at_the_cap_and_keep_the_earliest_due_date(monkeypatch, cast):
    from jejaring.internships.models import InternshipProgram
    from jejaring.internships.tests.factories import InternshipProgramFactory

    monkeypatch.setattr(inbox, "COUNT_CAP", 2)
    for days in (5, 1, 3, 4):
        InternshipProgramFactory(
            company=cast.company_a, decision_due_on=TODAY - timedelta(days=days)
        )
    summary = inbox.summarise(InternshipProgram.objects.all(), "decision_due_on")
    assert (summary.count, summary.due) == (3, TODAY - timedelta(days=5))
    assert InboxItem("x", "/x/", summary.count).count_label == "2+"

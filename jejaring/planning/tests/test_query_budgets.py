"""Planning's list pages make as many queries for 200 rows as for 10 (issue 16, item 4;
see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from django.urls import reverse

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.employers.tests.factories import FormationFactory
from jejaring.planning import services
from jejaring.planning.tests.factories import (
    EnvelopeFactory,
    MeetingFactory,
    NeedFactory,
    PlanFactory,
    PlanLineFactory,
)
from jejaring.training.tests.factories import VocationFactory


def _needs(cast):
    def add(n):
        meeting = MeetingFactory(region=cast.region_a)
        NeedFactory.create_batch(
            n,
            region=cast.region_a,
            company=cast.company_a,
            meeting=meeting,
            vocation=VocationFactory(),
        )

    return add


def test_the_need_list_makes_as_many_queries_for_200_needs_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("planning:need_list"), add_rows=_needs(cast))


def test_the_need_api_list_makes_as_many_queries_for_200_needs_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_needs"), add_rows=_needs(cast))


def test_the_meeting_list_makes_as_many_queries_for_200_meetings_as_for_10(client, cast):
    def add(n):
        for meeting in MeetingFactory.create_batch(n, region=cast.region_a):
            NeedFactory(region=cast.region_a, meeting=meeting)

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("planning:meeting_list"), add_rows=add)


def test_the_gap_makes_as_many_queries_for_200_vocations_as_for_10(client, cast):
    plan = PlanFactory(region=cast.region_a, year=2027)

    def add(n):
        for vocation in VocationFactory.create_batch(n):
            NeedFactory(
                region=cast.region_a,
                vocation=vocation,
                mapping="confirmed",
                needed_by="2027-02-01",
            )
            FormationFactory(company=cast.company_a).vocations.add(vocation)
            PlanLineFactory(plan=plan, vocation=vocation)

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("planning:gap") + "?tahun=2027", add_rows=add)


def _plans(cast):
    def add(n):
        for plan in PlanFactory.create_batch(n, region=cast.region_a):
            PlanLineFactory(plan=plan)

    return add


def test_the_plan_list_makes_as_many_queries_for_200_plans_as_for_10(client, cast):
    EnvelopeFactory(region=cast.region_a, year=2027)
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("planning:plan_list"), add_rows=_plans(cast))


def test_the_plan_api_list_makes_as_many_queries_for_200_plans_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_plans"), add_rows=_plans(cast))


def test_a_plan_s_page_makes_as_many_queries_for_200_lines_as_for_10(client, cast):
    EnvelopeFactory(region=cast.region_a, year=2027)
    plan = PlanFactory(region=cast.region_a, year=2027)

    def add(n):
        for line in PlanLineFactory.create_batch(n, plan=plan):
            line.evidence.set(NeedFactory.create_batch(2, region=cast.region_a))

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("planning:plan_detail", args=[plan.pk]), add_rows=add)


def test_the_instructor_gap_makes_as_many_queries_for_200_needs_as_for_10(client, cast):
    plan = PlanFactory(region=cast.region_a)

    def add(n):
        for line in PlanLineFactory.create_batch(n, plan=plan):
            services.instructor_need_open(actor=cast.staff_a, line=line)

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("planning:instructor_gap"), add_rows=add)

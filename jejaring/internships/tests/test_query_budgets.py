"""The internship program list makes as many queries for 200 programs as for 10 (issue 16,
item 4; see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from django.urls import reverse

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.internships.tests.factories import (
    InternshipFormationFactory,
    InternshipProgramFactory,
)


def _programs(company):
    def add(n):
        for program in InternshipProgramFactory.create_batch(n, company=company):
            InternshipFormationFactory(company=company, internship_program=program)

    return add


def test_the_internship_program_list_makes_as_many_queries_for_200_programs_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("internships:internship_program_list"),
        add_rows=_programs(cast.company_a),
    )


def test_company_hr_s_internship_programs_make_as_many_queries_for_200_as_for_10(client, cast):
    client.force_login(cast.hr_a)
    assert_same_queries(
        client,
        reverse("internships:internship_program_list"),
        add_rows=_programs(cast.company_a),
    )

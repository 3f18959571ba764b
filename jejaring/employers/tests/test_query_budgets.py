"""The company and agreement lists make as many queries for 200 rows as for 10 (issue 16,
item 4; see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from django.urls import reverse

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.employers.tests.factories import AgreementFactory, CompanyFactory, FormationFactory


def _companies(cast):
    def add(n):
        for company in CompanyFactory.create_batch(n, region=cast.region_a):
            FormationFactory(company=company)
            AgreementFactory(company=company)

    return add


def test_the_company_list_makes_as_many_queries_for_200_companies_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("employers:company_list"), add_rows=_companies(cast))


def test_the_company_api_list_makes_as_many_queries_for_200_companies_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_companies"), add_rows=_companies(cast))


def test_the_agreement_list_makes_as_many_queries_for_200_agreements_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("employers:agreement_list"),
        add_rows=lambda n: [
            AgreementFactory(company=company)
            for company in CompanyFactory.create_batch(n, region=cast.region_a)
        ],
    )


def test_company_hr_s_agreement_list_makes_as_many_queries_for_200_agreements_as_for_10(
    client, cast
):
    client.force_login(cast.hr_a)
    assert_same_queries(
        client,
        reverse("employers:agreement_list"),
        add_rows=lambda n: AgreementFactory.create_batch(n, company=cast.company_a),
    )

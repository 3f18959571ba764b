"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from jejaring.outcomes.tests.factories import FollowUpFactory, IndicatorDefinitionFactory


def _referral_of_region_b(cast):
    from jejaring.employers.tests.factories import CompanyFactory
    from jejaring.placement.tests.factories import ReferralFactory

    company = CompanyFactory(region=cast.region_b)
    return ReferralFactory(formation__company=company, status="hired").pk


OUTSIDERS = {
    "referral_id": _referral_of_region_b,
    "follow_up_id": lambda cast: FollowUpFactory(region=cast.region_b).pk,
    "indicator_definition_id": lambda cast: IndicatorDefinitionFactory(region=cast.region_b).pk,
}
EXEMPT_PARAMETERS = {
    "answer_token": "public personal link: a signed token, checked by its signature",
    "public_region_slug": "public statistics page: published aggregates only, by design",
    "report_year": "a calendar year, not a record; the report covers the actor's own region",
}

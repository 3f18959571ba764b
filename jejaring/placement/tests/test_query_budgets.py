"""The referral list makes as many queries for 200 rows as for 10, and pages by cursor
(issue 16; see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from django.urls import reverse

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.tests.factories import ReferralFactory


def _referrals(cast):
    formation = FormationFactory(company__region=cast.region_a)
    return lambda n: ReferralFactory.create_batch(n, formation=formation)


def test_the_referral_list_makes_as_many_queries_for_200_referrals_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("placement:referral_list"), add_rows=_referrals(cast))


def test_the_referral_api_list_makes_as_many_queries_for_200_referrals_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_referrals"), add_rows=_referrals(cast))


def test_the_referral_list_goes_to_the_next_page_and_back_by_cursor(client, cast):
    _referrals(cast)(60)
    client.force_login(cast.staff_a)
    url = reverse("placement:referral_list")
    first = client.get(url).context["page_obj"]
    assert (len(first.rows), first.has_previous, first.has_next) == (50, False, True)
    second = client.get(url, {"cursor": first.next_cursor}).context["page_obj"]
    assert (len(second.rows), second.has_next) == (10, False)
    assert not {r.pk for r in first.rows} & {r.pk for r in second.rows}
    back = client.get(url, {"cursor": second.previous_cursor}).context["page_obj"]
    assert [r.pk for r in back.rows] == [r.pk for r in first.rows]
    assert first.count_display == "60"

"""The audit list makes as many queries for 200 events as for 10, and pages by cursor
(issue 16; see jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from jejaring.core import audit
from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.trainees.tests.factories import PersonFactory


def _events(cast):
    person = PersonFactory(region=cast.region_a)

    def add(n):
        with transaction.atomic():
            audit.record_many(actor=cast.staff_a, action="test.read", targets=[(person, None)] * n)

    return add


def test_the_audit_list_makes_as_many_queries_for_200_events_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("core:audit"), add_rows=_events(cast))


def test_the_audit_list_goes_to_the_next_page_by_cursor(client, cast):
    _events(cast)(60)
    client.force_login(cast.staff_a)
    url = reverse("core:audit")
    first = client.get(url).context["page_obj"]
    assert (len(first.rows), first.has_next) == (50, True)
    second = client.get(url, {"cursor": first.next_cursor}).context["page_obj"]
    assert (len(second.rows), second.has_next, second.has_previous) == (10, False, True)
    assert not {e.pk for e in first.rows} & {e.pk for e in second.rows}

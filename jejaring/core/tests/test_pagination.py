"""Keyset pagination: pages found by the key of the row next to them, never by an offset."""

import base64
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from jejaring.core.models import AuditEvent
from jejaring.core.pagination import SeekPage, seek_page
from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.models import Person
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

BY_NAME = ("full_name", "id")


@pytest.fixture
def people():
    """Seven people; three share the name "Sari", so the id breaks the tie."""
    region = RegionFactory()
    names = ["Ahmad", "Sari", "Budi", "Sari", "Dewi", "Sari", "Eko"]
    made = [PersonFactory(region=region, full_name=name) for name in names]
    return sorted(made, key=lambda p: (p.full_name, p.pk))


def _walk_forward(size, cursor=None):
    pages = []
    while True:
        page = seek_page(Person.objects.all(), ordering=BY_NAME, size=size, cursor=cursor)
        pages.append(page)
        if not page.has_next:
            return pages
        cursor = page.next_cursor


def test_the_first_page_holds_the_first_rows_and_points_only_forward(people):
    page = seek_page(Person.objects.all(), ordering=BY_NAME, size=3)
    assert page.rows == people[:3]
    assert page.has_next
    assert not page.has_previous


def test_the_next_cursor_gives_the_rows_after_the_page(people):
    first = seek_page(Person.objects.all(), ordering=BY_NAME, size=3)
    second = seek_page(Person.objects.all(), ordering=BY_NAME, size=3, cursor=first.next_cursor)
    assert second.rows == people[3:6]
    assert second.has_next
    assert second.has_previous


def test_the_previous_cursor_gives_back_the_page_before(people):
    first = seek_page(Person.objects.all(), ordering=BY_NAME, size=3)
    second = seek_page(Person.objects.all(), ordering=BY_NAME, size=3, cursor=first.next_cursor)
    back = seek_page(Person.objects.all(), ordering=BY_NAME, size=3, cursor=second.previous_cursor)
    assert back.rows == first.rows
    assert back.has_next
    assert not back.has_previous


def test_the_last_page_has_no_next_cursor(people):
    pages = _walk_forward(3)
    assert [len(page) for page in pages] == [3, 3, 1]
    assert pages[-1].rows == people[6:]
    assert not pages[-1].has_next
    assert pages[-1].has_previous


def test_a_page_that_ends_exactly_at_the_last_row_has_no_next_cursor(people):
    pages = _walk_forward(7)
    assert len(pages) == 1
    assert pages[0].rows == people


def test_rows_that_tie_on_the_first_key_are_neither_skipped_nor_repeated(people):
    # Page size 2 splits the three "Sari" across pages.
    walked = [row for page in _walk_forward(2) for row in page]
    assert walked == people


def test_walking_back_from_the_last_page_visits_every_page_in_reverse(people):
    pages = _walk_forward(2)
    back = [pages[-1]]
    while back[-1].has_previous:
        back.append(
            seek_page(
                Person.objects.all(), ordering=BY_NAME, size=2, cursor=back[-1].previous_cursor
            )
        )
    assert [page.rows for page in back] == [page.rows for page in reversed(pages)]


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 !",
        base64.urlsafe_b64encode(b"not json").decode(),
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["Sari"], "b": False}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["Sari", "x"], "b": False}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["Sari", 2**70], "b": False}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["Sa\x00ri", 1], "b": False}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": [None, 1], "b": True}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": [["x"], 1], "b": False}).encode()).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["Sari", 1], "b": "yes"}).encode()).decode(),
        "x" * 5000,
    ],
)
def test_a_malformed_or_tampered_cursor_gives_the_first_page(people, cursor):
    page = seek_page(Person.objects.all(), ordering=BY_NAME, size=3, cursor=cursor)
    assert page.rows == people[:3]
    assert not page.has_previous


def test_a_cursor_past_the_end_gives_the_first_page_rather_than_an_empty_one(people):
    last = seek_page(Person.objects.all(), ordering=BY_NAME, size=6).next_cursor
    Person.objects.filter(pk=people[-1].pk).delete()
    page = seek_page(Person.objects.all(), ordering=BY_NAME, size=6, cursor=last)
    assert page.rows == people[:6]


def test_descending_keys_page_from_the_newest_down_to_the_microsecond():
    start = timezone.now()
    events = [AuditEvent.objects.create(action=f"test.{n}") for n in range(5)]
    # Two events share a time, and times differ by microseconds only.
    times = [start, start + timedelta(microseconds=1), start + timedelta(microseconds=1)]
    times += [start + timedelta(microseconds=2), start + timedelta(seconds=1)]
    for event, when in zip(events, times, strict=True):
        AuditEvent.objects.filter(pk=event.pk).update(occurred_at=when)
    newest_first = sorted(events, key=lambda e: (times[events.index(e)], e.pk), reverse=True)
    ordering = ("-occurred_at", "-id")
    walked, cursor = [], None
    while True:
        page = seek_page(AuditEvent.objects.all(), ordering=ordering, size=2, cursor=cursor)
        walked += page.rows
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert walked == newest_first
    back = seek_page(
        AuditEvent.objects.all(), ordering=ordering, size=2, cursor=page.previous_cursor
    )
    assert back.rows == newest_first[2:4]


def test_a_page_reads_one_query_and_the_capped_count_one_more(people):
    with CaptureQueriesContext(connection) as plain:
        seek_page(Person.objects.all(), ordering=BY_NAME, size=3)
    with CaptureQueriesContext(connection) as counted:
        page = seek_page(Person.objects.all(), ordering=BY_NAME, size=3, count_cap=1000)
    assert len(plain) == 1
    assert len(counted) == 2
    assert "LIMIT" in counted[-1]["sql"].upper()
    assert page.count == 7
    assert page.count_display == "7"


def test_a_count_past_the_cap_shows_the_cap_and_a_plus(people):
    with translation.override("id"):
        page = seek_page(Person.objects.all(), ordering=BY_NAME, size=3, count_cap=5)
        assert page.count == 6
        assert page.count_display == "5+"
        big = SeekPage(rows=[], next_cursor=None, previous_cursor=None, count=1001, count_cap=1000)
        assert big.count_display == "1.000+"


def test_the_pager_links_keep_the_other_parameters_and_set_only_the_cursor(people):
    first = seek_page(Person.objects.all(), ordering=BY_NAME, size=3)
    second = seek_page(Person.objects.all(), ordering=BY_NAME, size=3, cursor=first.next_cursor)
    request = RequestFactory().get("/orang/", {"q": "sari", "cursor": first.next_cursor})
    with translation.override("id"):
        html = render_to_string("partials/seek_pager.html", {"page": second}, request)
    assert f"?q=sari&amp;cursor={second.next_cursor}" in html
    assert f"?q=sari&amp;cursor={second.previous_cursor}" in html
    assert "Sebelumnya" in html
    assert "Berikutnya" in html


def test_a_single_page_without_a_count_shows_no_pager(people):
    page = seek_page(Person.objects.all(), ordering=BY_NAME, size=50)
    request = RequestFactory().get("/orang/")
    assert render_to_string("partials/seek_pager.html", {"page": page}, request).strip() == ""

"""The data versions behind cached figures, and the database settings they rely on."""

import pytest
from django.db import connection

from jejaring.core import versions
from jejaring.core.models import DataVersion

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_postgresql_compiles_no_query_with_jit_for_the_app():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_a_bump_replaces_the_version_of_its_regions_and_of_any_region_once_committed(
    django_capture_on_commit_callbacks,
):
    before = versions.versions([7, 8], [versions.TRAINING])
    everywhere = versions.versions(None, [versions.TRAINING])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        versions.bump(7, versions.TRAINING)
    assert versions.versions([7, 8], [versions.TRAINING]) == before
    for callback in callbacks:
        callback()
    after = dict(versions.versions([7, 8], [versions.TRAINING]))
    assert after[(7, versions.TRAINING)] != dict(before)[(7, versions.TRAINING)]
    assert after[(8, versions.TRAINING)] == dict(before)[(8, versions.TRAINING)]
    assert versions.versions(None, [versions.TRAINING]) != everywhere


def test_a_figure_is_computed_once_per_version_and_shows_when_it_was_computed(
    django_capture_on_commit_callbacks,
):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    first = versions.cached(("card",), compute, region_ids=[3], topics=[versions.PEOPLE])
    again = versions.cached(("card",), compute, region_ids=[3], topics=[versions.PEOPLE])
    assert (first.value, again.value, again.as_of) == (1, 1, first.as_of)
    with django_capture_on_commit_callbacks(execute=True):
        versions.bump([3], versions.PEOPLE)
    assert versions.cached(("card",), compute, region_ids=[3], topics=[versions.PEOPLE]).value == 2
    assert DataVersion.objects.filter(region_id=3).count() == 1


def test_other_parts_of_the_key_never_share_a_figure():
    one = versions.cached(("card", {1, 2}), lambda: "a", region_ids=[1], topics=["people"])
    other = versions.cached(("card", {2, 3}), lambda: "b", region_ids=[1], topics=["people"])
    same = versions.cached(("card", {2, 1}), lambda: "c", region_ids=[1], topics=["people"])
    assert (one.value, other.value, same.value) == ("a", "b", "a")

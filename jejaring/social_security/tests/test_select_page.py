""" "Pilih semua di halaman ini" on the BPJS cover lists, without JavaScript: the box
applies the bulk change to exactly the rows the page showed, and an id slipped into the
page's hidden list that the office may not change is refused, changing nothing."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.social_security.models import Coverage
from jejaring.social_security.tests.factories import CoverageFactory
from jejaring.social_security.tests.outsiders import _coverage_of_region_b
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
# The filter shows three of the four people waiting to be registered.
LIST = "/bpjs/kepesertaan/?status=to_register&q=Sari"


@pytest.fixture
def covers(cast):
    batch = BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        start_date=TODAY + timedelta(days=5),
        end_date=TODAY + timedelta(days=60),
        status=Batch.Status.SELECTION,
    )

    def cover(name):
        person = PersonFactory(region=cast.region_a, full_name=name)
        enrolment = EnrolmentFactory(batch=batch, person=person, status=Enrolment.Status.ACCEPTED)
        return CoverageFactory(enrolment=enrolment, status="to_register")

    shown = [cover(f"Sari Dewi {n}") for n in range(3)]
    hidden = cover("Budi Santoso")
    return shown, hidden


def _page_ids(html):
    return [int(pk) for pk in re.findall(r'name="coverage_page" value="(\d+)"', html)]


def test_the_list_offers_all_on_this_page_listing_exactly_the_rows_shown(client, cast, covers):
    shown, _hidden = covers
    client.force_login(cast.staff_a)
    html = client.get(LIST).content.decode()
    assert "Pilih semua di halaman ini" in html
    assert sorted(_page_ids(html)) == sorted(c.pk for c in shown)
    assert 'src="/static/js/select_page.js"' in html
    assert "<script>" not in html


def test_all_on_this_page_changes_exactly_the_rows_shown(client, cast, covers):
    shown, hidden = covers
    client.force_login(cast.staff_a)
    page_ids = _page_ids(client.get(LIST).content.decode())
    data = {
        "status": "registered",
        "select_page": "coverage",
        "coverage_page": page_ids,
        "next": LIST,
    }
    asked = client.post("/bpjs/kepesertaan/status/", data)
    assert asked.status_code == 200
    assert "Status kepesertaan 3 peserta diubah menjadi “Terdaftar”" in asked.content.decode()
    assert not Coverage.objects.filter(status="registered").exists()
    done = client.post("/bpjs/kepesertaan/status/", {**data, "confirm": "1"}, follow=True)
    assert "Status 3 peserta diubah menjadi “Terdaftar”" in done.content.decode()
    assert sorted(page_ids) == sorted(c.pk for c in shown)
    assert set(Coverage.objects.filter(pk__in=page_ids).values_list("status", flat=True)) == {
        "registered"
    }
    hidden.refresh_from_db()
    assert hidden.status == "to_register"


def test_another_regions_id_in_the_page_list_is_refused_and_nothing_changes(client, cast, covers):
    shown, _hidden = covers
    foreign = _coverage_of_region_b(cast)
    client.force_login(cast.staff_a)
    data = {
        "status": "registered",
        "select_page": "coverage",
        "coverage_page": [*(c.pk for c in shown), foreign],
        "next": LIST,
    }
    for confirmed in ({}, {"confirm": "1"}):
        response = client.post("/bpjs/kepesertaan/status/", {**data, **confirmed}, follow=True)
        html = response.content.decode()
        assert "Kepesertaan tidak ditemukan atau bukan wewenang Anda" in html
        assert "tidak ada status yang diubah" in html
        assert set(
            Coverage.objects.filter(pk__in=[c.pk for c in shown]).values_list("status", flat=True)
        ) == {"to_register"}
        assert Coverage.objects.get(pk=foreign).status == "registered"


def test_without_the_box_the_page_list_is_ignored(client, cast, covers):
    shown, _hidden = covers
    client.force_login(cast.staff_a)
    data = {
        "status": "registered",
        "coverage": [shown[0].pk],
        "coverage_page": [c.pk for c in shown],
        "confirm": "1",
        "next": LIST,
    }
    client.post("/bpjs/kepesertaan/status/", data)
    statuses = {c.pk: c.status for c in Coverage.objects.filter(pk__in=[c.pk for c in shown])}
    assert statuses == {
        shown[0].pk: "registered",
        shown[1].pk: "to_register",
        shown[2].pk: "to_register",
    }


def test_the_batch_cover_page_offers_it_too(client, cast, covers):
    shown, hidden = covers
    client.force_login(cast.staff_a)
    batch = shown[0].enrolment.batch
    html = client.get(f"/bpjs/paket/{batch.pk}/").content.decode()
    assert "Pilih semua di halaman ini" in html
    assert sorted(_page_ids(html)) == sorted(c.pk for c in [*shown, hidden])

""" "Pilih semua di halaman ini" on the selection page, without JavaScript: the decision
goes to exactly the applicants the (filtered) page showed; an enrolment of another
region's batch slipped into the page's list is refused and nothing changes."""

import re

import pytest
from django.urls import reverse

from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import (
    BatchFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(cast):
    return BatchFactory(program__institution=cast.lpks, status=Batch.Status.SELECTION, capacity=10)


def _page_ids(html):
    return [int(pk) for pk in re.findall(r'name="enrolments_page" value="(\d+)"', html)]


def test_all_on_this_page_decides_exactly_the_applicants_shown(client, cast, batch):
    applied = EnrolmentFactory.create_batch(2, batch=batch, status=Enrolment.Status.APPLIED)
    waiting = EnrolmentFactory(batch=batch, status=Enrolment.Status.WAITLISTED)
    client.force_login(cast.operator)
    url = reverse("training:batch_selection", args=[batch.pk]) + "?status=applied"
    html = client.get(url).content.decode()
    assert "Pilih semua di halaman ini" in html
    assert "training/selection.js" not in html
    page_ids = _page_ids(html)
    assert sorted(page_ids) == sorted(e.pk for e in applied)
    data = {"decision": "shortlisted", "select_page": "enrolments", "enrolments_page": page_ids}
    asked = client.post(url, data)
    assert "2 pendaftar ditetapkan “Masuk seleksi”" in asked.content.decode()
    client.post(url, {**data, "confirm": "1"})
    assert {e.status for e in Enrolment.objects.filter(pk__in=page_ids)} == {"shortlisted"}
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.WAITLISTED


def test_another_regions_enrolment_in_the_page_list_is_refused(client, cast, batch):
    applied = EnrolmentFactory.create_batch(2, batch=batch, status=Enrolment.Status.APPLIED)
    elsewhere = BatchFactory(
        program=ProgramFactory(institution=InstitutionFactory(region=cast.region_b)),
        status=Batch.Status.SELECTION,
    )
    stranger = EnrolmentFactory(batch=elsewhere, status=Enrolment.Status.APPLIED)
    client.force_login(cast.operator)
    url = reverse("training:batch_selection", args=[batch.pk])
    response = client.post(
        url,
        {
            "decision": "shortlisted",
            "select_page": "enrolments",
            "enrolments_page": [*(e.pk for e in applied), stranger.pk],
            "confirm": "1",
        },
    )
    assert response.status_code == 422
    assert "Sebagian pendaftar tidak ditemukan di paket ini" in response.content.decode()
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"applied"}

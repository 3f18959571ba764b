"""A bulk status change asks for confirmation, saying how many people it concerns, and
starting a batch from the BPJS page before its start date needs a written reason."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.social_security.models import Coverage
from jejaring.social_security.tests.factories import CoverageFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def batch(cast):
    return BatchFactory(
        region=cast.region_a,
        institution=cast.lpks,
        program__institution=cast.lpks,
        start_date=TODAY + timedelta(days=5),
        end_date=TODAY + timedelta(days=60),
        status=Batch.Status.SELECTION,
    )


def _cover(batch, person):
    enrolment = EnrolmentFactory(batch=batch, person=person, status=Enrolment.Status.ACCEPTED)
    return CoverageFactory(enrolment=enrolment, status="to_register")


def test_a_bulk_status_change_without_confirmation_changes_nothing(client, cast, batch):
    covers = [_cover(batch, cast.person_1), _cover(batch, cast.person_2)]
    client.force_login(cast.staff_a)
    data = {"status": "registered", "coverage": [c.pk for c in covers]}
    response = client.post("/bpjs/kepesertaan/status/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Status kepesertaan 2 peserta diubah menjadi “Terdaftar”" in html
    assert html.count('name="coverage"') == 2
    assert set(Coverage.objects.values_list("status", flat=True)) == {"to_register"}
    client.post("/bpjs/kepesertaan/status/", {**data, "confirm": "1"})
    assert set(Coverage.objects.values_list("status", flat=True)) == {"registered"}


def test_the_bulk_form_names_its_action(client, cast, batch):
    _cover(batch, cast.person_1)
    client.force_login(cast.staff_a)
    html = client.get(f"/bpjs/paket/{batch.pk}/").content.decode()
    assert "Ubah status peserta terpilih" in html
    assert ">Mulai pelatihan</button>" in html


def test_starting_early_from_the_bpjs_page_needs_a_reason(client, cast, batch):
    client.force_login(cast.staff_a)
    refused = client.post(f"/bpjs/paket/{batch.pk}/mulai/", {"override_reason": ""})
    assert refused.status_code == 422
    assert "Tulis alasan untuk memulai pelatihan lebih awal" in refused.content.decode()
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SELECTION
    started = client.post(
        f"/bpjs/paket/{batch.pk}/mulai/",
        {"override_reason": "", "early_start_reason": "Jadwal instruktur maju"},
    )
    assert started.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.status_reason) == ("running", "Jadwal instruktur maju")

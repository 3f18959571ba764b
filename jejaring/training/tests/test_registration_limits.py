"""The public form's limits: accepted submissions per client address and per NIK, in
the shared cache, with the client's address read through the trusted proxy."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from jejaring.core import limits
from jejaring.core.errors import Conflict
from jejaring.core.models import AuditEvent
from jejaring.core.tests.test_limits import clear_limits
from jejaring.trainees.nik import format_nik
from jejaring.training import registration
from jejaring.training.models import Enrolment
from jejaring.training.tests.test_public_views import form_data
from jejaring.training.tests.test_registration import BIRTH, open_batch

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
CLIENT = "36.72.10.5"
NEIGHBOUR = "36.72.10.6"
TOO_MANY = "Terlalu banyak pendaftaran"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 1


@pytest.fixture(autouse=True)
def fresh_limits():
    clear_limits()


def nik(serial):
    return format_nik(district_code="33.75.01", birth_date=BIRTH, sex="F", serial=serial)


def person(serial):
    return form_data(
        nik=nik(serial),
        email=f"orang{serial}@example.id",
        phone=f"0812345{serial:05d}",
        full_name="Siti " + "abcdefghijklmnopqrstuvwxyz"[serial % 26].upper() + "ahayu",
    )


def submit(client, batch, data, address=CLIENT, spoofed=""):
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return client.post(
        f"/daftar/{batch.pk}/formulir/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded
    )


def batches_one_after_another(cast, count):
    today = timezone.localdate()
    return [
        open_batch(
            cast,
            start_date=today + timedelta(days=30 + 60 * index),
            end_date=today + timedelta(days=50 + 60 * index),
        )
        for index in range(count)
    ]


def test_ten_accepted_submissions_an_hour_from_one_client_address_then_no_more(client, cast):
    batch = open_batch(cast, capacity=30)
    for serial in range(1, 11):
        assert submit(client, batch, person(serial)).status_code == 302
    response = submit(client, batch, person(11))
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert Enrolment.objects.count() == 10


def test_another_client_behind_the_same_proxy_is_not_blocked_by_one_client_s_submissions(
    client, cast
):
    batch = open_batch(cast, capacity=30)
    for serial in range(1, 11):
        submit(client, batch, person(serial))
    assert submit(client, batch, person(11), spoofed=NEIGHBOUR).status_code == 429
    assert submit(client, batch, person(11), address=NEIGHBOUR).status_code == 302


def test_failed_submissions_do_not_count(client, cast, monkeypatch):
    batch = open_batch(cast, capacity=30)
    for _ in range(12):
        assert submit(client, batch, form_data(nik="1")).status_code == 422

    def refuse(**kwargs):
        raise Conflict("Ditolak.", code="refused")

    with monkeypatch.context() as patch:
        patch.setattr(registration, "registration_submit", refuse)
        for _ in range(12):
            assert submit(client, batch, person(1)).status_code == 422
    assert submit(client, batch, person(1)).status_code == 302


def test_a_nik_is_accepted_three_times_a_day_whoever_sends_it(client, cast):
    batches = batches_one_after_another(cast, 4)
    addresses = ["36.72.10.1", "36.72.10.2", "36.72.10.3", "36.72.10.4"]
    for batch, address in zip(batches[:3], addresses, strict=False):
        assert submit(client, batch, person(1), address=address).status_code == 302
    response = submit(client, batches[3], person(1), address=addresses[3])
    assert response.status_code == 429
    assert Enrolment.objects.filter(batch=batches[3]).count() == 0
    assert submit(client, batches[3], person(2), address=addresses[3]).status_code == 302


def test_the_limit_message_is_the_same_for_a_known_and_an_unknown_nik(client, cast):
    batch = open_batch(cast, capacity=30)
    for serial in range(1, 11):
        submit(client, batch, person(serial))
    known = submit(client, batch, person(1)).content.decode()
    unknown = submit(client, batch, person(99)).content.decode()
    message = TOO_MANY + ". Silakan coba lagi nanti."
    assert message in known and message in unknown


def test_the_limit_holds_for_another_process_and_after_local_memory_is_cleared(client, cast):
    batch = open_batch(cast, capacity=30)
    for serial in range(1, 11):
        submit(client, batch, person(serial))
    caches["default"].clear()
    del caches[limits.CACHE_ALIAS]
    assert submit(client, batch, person(11)).status_code == 429


def test_the_audit_event_of_a_registration_has_the_client_s_address(client, cast):
    batch = open_batch(cast)
    submit(client, batch, person(1), spoofed="8.8.8.8")
    event = AuditEvent.objects.get(action="training.enrolment.register")
    assert event.ip_address == CLIENT

"""The client's address behind trusted reverse proxies (jejaring.core.clientip)."""

import pytest
from django.test import RequestFactory

from jejaring.core.clientip import client_address

PROXY = "10.0.0.2"
CLIENT = "36.72.10.5"


def request_from(remote_addr, forwarded_for=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_connecting_address_is_the_client_and_the_header_is_ignored(
    settings,
):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from(CLIENT, "1.2.3.4")) == CLIENT


def test_behind_one_proxy_the_client_is_the_right_most_forwarded_address(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(PROXY, CLIENT)) == CLIENT


def test_a_spoofed_left_most_forwarded_address_is_not_believed(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(PROXY, f"8.8.8.8, {CLIENT}")) == CLIENT
    assert client_address(request_from(PROXY, f"rubbish, 8.8.8.8, {CLIENT}")) == CLIENT


def test_behind_two_proxies_the_client_is_two_hops_from_the_right(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 2
    forwarded = f"8.8.8.8, {CLIENT}, 10.0.0.1"
    assert client_address(request_from(PROXY, forwarded)) == CLIENT


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_connecting_address(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from(PROXY, CLIENT)) == PROXY
    assert client_address(request_from(PROXY)) == PROXY


def test_an_ipv6_client_behind_a_proxy_is_read_as_well(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(PROXY, "2001:db8::7")) == "2001:db8::7"


def test_a_request_without_any_usable_address_has_none(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("")) is None


@pytest.mark.parametrize("value", ["-1", "satu"])
def test_a_bad_proxy_count_stops_the_process(monkeypatch, value):
    from django.core.exceptions import ImproperlyConfigured

    from config.env import env_int

    monkeypatch.setenv("JEJARING_TRUSTED_PROXY_COUNT", value)
    with pytest.raises(ImproperlyConfigured, match="JEJARING_TRUSTED_PROXY_COUNT"):
        env_int("JEJARING_TRUSTED_PROXY_COUNT", 0, minimum=0)


@pytest.mark.django_db
def test_the_audit_trail_records_the_client_s_address_not_the_proxy_s(client, cast, settings):
    from django.urls import reverse

    from jejaring.core.models import AuditEvent

    settings.JEJARING_TRUSTED_PROXY_COUNT = 1
    client.force_login(cast.staff_a)
    client.post(
        reverse("trainees:person_reveal_nik", args=[cast.person_1.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"8.8.8.8, {CLIENT}",
    )
    event = AuditEvent.objects.get(action="trainees.person.reveal_nik")
    assert event.ip_address == CLIENT

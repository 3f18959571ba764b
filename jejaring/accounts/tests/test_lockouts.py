"""Login lockouts keyed on username and client address behind a proxy, and the office's
unlock."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from jejaring.accounts import audit_actions as actions
from jejaring.accounts import selectors, services
from jejaring.accounts.tests.factories import PASSWORD, UserFactory
from jejaring.core.errors import NotFound
from jejaring.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
ATTACKER = "36.72.10.5"
STAFF_AT_HOME = "114.4.20.9"


@pytest.fixture
def behind_one_proxy(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 1


def sign_in(client, username, password, address, spoofed=""):
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def lock_out(client, username, address):
    for _ in range(5):
        sign_in(client, username, "salah", address)


def test_behind_a_proxy_five_wrong_passwords_from_one_client_do_not_lock_the_user_out_for_another(
    client, cast, behind_one_proxy
):
    lock_out(client, "staf.a", ATTACKER)
    assert sign_in(client, "staf.a", PASSWORD, ATTACKER).status_code == 429
    response = sign_in(client, "staf.a", PASSWORD, STAFF_AT_HOME)
    assert response.status_code == 302


def test_the_client_s_address_is_recorded_not_the_proxy_s(client, cast, behind_one_proxy):
    lock_out(client, "staf.a", ATTACKER)
    addresses = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert addresses == {ATTACKER}


def test_a_spoofed_forwarded_address_neither_escapes_nor_shifts_the_lockout(
    client, cast, behind_one_proxy
):
    for index in range(5):
        sign_in(client, "staf.a", "salah", ATTACKER, spoofed=f"198.51.100.{index}")
    assert sign_in(client, "staf.a", PASSWORD, ATTACKER, spoofed="8.8.8.8").status_code == 429
    assert sign_in(client, "staf.a", PASSWORD, STAFF_AT_HOME, spoofed=ATTACKER).status_code == 302


def lockouts_page(client, actor):
    client.force_login(actor)
    return client.get(reverse("accounts:lockouts"))


def test_office_staff_see_the_lockouts_of_accounts_of_their_region_only(
    client, cast, behind_one_proxy
):
    lock_out(client, "staf.a", ATTACKER)
    lock_out(client, "peserta1", ATTACKER)
    lock_out(client, "staf.b", ATTACKER)
    lock_out(client, "tidak.ada", ATTACKER)
    body = lockouts_page(client, cast.staff_a).content.decode()
    assert "staf.a" in body and "peserta1" in body and ATTACKER in body
    assert "staf.b" not in body and "tidak.ada" not in body


def test_a_superuser_sees_every_lockout(client, cast, behind_one_proxy):
    lock_out(client, "staf.b", ATTACKER)
    lock_out(client, "tidak.ada", ATTACKER)
    body = lockouts_page(client, UserFactory(is_superuser=True)).content.decode()
    assert "staf.b" in body and "tidak.ada" in body


def test_fewer_failures_than_the_limit_are_not_a_lockout(client, cast, behind_one_proxy):
    for _ in range(4):
        sign_in(client, "staf.a", "salah", ATTACKER)
    assert selectors.lockout_list_for(actor=cast.staff_a) == []


def test_a_lockout_ends_with_its_cool_off(client, cast, behind_one_proxy):
    lock_out(client, "staf.a", ATTACKER)
    later = timezone.now() + timedelta(minutes=16)
    assert selectors.lockout_list_for(actor=cast.staff_a, now=later) == []


def test_office_staff_unlock_an_account_for_the_address_it_was_locked_for_and_it_is_audited(
    client, cast, behind_one_proxy
):
    lock_out(client, "staf.a", ATTACKER)
    lock_out(client, "staf.a", STAFF_AT_HOME)
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("accounts:lockout_release"),
        {"username": "staf.a", "address": STAFF_AT_HOME},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="114.4.20.10",
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(ip_address=STAFF_AT_HOME).exists()
    assert AccessAttempt.objects.filter(ip_address=ATTACKER).exists()
    event = AuditEvent.objects.get(action=actions.LOCKOUT_RELEASE)
    assert event.actor == cast.staff_a
    assert event.region == cast.region_a
    assert event.target_id == str(cast.staff_a.pk)
    assert event.ip_address == "114.4.20.10"
    assert event.changes["address"] == [STAFF_AT_HOME, STAFF_AT_HOME]
    client.logout()
    assert sign_in(client, "staf.a", PASSWORD, ATTACKER).status_code == 429
    assert sign_in(client, "staf.a", PASSWORD, STAFF_AT_HOME).status_code == 302


def test_office_staff_cannot_unlock_an_account_of_another_region(client, cast, behind_one_proxy):
    lock_out(client, "staf.b", ATTACKER)
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("accounts:lockout_release"), {"username": "staf.b", "address": ATTACKER}
    )
    assert response.status_code == 404
    assert AccessAttempt.objects.filter(username="staf.b").exists()
    assert not AuditEvent.objects.filter(action=actions.LOCKOUT_RELEASE).exists()
    with pytest.raises(NotFound):
        services.lockout_release(actor=cast.staff_a, username="staf.b", ip_address=ATTACKER)


@pytest.mark.parametrize("actor_name", ["operator", "hr_a", "trainee_1", "viewer", "staff_b"])
def test_outsiders_get_a_404_from_the_lockout_pages(client, cast, behind_one_proxy, actor_name):
    lock_out(client, "staf.a", ATTACKER)
    actor = getattr(cast, actor_name)
    client.force_login(actor)
    release = client.post(
        reverse("accounts:lockout_release"), {"username": "staf.a", "address": ATTACKER}
    )
    assert release.status_code == 404
    assert AccessAttempt.objects.filter(username="staf.a").exists()
    if actor_name != "staff_b":
        assert client.get(reverse("accounts:lockouts")).status_code == 404


def test_the_lockout_page_is_in_the_office_menu(client, cast):
    client.force_login(cast.staff_a)
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("accounts:lockouts") in html

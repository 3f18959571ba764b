"""Logging in, landing on one's own home page, the audit page, the language switch."""

import pytest
from django.urls import reverse

from jejaring.accounts.tests.factories import PASSWORD
from jejaring.core.models import AuditEvent
from jejaring.trainees import services
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_public_landing_page_needs_no_login(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_landing_page_leads_the_public_to_what_needs_no_login(client):
    page = client.get("/").content.decode()
    for name in (
        "registration:batch_list",
        "employers:public_formation_list",
        "outcomes:public_index",
        "verify:lookup",
    ):
        target = reverse(name)
        assert f'href="{target}"' in page
        assert client.get(target).status_code == 200


def test_the_home_page_needs_a_login(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_logging_in_with_the_right_password_lands_on_the_home_page(client, cast):
    response = client.post(
        reverse("accounts:login"), {"username": "staf.a", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Kota Pekalongan" in response.content.decode()


@pytest.mark.parametrize(
    ("actor_name", "template"),
    [
        ("staff_a", "core/home_office.html"),
        ("operator", "core/home_operator.html"),
        ("assessor_user", "core/home_assessor.html"),
        ("hr_a", "core/home_company_hr.html"),
        ("trainee_1", "core/home_trainee.html"),
        ("viewer", "core/home_viewer.html"),
    ],
)
def test_each_role_lands_on_its_own_home_page(client, cast, actor_name, template):
    client.force_login(getattr(cast, actor_name))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert template in [t.name for t in response.templates]


def test_the_operator_home_names_their_institution_only(client, cast):
    client.force_login(cast.operator)
    html = client.get(reverse("core:home")).content.decode()
    assert "LPKS Terampil Mandiri" in html


def test_the_viewer_home_shows_both_granted_regions(client, cast):
    client.force_login(cast.viewer)
    html = client.get(reverse("core:home")).content.decode()
    assert "Kota Pekalongan" in html and "Kabupaten Kudus" in html


def test_five_failed_logins_lock_the_account_for_a_while(client, cast):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "staf.a", "password": "salah"})
    response = client.post(reverse("accounts:login"), {"username": "staf.a", "password": PASSWORD})
    assert response.status_code == 429
    assert "dikunci sementara" in response.content.decode()


def test_the_audit_page_filters_by_object(client, cast):
    one = PersonFactory(region=cast.region_a)
    two = PersonFactory(region=cast.region_a)
    services.person_reveal_nik(actor=cast.staff_a, person=one)
    services.person_reveal_nik(actor=cast.staff_a, person=two)
    client.force_login(cast.staff_a)
    response = client.get(
        reverse("core:audit"), {"objek": "trainees.person", "id_objek": str(one.pk)}
    )
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [AuditEvent.objects.get(target_id=str(one.pk))]


def test_the_audit_page_filters_by_actor_and_date(client, cast):
    services.person_reveal_nik(actor=cast.staff_a, person=cast.person_1)
    client.force_login(cast.staff_a)
    found = client.get(reverse("core:audit"), {"pelaku": "staf.a"})
    assert len(found.context["page_obj"]) == 1
    none = client.get(reverse("core:audit"), {"pelaku": "staf.a", "sampai": "2000-01-01"})
    assert len(none.context["page_obj"]) == 0


def test_the_audit_page_shows_no_events_of_another_region(client, cast):
    other = PersonFactory(region=cast.region_b)
    services.person_reveal_nik(actor=cast.staff_b, person=other)
    client.force_login(cast.staff_a)
    assert len(client.get(reverse("core:audit")).context["page_obj"]) == 0


def test_only_office_staff_open_the_audit_page(client, cast):
    client.force_login(cast.operator)
    assert client.get(reverse("core:audit")).status_code == 404


def test_the_language_switch_turns_the_interface_english(client, cast):
    client.force_login(cast.staff_a)
    assert "Beranda" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/beranda/"})
    assert "Home" in client.get(reverse("core:home")).content.decode()


def test_password_reset_sends_an_email_with_a_working_link(client, cast, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": cast.staff_a.email})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/akun/atur-ulang/" in line)
    response = client.get(link.split("testserver", 1)[1], follow=True)
    assert response.context["validlink"]


def test_an_english_browser_still_gets_the_indonesian_interface_by_default(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html

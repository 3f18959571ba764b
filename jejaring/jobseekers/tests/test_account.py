"""An online AK/1 registration's account: invited on the typed email (the same rule as a
training registration), bound to the person only when the office, KTP in hand, confirms
the address with them at issue; never re-bound."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from jejaring.accounts.models import User
from jejaring.core.models import AuditEvent
from jejaring.jobseekers import services
from jejaring.jobseekers.services import DocumentCheck, JobWish, OnlineIdentity
from jejaring.trainees.nik import format_nik

pytestmark = pytest.mark.django_db

WISH = JobWish(
    education="smk",
    education_major="Tata Busana",
    occupation_title="Penjahit",
    occupation_code="7531",
    wanted_location="Kota Pekalongan",
)
BORN = date(2000, 8, 9)
NIK = format_nik(district_code="33.75.03", birth_date=BORN, sex="F", serial=901)


def _register(cast, *, nik=NIK, email="rina@example.com", sex="F", born=BORN):
    return services.card_register_online(
        region=cast.region_a,
        wish=WISH,
        identity=OnlineIdentity(
            nik=nik,
            full_name="Rina Marlina",
            sex=sex,
            birth_date=born,
            phone="0812 1111 2222",
            email=email,
            consent=True,
        ),
        base_url="https://jejaring.example.go.id/",
    )


def _issue(cast, card, photo, *, bind):
    return services.card_issue(
        actor=cast.staff_a,
        card=card,
        documents=DocumentCheck(ktp=True, diploma=True),
        photo=photo(),
        bind_account=bind,
    )


def test_an_online_registration_with_an_email_invites_an_account_that_is_not_yet_bound(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        card = _register(cast)
    account = User.objects.get(email="rina@example.com")
    assert card.applicant_user == account
    assert card.person.user is None
    assert any("https://jejaring.example.go.id/" in message.body for message in mail.outbox)


def test_a_registration_of_a_nik_with_an_open_card_still_invites_alike(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _register(cast) is not None
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert _register(cast, email="orang.lain@example.com") is None
    # The same mail whatever the NIK's state: nothing to learn from it.
    assert len(mail.outbox) == sent + 1
    assert User.objects.filter(email="orang.lain@example.com").exists()


def test_issuing_with_the_address_confirmed_binds_the_account_and_the_holder_sees_the_card(
    cast, photo, client
):
    card = _register(cast)
    issued = _issue(cast, card, photo, bind=True)
    issued.person.refresh_from_db()
    assert issued.person.user == card.applicant_user
    event = AuditEvent.objects.get(action="jobseekers.card.issue")
    assert event.changes["account_bound"] == [False, True]

    client.force_login(card.applicant_user)
    page = client.get(reverse("jobseekers:my_cards"))
    assert issued.number in page.content.decode()
    pdf = client.get(reverse("jobseekers:card_download", kwargs={"card_id": issued.pk}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_issuing_without_the_confirmation_binds_nothing(cast, photo, client):
    card = _register(cast)
    issued = _issue(cast, card, photo, bind=False)
    issued.person.refresh_from_db()
    assert issued.person.user is None
    client.force_login(card.applicant_user)
    assert issued.number not in client.get(reverse("jobseekers:my_cards")).content.decode()


def test_a_person_with_an_account_already_is_never_rebound(cast, photo):
    person = cast.person_1  # bound to trainee_1's account
    card = _register(cast, nik=person.nik, sex=person.sex, born=person.birth_date)
    assert card is not None and card.person == person
    _issue(cast, card, photo, bind=True)
    person.refresh_from_db()
    assert person.user == cast.trainee_1
    event = AuditEvent.objects.get(action="jobseekers.card.issue")
    assert event.changes["account_bound"] == [False, False]


def test_the_issue_form_offers_the_binding_only_with_an_online_account(cast, client):
    client.force_login(cast.staff_a)
    with_account = _register(cast)
    page = client.get(reverse("jobseekers:card_detail", kwargs={"card_id": with_account.pk}))
    assert "rina@example.com" in page.content.decode()
    assert 'name="bind_account"' in page.content.decode()
    other = format_nik(district_code="33.75.01", birth_date=BORN, sex="F", serial=902)
    without = _register(cast, nik=other, email="")
    page = client.get(reverse("jobseekers:card_detail", kwargs={"card_id": without.pk}))
    assert 'name="bind_account"' not in page.content.decode()

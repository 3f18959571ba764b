"""A phone number is enough to register (issue 17 item 5): without an email there is no
account and no mail, the answer is the same whatever the NIK's state, and the selection
decision waits as WhatsApp text for office staff."""

import pytest
from django.core import mail
from django.urls import reverse

from jejaring.core.errors import ValidationError
from jejaring.notices.models import Notification
from jejaring.trainees.nik import format_nik
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Enrolment
from jejaring.training.services import enrolment_decide
from jejaring.training.tests.test_registration import BIRTH, NIK, data, open_batch, submit

pytestmark = pytest.mark.django_db


def test_a_registration_without_email_needs_only_a_phone_and_makes_no_account(
    cast, django_capture_on_commit_callbacks
):
    batch = open_batch(cast)
    enrolment = submit(batch, data(email=""), django_capture_on_commit_callbacks)
    assert enrolment.applicant_user is None
    assert enrolment.applicant["phone"] == "+6281234567890"
    assert mail.outbox == []


def test_a_bad_email_is_still_refused_and_a_phone_still_required(cast):
    batch = open_batch(cast)
    from jejaring.training.registration import registration_submit

    for bad in (data(email="bukan email"), data(email="", phone="")):
        with pytest.raises(ValidationError):
            registration_submit(batch_id=batch.pk, data=bad)
    assert not Enrolment.objects.exists()


def test_the_public_form_answers_alike_without_email_whatever_the_nik_state(client, cast):
    batch = open_batch(cast)
    form = {
        "nik": NIK,
        "full_name": "Siti Rahayu",
        "sex": "F",
        "birth_date": "2001-05-17",
        "birth_place": "Pekalongan",
        "education": "smk",
        "address": "Jl. Hayam Wuruk 5",
        "domicile_regency_code": "33.75",
        "domicile_district_code": "33.75.01",
        "phone": "0812 3456 7890",
        "email": "",
        "consent": "on",
    }
    url = reverse("registration:register", args=[batch.pk])
    first = client.post(url, form)
    other = format_nik(district_code="33.75.01", birth_date=BIRTH, sex="F", serial=13)
    PersonFactory(region=cast.region_b, nik=other)
    known_elsewhere = client.post(url, {**form, "nik": other})
    again = client.post(url, form)
    done = reverse("registration:done", args=[batch.pk])
    assert [r.status_code for r in (first, known_elsewhere, again)] == [302, 302, 302]
    assert {r["Location"] for r in (first, known_elsewhere, again)} == {done}


def test_the_decision_for_a_phone_only_applicant_waits_as_whatsapp_text(
    client, cast, django_capture_on_commit_callbacks
):
    batch = open_batch(cast)
    enrolment = submit(batch, data(email=""), django_capture_on_commit_callbacks)
    batch.status = batch.Status.SELECTION
    batch.save()
    enrolment_decide(
        actor=cast.operator,
        batch=batch,
        enrolment_ids=[enrolment.pk],
        decision=Enrolment.Status.REJECTED,
        reason="Kuota penuh",
    )
    (notification,) = Notification.objects.all()
    assert (notification.user_id, notification.email) == (None, "")
    assert notification.phone == "+6281234567890"
    client.force_login(cast.staff_a)
    rows = client.get(reverse("notices:whatsapp")).context["rows"]
    assert [row["notification"] for row in rows] == [notification]
    assert "Kuota penuh" not in rows[0]["message"]

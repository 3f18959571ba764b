"""Notifications: stored per recipient, mailed by the worker after commit, listed to
their owner only, and queued as WhatsApp text for office staff when there is no email."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from jejaring.core.models import AuditEvent
from jejaring.notices import audit_actions
from jejaring.notices.models import Notification
from jejaring.notices.services import (
    Recipient,
    notification_emails_retry,
    notify,
)

pytestmark = pytest.mark.django_db


def _tell(cast, *recipients, kind="selection_accepted", region=None, **kwargs):
    with transaction.atomic():
        return notify(
            kind=kind,
            region_id=(region or cast.region_a).pk,
            recipients=list(recipients),
            link="/pelatihan-saya/",
            params={"batch": "Menjahit Angkatan I"},
            **kwargs,
        )


def test_mail_goes_out_from_the_worker_after_commit_and_carries_only_title_name_and_link(
    cast, django_capture_on_commit_callbacks, settings
):
    settings.PUBLIC_BASE_URL = "https://jejaring.example"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (notification,) = _tell(cast, Recipient(email="siti@example.id", name="Siti Rahayu"))
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    (message,) = mail.outbox
    assert message.to == ["siti@example.id"]
    assert message.subject == "Anda diterima sebagai peserta pelatihan"
    assert "Halo Siti Rahayu," in message.body
    assert "https://jejaring.example/pelatihan-saya/" in message.body
    assert "Menjahit" not in message.body
    notification.refresh_from_db()
    assert notification.email_sent_at is not None and notification.email_attempts == 1


def test_a_rolled_back_write_tells_nobody(cast, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(
            kind="selection_accepted",
            region_id=cast.region_a.pk,
            recipients=[Recipient(user_id=cast.trainee_1.pk, email="a@example.id")],
            link="/",
        )
        raise RuntimeError
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_no_mail_without_an_address_and_nobody_unreachable_is_stored(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = _tell(cast, Recipient(user_id=cast.trainee_1.pk), Recipient(name="Nobody"))
    assert [n.user_id for n in created] == [cast.trainee_1.pk]
    assert mail.outbox == []


def test_a_failed_send_is_kept_for_a_retry_and_never_reaches_the_actor(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr("jejaring.notices.services.send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _tell(cast, Recipient(email="siti@example.id"))
    notification.refresh_from_db()
    assert notification.email_sent_at is None
    assert notification.email_attempts == 1 and "smtp down" in notification.email_error
    monkeypatch.undo()
    assert notification_emails_retry() == 1
    assert notification_emails_retry() == 0
    assert [m.to for m in mail.outbox] == [["siti@example.id"]]


def test_the_actor_is_not_told_of_their_own_act_and_a_key_tells_once(cast):
    created = _tell(
        cast,
        Recipient.of_user(cast.hr_a),
        Recipient.of_user(cast.hr_b),
        exclude_user=cast.hr_a,
    )
    assert [n.user_id for n in created] == [cast.hr_b.pk]
    assert len(_tell(cast, Recipient.of_user(cast.hr_b), key="once")) == 1
    assert _tell(cast, Recipient.of_user(cast.hr_b), key="once") == []


def test_the_notification_page_lists_only_one_s_own_and_opening_marks_it_read(client, cast):
    (mine,) = _tell(cast, Recipient(user_id=cast.trainee_1.pk))
    _tell(cast, Recipient(user_id=cast.trainee_2.pk), kind="selection_rejected")
    client.force_login(cast.trainee_1)
    page = client.get(reverse("notices:list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anda diterima sebagai peserta pelatihan" in text
    assert "Menjahit Angkatan I" in text
    assert "belum diterima" not in text
    assert page.context["unread_notifications"] == 1
    response = client.post(reverse("notices:open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/pelatihan-saya/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get(reverse("notices:list")).context["unread_notifications"] == 0


def test_nobody_opens_or_marks_another_s_notification(client, cast):
    (theirs,) = _tell(cast, Recipient(user_id=cast.trainee_2.pk))
    client.force_login(cast.trainee_1)
    assert client.post(reverse("notices:open", args=[theirs.pk])).status_code == 404
    client.post(reverse("notices:read_all"))
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_office_staff_get_the_whatsapp_text_for_people_without_email_in_their_region(client, cast):
    (by_phone,) = _tell(cast, Recipient(phone="+6281234567890", name="Siti Rahayu"))
    _tell(cast, Recipient(phone="+6281200000000", email="punya@example.id"))
    _tell(cast, Recipient(phone="+6281299999999"), region=cast.region_b)
    client.force_login(cast.staff_a)
    page = client.get(reverse("notices:whatsapp"))
    assert [row["notification"] for row in page.context["rows"]] == [by_phone]
    link = urlparse(page.context["rows"][0]["whatsapp"])
    assert link.netloc == "wa.me" and link.path == "/6281234567890"
    text = parse_qs(link.query)["text"][0]
    assert text.startswith("Halo Siti Rahayu,") and "/pelatihan-saya/" in text

    response = client.post(reverse("notices:whatsapp_sent", args=[by_phone.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=audit_actions.WHATSAPP_SENT).count() == 1
    assert list(client.get(reverse("notices:whatsapp")).context["rows"]) == []

    client.force_login(cast.staff_b)
    assert client.post(reverse("notices:whatsapp_sent", args=[by_phone.pk])).status_code == 404
    client.force_login(cast.trainee_1)
    assert client.get(reverse("notices:whatsapp")).status_code == 404


def test_a_count_in_a_notice_is_written_in_the_reader_s_language():
    from django.utils import translation

    from jejaring.notices.kinds import body_of

    params = {"round": "Tahap 2026", "count": 1250, "company": "PT Garmen Sejahtera"}
    with translation.override("id"):
        assert "menyalurkan 1.250 kandidat" in body_of("allocation_company", params)
    with translation.override("en"):
        assert "1,250" in body_of("allocation_company", params)
